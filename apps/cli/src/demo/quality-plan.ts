import { isoWeekStart } from '#domain/shared/days.js';
import {
  scoreChecklist,
  type ChecklistContent,
  type CriterionResultEntry,
  type Deliverable,
  type DisputeOutcome,
  type TemplateOwner,
  type Verdict,
} from '#domain/quality/index.js';
import { DEMO_CHECKLISTS, type DemoCriterion, type DemoTemplate, type DemoTemplateVersion } from './demo-checklists.js';
import { actorAs, jobAt, staffIn, type StaffMember } from './demo-company.js';
import {
  DAY,
  HOUR,
  iso,
  MINUTE,
  monthKey,
  recordedInOrder,
  startOfMonth,
  workingDayFrom,
  workingTime,
  workingTimeAfter,
  type DemoPeriod,
  type PlannedBase,
  type Random,
  type Recorded,
  type Weighted,
} from './planning.js';

/**
 * The quality control of the demo company. Inspectors check landing pages, emails, webinar scripts,
 * support answers and calls against versioned checklist templates, in a steady weekly flow. Most
 * deliverables pass; failed ones are reworked and re-inspected within days, up to three attempts.
 * Pass rates improve slowly over the period, differ by author, and dip for a while after a template
 * version adds a criterion. Now and then an author disputes a failed verdict, and an inspector who
 * had no part in it accepts, partly accepts or rejects the dispute.
 */

export interface QualityPlanOptions {
  /** Average first inspections a week. */
  readonly inspectionsPerWeek: number;
}

export const DEFAULT_INSPECTIONS_PER_WEEK = 10;

interface QualityBase extends PlannedBase {
  readonly context: 'quality';
}

export interface PublishTemplateStep extends QualityBase {
  readonly type: 'publish-template';
  readonly templateId: string;
  readonly owner: TemplateOwner;
  readonly content: ChecklistContent;
}

export interface PublishTemplateVersionStep extends QualityBase {
  readonly type: 'publish-template-version';
  readonly templateId: string;
  readonly version: number;
  readonly content: ChecklistContent;
}

/** An inspection is named in the plan by a key; the app gives it its id when it starts. */
interface InspectionBase extends QualityBase {
  readonly inspection: string;
}

export interface StartInspectionStep extends InspectionBase {
  readonly type: 'start-inspection';
  readonly deliverable: Deliverable;
  readonly productId: string;
  readonly sectionId: string;
  readonly authorId: string;
  readonly templateId: string;
  readonly templateVersion: number;
  /** The key of the failed inspection this one re-inspects. */
  readonly reinspectionOf?: string;
}

export interface RecordResultsStep extends InspectionBase {
  readonly type: 'record-results';
  readonly results: readonly CriterionResultEntry[];
}

export interface CompleteInspectionStep extends InspectionBase {
  readonly type: 'complete-inspection';
  /** The verdict the results give, as the plan scored them. */
  readonly verdict: Verdict;
}

export interface DisputeVerdictStep extends InspectionBase {
  readonly type: 'dispute-verdict';
  /** Absent: every failed criterion. */
  readonly criterionIds?: readonly string[];
  readonly comment: string;
}

export interface ResolveDisputeStep extends InspectionBase {
  readonly type: 'resolve-dispute';
  readonly outcome: DisputeOutcome;
  readonly revisedResults?: readonly CriterionResultEntry[];
  readonly comment: string;
  /** The verdict in force after the resolution, as the plan scored it. */
  readonly verdict: Verdict;
}

type TemplateStep = PublishTemplateStep | PublishTemplateVersionStep;
type InspectionStep = StartInspectionStep | RecordResultsStep | CompleteInspectionStep | DisputeVerdictStep | ResolveDisputeStep;
export type QualityStep = Recorded<TemplateStep | InspectionStep>;

