import type { MotivationTerms } from '#domain/motivation/index.js';
import { monthOf, nextMonth, periodOfMonth } from '#domain/shared/months.js';
import type { AssignStep, CareStep, RefundStep } from './care-plan.js';
import type { CouncilStep, Ruling } from './council-plan.js';
import { soleActor, staffMember, stillThere } from './demo-company.js';
import { addMonths, DAY, HOUR, iso, MINUTE, workingDayFrom, type DemoPeriod, type PlannedBase, type Recorded } from './planning.js';

/*
 * Motivation: the council adopts the rule in its first weeks, and a second version a year on; HR
 * closes each month on the first working day after it, so that a history of n months ends with n
 * closed. Twice, in the first months that have an agent to pick, a batch of refunds a care agent
 * handled by phone is entered from the paper log after its month closed: the next close books the
 * fall of that agent's coefficient as an adjustment.
 */

interface MotivationBase extends PlannedBase {
  readonly context: 'motivation';
}

export interface AdoptRuleStep extends MotivationBase {
  readonly type: 'adopt-motivation-rule';
  /** The plan's key of the proposal the council adopted the version by. */
  readonly proposal: string;
  readonly effectiveFrom: string;
  readonly terms: MotivationTerms;
}

export interface CloseMonthStep extends MotivationBase {
  readonly type: 'close-motivation-month';
  readonly month: string;
}

export type MotivationStep = Recorded<AdoptRuleStep | CloseMonthStep>;

interface RuleVersion extends Ruling {
  readonly terms: MotivationTerms;
}

const BANDS = [
  { fromScore: 0, coefficient: 0 },
  { fromScore: 0.8, coefficient: 0.5 },
  { fromScore: 0.95, coefficient: 1 },
  { fromScore: 1.1, coefficient: 1.2 },
];

/** The versions of the rule the council is asked to adopt: the first at once, the second after a year. */
export function motivationRulings(period: DemoPeriod): RuleVersion[] {
  return [
    {
      from: period.start.getTime(),
      text: 'Adopt the motivation rule: pay the monthly bonus by the scorecard',
      rationale: 'The standards are checked every month; the bonus should follow them: KPIs 60 %, standards 25 %, training 15 %',
      terms: { weights: { kpis: 60, standardCompliance: 25, trainingPlans: 15 }, attainmentCap: 1.2, bands: BANDS, coefficientWithoutData: 1 },
    },
    {
      from: addMonths(period.start, 12).getTime(),
      text: 'Adopt version 2 of the motivation rule: more weight on the standards',
      rationale: 'A year of statements shows the KPIs outweigh the standards; the council asked for standards at 35 %',
      terms: {
        weights: { kpis: 50, standardCompliance: 35, trainingPlans: 15 },
        attainmentCap: 1.3,
        bands: [...BANDS, { fromScore: 1.2, coefficient: 1.3 }],
        coefficientWithoutData: 1,
      },
    },
  ];
}

const LATE_CORRECTIONS = 2;
/** Nine in the morning UTC, noon in Moscow. */
const CLOSING_HOUR = 9 * HOUR;
const LATE_REFUNDS_PER_RETENTION = 3;
/** The share of clients kept that is well over every care agent's target. */
const KEPT_MOST = 0.6;
/** The cases entered late carry it in their ids. */
export const LATE_CASE_PREFIX = 'case-late-';
/** The paper log reaches HR this long after the close. */
const LATE_ENTRY_DELAY = 3 * DAY;

export function planMotivation(period: DemoPeriod, versions: readonly RuleVersion[], council: readonly CouncilStep[], care: readonly CareStep[]): (MotivationStep | CareStep)[] {
  const hr = soleActor('hr-manager');
  const adoptions = adoptionsOf(versions, council).map(({ proposal, decidedAt, terms }, index): Recorded<AdoptRuleStep> => {
    const adoptedAt = workingDayFrom(decidedAt + DAY) + 8 * HOUR;
    const effectiveFrom = index === 0 ? monthOf(period.start.toISOString()) : nextMonth(monthOf(iso(adoptedAt)));
    return { context: 'motivation', type: 'adopt-motivation-rule', proposal, effectiveFrom, terms, occurredAt: iso(adoptedAt), actor: hr, recordedAt: iso(adoptedAt + MINUTE) };
  });
  const first = adoptions[0];
  if (first === undefined) return adoptions;

  const closes: Recorded<CloseMonthStep>[] = [];
  let previous = Date.parse(first.recordedAt);
  for (let month = first.effectiveFrom; ; month = nextMonth(month)) {
    const closedAt = Math.max(workingDayFrom(Date.parse(`${periodOfMonth(month)!.to}T00:00:00.000Z`)) + CLOSING_HOUR, previous + HOUR);
    if (closedAt + MINUTE > period.end.getTime()) break;
    closes.push({ context: 'motivation', type: 'close-motivation-month', month, occurredAt: iso(closedAt), actor: hr, recordedAt: iso(closedAt + MINUTE) });
    previous = closedAt;
  }
  const corrections: CareStep[][] = [];
  for (const close of closes) {
    if (corrections.length === LATE_CORRECTIONS) break;
    const refunds = lateRefunds(close.month, Date.parse(close.recordedAt) + LATE_ENTRY_DELAY, care, period);
    if (refunds.length > 0 && Date.parse(refunds.at(-1)!.recordedAt) <= period.end.getTime()) corrections.push(refunds);
  }
  return [...adoptions, ...closes, ...corrections.flat()];
}

