import { v5 as uuidv5 } from 'uuid';
import {
  processCommand,
  streamId,
  type Position,
  type ProcessManager,
  type ReadStore,
  type RecordedOf,
} from '#kernel';
import { addDays, dayOf } from '#domain/shared/days.js';
import { withoutAbsent } from '#domain/shared/objects.js';
import { COMPETENCY_ASSESSED, SELF_ASSESSMENT_VALIDATED } from '#domain/competence/index.js';
import {
  TRAINING_PLAN_CATEGORY,
  trainingPlanDecider,
  validatedLevelOf,
  type AssessmentEvent,
  type PlanGap,
  type ProposeTrainingPlan,
  type TrainingItem,
} from '#domain/training/index.js';
import { knowledgeBase, type MaterialDocument } from './knowledge-base.projection.js';
import { SKILL_GAPS, type SkillGapCompetency, type SkillGapDocument } from '../competence/skill-gaps.projection.js';
import { trainingPlans, type TrainingPlanDocument } from './training-plans.projection.js';

/** Names the plan ids derived from the assessment events; fixed forever, or a replay would propose again. */
export const PROPOSED_PLAN_NAMESPACE = '3c9f1e6a-8b2d-4f5e-a7c1-9d0b6e2f4a83';

export const DEFAULT_ITEM_DUE_DAYS = 30;

export interface TrainingPlanProposerOptions {
  /** Days after the assessment by which each proposed item is due. */
  readonly itemDueDays?: number;
}

/** The plans that still cover their competencies: not completed, not cancelled. */
const OPEN_PLAN_STATUSES: readonly string[] = ['proposed', 'approved'];

const decider = trainingPlanDecider();

type AssessmentRecord = RecordedOf<AssessmentEvent>;

/**
 * Proposes an individual training plan when an assessment opens a gap. On each validated assessment
 * (a self assessment counts once validated) it reads the employee's gaps as of that event, leaves out
 * the competencies an open plan of theirs already covers, and proposes one item per remaining gap: a
 * current knowledge-base material that teaches the competency, or else mentoring on it. A trainer
 * edits the items before approving the plan.
 *
 * It decides on the log up to the event only, so that the same event always calls for the same
 * proposal: the gaps, materials and plans as known at the event, and the plans it proposed for
 * earlier assessments that were recorded after the event (one assessment of a check's attempt is
 * followed by the others before any plan is recorded). The plan id derives from the event's id, and
 * the host's idempotency keys make a proposal made again append nothing.
 */
export function trainingPlanProposer(options: TrainingPlanProposerOptions = {}): ProcessManager<AssessmentEvent> {
  const itemDueDays = options.itemDueDays ?? DEFAULT_ITEM_DUE_DAYS;
  return {
    name: 'trainingPlanProposer',
    handles: [COMPETENCY_ASSESSED, SELF_ASSESSMENT_VALIDATED],
    awaits: [SKILL_GAPS, trainingPlans.name, knowledgeBase.name],
    async react(event, reads) {
      const command = await proposalFor(event, reads, itemDueDays);
      return command === undefined ? [] : [processCommand(streamId(TRAINING_PLAN_CATEGORY, command.planId), decider, command)];
    },
  };
}

export function proposedPlanId(eventId: string): string {
  return uuidv5(eventId, PROPOSED_PLAN_NAMESPACE);
}

async function proposalFor(event: AssessmentRecord, reads: ReadStore, itemDueDays: number): Promise<ProposeTrainingPlan | undefined> {
  if (validatedLevelOf(event) === undefined) return undefined;
  const { employeeId, assessmentId } = event.data;
  const asOfEvent = { asOf: event.position };
  const gaps = (await reads.get<SkillGapDocument>(SKILL_GAPS, employeeId, asOfEvent))?.data;
  const open = gaps?.competencies.filter((competency) => competency.gap > 0) ?? [];
  if (gaps === undefined || open.length === 0) return undefined;
  const covered = await coveredCompetencies(reads, employeeId, event.position);
  const uncovered = open.filter((competency) => !covered.has(competency.competencyId));
  if (uncovered.length === 0) return undefined;
  const materials = await currentMaterials(reads, event.position);
  const at = event.metadata.occurredAt;
  const dueOn = addDays(dayOf(at), itemDueDays);
  return withoutAbsent({
    type: 'ProposeTrainingPlan' as const,
    planId: proposedPlanId(event.eventId),
    employeeId,
    sectionId: gaps.sectionId ?? undefined,
    positionId: gaps.positionId ?? undefined,
    trigger: { eventId: event.eventId, assessmentId, position: event.position.toString() },
    gaps: uncovered.map(planGap),
    items: uncovered.map((gap, index) => itemFor(gap.competencyId, `item-${index + 1}`, dueOn, materials)),
    at,
  });
}

/**
 * The competencies the employee's plans open at `position` address: those known then with an open
 * status, and those proposed for an earlier assessment but recorded after it, which were still open
 * then. The plans proposed for later assessments, met when the log is processed again, do not count.
 */
async function coveredCompetencies(reads: ReadStore, employeeId: string, position: Position): Promise<Set<string>> {
  const [then, now] = await Promise.all([
    reads.find<TrainingPlanDocument>(trainingPlans.name, { employeeId }, { asOf: position }),
    reads.find<TrainingPlanDocument>(trainingPlans.name, { employeeId }),
  ]);
  const knownThen = new Set(then.map((plan) => plan.id));
  const open = [
    ...then.map(({ data }) => data).filter((plan) => OPEN_PLAN_STATUSES.includes(plan.status)),
    ...now.map(({ data }) => data).filter((plan) => !knownThen.has(plan.id) && BigInt(plan.trigger.position) < position),
  ];
  return new Set(open.flatMap((plan) => [...plan.gaps, ...plan.items].flatMap(competenciesOf)));
}

function competenciesOf(entry: { readonly competencyId: string } | { readonly competencyIds: readonly string[] }): readonly string[] {
  return 'competencyId' in entry ? [entry.competencyId] : entry.competencyIds;
}

export function planGap({ competencyId, required, level, gap }: SkillGapCompetency): PlanGap {
  return { competencyId, required, level, gap };
}

/** The current materials of the knowledge base at `position`, first published first: what a proposed item may point to. */
export async function currentMaterials(reads: ReadStore, position: Position): Promise<MaterialDocument[]> {
  const found = await reads.find<MaterialDocument>(knowledgeBase.name, { status: 'current' }, { asOf: position, sort: [{ field: 'publishedAt', direction: 'asc' }] });
  return found.map((material) => material.data);
}

/** An item on a competency: the first of `materials` that teaches it, or else mentoring on it. */
export function itemFor(competencyId: string, itemId: string, dueOn: string, materials: readonly MaterialDocument[]): TrainingItem {
  const material = materials.find((candidate) => candidate.competencyIds.includes(competencyId));
  if (material !== undefined) {
    return { itemId, kind: 'material', title: material.title, materialId: material.id, competencyIds: [competencyId], dueOn };
  }
  return { itemId, kind: 'mentoring', title: `Mentoring on ${competencyId}`, competencyIds: [competencyId], dueOn };
}