/** How much more often than the criteria say each inspector finds a failure. */
const INSPECTOR_STRICTNESS: Readonly<Record<string, number>> = { 'emp-0201': 1.15, 'emp-0202': 0.9, 'emp-0203': 1 };
/** Failures are this much more frequent at the start of the period than on average, and this much less at its end. */
const TREND = 0.3;
/** A criterion new in a version fails more often at first: up to this factor more, fading over some weeks. */
const NOVELTY = 1.5;
const NOVELTY_WEEKS = 8;
/** A criterion that failed fails again at a re-inspection with these chances (second and third attempt). */
const REFAIL_CHANCE = [0.25, 0.1];
/** The other criteria fail less at a re-inspection: the author checked everything again. */
const REWORK_CARE = 0.4;
const MAX_ATTEMPTS = 3;
const SAME_INSPECTOR_CHANCE = 0.7;
/** Authors stop getting new work inspected this long before they leave, so that their chains end while they are there. */
const LAST_CHAIN_BEFORE_LEAVING = 21 * DAY;

const DISPUTE_CHANCE = 0.15;
const DISPUTE_COMMENTS = [
  'The criterion does not apply to this deliverable',
  'This was agreed with the product owner beforehand',
  'The check was made on an old draft',
  'The standard does not ask for this',
];
const OUTCOMES_OF_ONE: Weighted<DisputeOutcome> = [
  ['accepted', 35],
  ['rejected', 65],
];
const OUTCOMES_OF_SEVERAL: Weighted<DisputeOutcome> = [
  ['accepted', 25],
  ['partly-accepted', 30],
  ['rejected', 45],
];
const RESOLUTION_COMMENTS: Readonly<Record<DisputeOutcome, string>> = {
  accepted: 'Checked again: the author is right',
  'partly-accepted': 'Partly right: the other findings stand',
  rejected: 'The findings stand, as the standard asks',
};

export function planQuality(period: DemoPeriod, options: QualityPlanOptions, random: Random): QualityStep[] {
  const templateSteps = publishTemplates(period, random);
  const published = templateSteps.map((step) => ({
    templateId: step.templateId,
    version: step.type === 'publish-template' ? 1 : step.version,
    recordedAt: Date.parse(step.recordedAt),
  }));
  const versionAt = (templateId: string, time: number) =>
    Math.max(...published.filter((p) => p.templateId === templateId && p.recordedAt < time).map((p) => p.version));
  // The first deliverables are handed over once the first checklists are out.
  const firstDay = Math.max(...published.filter((p) => p.version === 1).map((p) => p.recordedAt)) + DAY;
  const context: ChainContext = { period, random, versionAt };
  const chains: QualityStep[][] = [];
  for (let week = isoWeekStart(workingDayFrom(firstDay) / DAY) * DAY; week < period.end.getTime(); week += 7 * DAY) {
    const count = Math.round(options.inspectionsPerWeek * (0.85 + 0.3 * random.float()));
    const handovers = Array.from({ length: count }, () => workingTime(week + random.int(0, 4) * DAY, random))
      .filter((time) => time >= firstDay)
      .sort((a, b) => a - b);
    for (const handedOverAt of handovers) {
      const chain = inspectionChain(`chain-${monthKey(new Date(handedOverAt))}-${String(chains.length + 1).padStart(5, '0')}`, handedOverAt, context);
      if (chain.length > 0) chains.push(chain);
    }
  }
  return [...templateSteps, ...chains.flat()];
}

/** Days after the start before the first template: past the first working day, when the standards they verify are published. */
const TEMPLATES_AFTER_DAYS = 4;

function publishTemplates(period: DemoPeriod, random: Random): Recorded<TemplateStep>[] {
  const firstFrom = period.start.getTime() + TEMPLATES_AFTER_DAYS * DAY;
  return DEMO_CHECKLISTS.flatMap((template) => {
    const planned = template.versions.map((version, index): TemplateStep => {
      const time = workingTime(Math.max(period.timeAt(version.from), firstFrom), random);
      const actor = actorAs(random.pick(staffIn(['inspector'], period.progressAt(time))), 'inspector');
      const base = { context: 'quality', occurredAt: iso(time), actor, templateId: template.id, content: contentOf(template, version) } as const;
      return index === 0
        ? { ...base, type: 'publish-template', owner: template.owner }
        : { ...base, type: 'publish-template-version', version: index + 1 };
    });
    return recordedInOrder(planned, random, period.end);
  });
}