/** Each version the council adopted, with the proposal and when it was decided. */
function adoptionsOf(versions: readonly RuleVersion[], council: readonly CouncilStep[]) {
  return versions.flatMap((version) => {
    const submitted = council.find((step) => step.type === 'submit-proposal' && step.text === version.text);
    const decided = submitted && council.find((step) => step.type === 'decide-proposal' && step.proposal === (submitted as { proposal: string }).proposal);
    return decided === undefined ? [] : [{ proposal: (decided as { proposal: string }).proposal, decidedAt: Date.parse(decided.occurredAt), terms: version.terms }];
  });
}


/**
 * Refunds of a care agent entered late: of an agent still on the staff then who kept most of their
 * clients that month, the one who kept the fewest, three refunded cases for each client kept, each a
 * copy of a refund of the month. Their retention share falls from well over target to a quarter or
 * less, well under it, while the month's totals move little.
 */
function lateRefunds(month: string, enteredAt: number, care: readonly CareStep[], period: DemoPeriod): CareStep[] {
  const inMonth = care.filter((step) => monthOf(step.occurredAt) === month);
  const decided = new Map<string, { retained: number; refunded: number }>();
  for (const step of inMonth) {
    const { employeeId, roles } = step.actor;
    if ((step.type !== 'retain' && step.type !== 'refund') || !roles.includes('care-agent') || !stillThere(staffMember(employeeId), enteredAt, period)) continue;
    const { retained, refunded } = decided.get(employeeId) ?? { retained: 0, refunded: 0 };
    decided.set(employeeId, step.type === 'retain' ? { retained: retained + 1, refunded } : { retained, refunded: refunded + 1 });
  }
  const shareOf = ({ retained, refunded }: { retained: number; refunded: number }) => retained / (retained + refunded);
  const [agentId, { retained } = { retained: undefined }] =
    [...decided.entries()].filter(([, counts]) => shareOf(counts) >= KEPT_MOST).sort(([a, x], [b, y]) => x.retained - y.retained || (a < b ? -1 : 1))[0] ?? [];
  const stepsOf = (caseId: string) => care.filter((step) => step.caseId === caseId);
  const model = inMonth
    .filter((step): step is Recorded<RefundStep> => step.type === 'refund' && !step.lostSave)
    .map((refund) => ({ refund, opened: stepsOf(refund.caseId).find((step) => step.type === 'open'), assigned: stepsOf(refund.caseId).find((step) => step.type === 'assign') }))
    .find((story) => story.opened !== undefined && story.assigned !== undefined);
  if (agentId === undefined || retained === undefined || model === undefined) return [];
  const agent = inMonth.find((step) => step.actor.employeeId === agentId)!.actor;
  const { scriptId: _script, ...refund } = model.refund;
  const happened = Date.parse(refund.occurredAt);
  return Array.from({ length: LATE_REFUNDS_PER_RETENTION * retained }, (_, index): CareStep[] => {
    const caseId = `${LATE_CASE_PREFIX}${month}-${String(index + 1).padStart(2, '0')}`;
    const at = (step: number) => ({ occurredAt: iso(happened + index * MINUTE + step * HOUR), recordedAt: iso(enteredAt + (3 * index + step) * MINUTE) });
    return [
      { ...model.opened!, caseId, actor: agent, ...at(0) },
      { ...(model.assigned as Recorded<AssignStep>), caseId, employeeId: agentId, ...at(1) },
      { ...refund, caseId, actor: agent, ...at(2) },
    ];
  }).flat();
}