function contentOf(template: DemoTemplate, version: DemoTemplateVersion): ChecklistContent {
  return {
    title: template.title,
    passMark: version.passMark,
    standardIds: template.standardIds,
    sections: version.sections.map(({ title, criteria }) => ({
      title,
      criteria: criteria.map(({ criterionId, text, weight, critical }) => ({ criterionId, text, weight, critical })),
    })),
  };
}

interface ChainContext {
  readonly period: DemoPeriod;
  readonly random: Random;
  /** The latest version of a template recorded before a moment. */
  readonly versionAt: (templateId: string, time: number) => number;
}

type Results = Readonly<Record<string, CriterionResultEntry>>;

/** One deliverable from its first inspection until it passes, runs out of attempts, or the period ends. */
function inspectionChain(chainKey: string, handedOverAt: number, context: ChainContext): QualityStep[] {
  const { period, random } = context;
  const template = random.weighted(DEMO_CHECKLISTS.map((t) => [t, t.share] as const));
  const authors = staffIn(template.authors, period.progressAt(handedOverAt)).filter(
    (member) => jobAt(member, period.progressAt(handedOverAt + LAST_CHAIN_BEFORE_LEAVING)) !== undefined,
  );
  if (authors.length === 0) return [];
  const author = random.pick(authors);
  const productId = random.pick(template.products);
  const month = startOfMonth(new Date(handedOverAt));
  const deliverable = { kind: template.deliverable, reference: template.reference(productId, month, random.int(1, 99_999)) };
  const work = { productId, sectionId: template.sectionId, authorId: author.id, templateId: template.id, deliverable };

  const planned: InspectionStep[] = [];
  let inspector = random.pick(inspectorsAt(period, handedOverAt));
  let time = handedOverAt;
  let previous: { key: string; results: Results } | undefined;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const key = `${chainKey}/${attempt}`;
    const templateVersion = context.versionAt(template.id, time);
    const version = template.versions[templateVersion - 1]!;
    const criteria = version.sections.flatMap((section) => section.criteria);
    const inspectorActor = actorAs(inspector, 'inspector');
    const base = { context: 'quality', inspection: key, actor: inspectorActor } as const;
    planned.push({
      ...base,
      type: 'start-inspection',
      occurredAt: iso(time),
      ...work,
      templateVersion,
      ...(previous !== undefined ? { reinspectionOf: previous.key } : {}),
    });
    const chances = { period, random, time, author, inspector, version, template, productId, attempt, previous: previous?.results };
    const results = inspect(criteria, chances);
    time += random.int(20 * MINUTE, 90 * MINUTE);
    planned.push({ ...base, type: 'record-results', occurredAt: iso(time), results: Object.values(results) });
    time += random.int(2 * MINUTE, 15 * MINUTE);
    let verdict = verdictOf(criteria, results, version.passMark);
    planned.push({ ...base, type: 'complete-inspection', occurredAt: iso(time), verdict: verdict.verdict });
    if (verdict.verdict === 'passed') break;

    let inForce = results;
    if (random.chance(DISPUTE_CHANCE)) {
      const dispute = disputeOf(verdict.failedCriteria, random);
      time = workingTimeAfter(time + random.int(2 * HOUR, 20 * HOUR), random);
      planned.push({
        context: 'quality',
        type: 'dispute-verdict',
        inspection: key,
        occurredAt: iso(time),
        // The author disputes with their own key, as an employee: the app takes the author from it.
        actor: { employeeId: author.id, roles: ['employee'] },
        ...(dispute.named ? { criterionIds: dispute.contested } : {}),
        comment: random.pick(DISPUTE_COMMENTS),
      });
      const outcome = random.weighted(dispute.contested.length > 1 ? OUTCOMES_OF_SEVERAL : OUTCOMES_OF_ONE);
      const revisedResults = revisionOf(outcome, dispute.contested, random);
      inForce = { ...results, ...Object.fromEntries(revisedResults.map((entry) => [entry.criterionId, entry])) };
      verdict = verdictOf(criteria, inForce, version.passMark);
      time = workingTimeAfter(time + random.int(1 * DAY, 3 * DAY), random);
      const resolver = random.pick(inspectorsAt(period, time).filter((candidate) => candidate.id !== inspector.id));
      planned.push({
        context: 'quality',
        type: 'resolve-dispute',
        inspection: key,
        occurredAt: iso(time),
        actor: actorAs(resolver, 'inspector'),
        outcome,
        ...(outcome === 'partly-accepted' ? { revisedResults } : {}),
        comment: RESOLUTION_COMMENTS[outcome],
        verdict: verdict.verdict,
      });
      if (verdict.verdict === 'passed') break;
    }
    previous = { key, results: inForce };
    time = workingTimeAfter(time + random.int(1 * DAY, 4 * DAY), random);
    if (!random.chance(SAME_INSPECTOR_CHANCE)) inspector = random.pick(inspectorsAt(period, time));
  }
  return recordedInOrder(planned, random, period.end);
}

interface InspectionChances {
  readonly period: DemoPeriod;
  readonly random: Random;
  readonly time: number;
  readonly author: StaffMember;
  readonly inspector: StaffMember;
  readonly template: DemoTemplate;
  readonly version: DemoTemplateVersion;
  readonly productId: string;
  readonly attempt: number;
  /** The results in force of the attempt before, for a re-inspection. */
  readonly previous?: Results;
}

/** What the inspector finds, criterion by criterion. */
function inspect(criteria: readonly DemoCriterion[], chances: InspectionChances): Record<string, CriterionResultEntry> {
  const { random, previous, attempt } = chances;
  const entries = criteria.map((criterion): CriterionResultEntry => {
    const { criterionId, notApplicable } = criterion;
    if (notApplicable?.products?.includes(chances.productId) || random.chance(notApplicable?.chance ?? 0)) {
      return { criterionId, result: 'n/a' };
    }
    const failedBefore = previous?.[criterionId]?.result === 'fail';
    const chance = failedBefore ? REFAIL_CHANCE[attempt - 2]! : failChance(criterion, chances) * (previous ? REWORK_CARE : 1);
    return random.chance(chance) ? { criterionId, result: 'fail', comment: criterion.failComment } : { criterionId, result: 'pass' };
  });
  return Object.fromEntries(entries.map((entry) => [entry.criterionId, entry]));
}

function failChance(criterion: DemoCriterion, chances: InspectionChances): number {
  const { period, time, author, inspector, template, version } = chances;
  const authorFactor = Math.max(0.2, 1 - 8 * author.skill);
  const trend = 1 + TREND - 2 * TREND * period.progressAt(time);
  const strictness = INSPECTOR_STRICTNESS[inspector.id] ?? 1;
  const isNew = !template.versions[0].sections.some((section) => section.criteria.some((c) => c.criterionId === criterion.criterionId));
  const weeksOut = (time - period.timeAt(version.from)) / (7 * DAY);
  const novelty = isNew ? 1 + NOVELTY * Math.exp(-weeksOut / NOVELTY_WEEKS) : 1;
  return criterion.failChance * authorFactor * trend * strictness * novelty;
}

function verdictOf(criteria: readonly DemoCriterion[], results: Results, passMark: number) {
  return scoreChecklist(
    criteria.map(({ criterionId, weight, critical }) => ({ criterionId, weight, critical, result: results[criterionId]!.result })),
    passMark,
  );
}

/** Most disputes contest every failed criterion; some name one of several. */
function disputeOf(failed: readonly string[], random: Random): { contested: string[]; named: boolean } {
  if (failed.length > 1 && random.chance(0.4)) return { contested: [random.pick(failed)], named: true };
  return { contested: [...failed], named: false };
}

/** Accepted passes every contested criterion; a partial acceptance passes some of them, or finds they did not apply. */
function revisionOf(outcome: DisputeOutcome, contested: readonly string[], random: Random): CriterionResultEntry[] {
  switch (outcome) {
    case 'accepted':
      return contested.map((criterionId) => ({ criterionId, result: 'pass' }));
    case 'rejected':
      return [];
    case 'partly-accepted': {
      const revised = contested.filter(() => random.chance(0.5));
      const some = revised.length === 0 || revised.length === contested.length ? [contested[0]!] : revised;
      return some.map((criterionId) => ({ criterionId, result: random.chance(0.3) ? 'n/a' : 'pass' }));
    }
  }
}

function inspectorsAt(period: DemoPeriod, time: number): StaffMember[] {
  return staffIn(['inspector'], period.progressAt(time));
}
