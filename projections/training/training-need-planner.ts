import { v5 as uuidv5 } from 'uuid';
import { processCommand, streamId, type ProcessManager, type ReadStore, type RecordedOf } from '#kernel';
import { withoutAbsent } from '#domain/shared/objects.js';
import { TRAINING_NEED_RECORDED, type ProgramEvent } from '#domain/council/index.js';
import { TRAINING_PLAN_CATEGORY, trainingPlanDecider, type ProposeTrainingPlan } from '#domain/training/index.js';
import { SKILL_GAPS, type SkillGapDocument } from '../competence/skill-gaps.projection.js';
import { knowledgeBase, type MaterialDocument } from './knowledge-base.projection.js';
import { currentMaterials, itemFor, planGap } from './training-plan-proposer.js';

/** Names the plan ids derived from the training needs; fixed forever, or a replay would propose again. */
export const NEED_PLAN_NAMESPACE = '621d2069-e872-4c9f-a10a-70c10350d1c8';

type TrainingNeedRecorded = Extract<ProgramEvent, { readonly type: typeof TRAINING_NEED_RECORDED }>;

type NeedRecord = RecordedOf<TrainingNeedRecorded>;

const decider = trainingPlanDecider();

/**
 * Turns a training need of an improvement program into an individual training plan for each employee
 * it names: one item on the need's competency, due on the need's day (a current knowledge-base
 * material that teaches it, or else mentoring on it), with the employee's gap on it when they have
 * one. The plan's trigger names the program and the need, so that the plan says where it came from; a
 * trainer edits and approves it like any proposed plan.
 *
 * Each plan id derives from the program, the need and the employee, so that the need proposes one plan
 * per employee however often it is processed. It reads the log up to the need's event only.
 */
export function trainingNeedPlanner(): ProcessManager<TrainingNeedRecorded> {
  return {
    name: 'trainingNeedPlanner',
    handles: [TRAINING_NEED_RECORDED],
    awaits: [SKILL_GAPS, knowledgeBase.name],
    async react(event, reads) {
      const materials = await currentMaterials(reads, event.position);
      const proposals = await Promise.all(event.data.employeeIds.map((employeeId) => proposalFor(event, employeeId, materials, reads)));
      return proposals.map((command) => processCommand(streamId(TRAINING_PLAN_CATEGORY, command.planId), decider, command));
    },
  };
}

export function needPlanId(programId: string, needId: string, employeeId: string): string {
  return uuidv5(`${programId}\u0000${needId}\u0000${employeeId}`, NEED_PLAN_NAMESPACE);
}

async function proposalFor(event: NeedRecord, employeeId: string, materials: readonly MaterialDocument[], reads: ReadStore): Promise<ProposeTrainingPlan> {
  const { programId, needId, competencyId, dueOn } = event.data;
  const standing = (await reads.get<SkillGapDocument>(SKILL_GAPS, employeeId, { asOf: event.position }))?.data;
  const gap = standing?.competencies.find((competency) => competency.competencyId === competencyId && competency.gap > 0);
  return withoutAbsent({
    type: 'ProposeTrainingPlan' as const,
    planId: needPlanId(programId, needId, employeeId),
    employeeId,
    sectionId: standing?.sectionId ?? undefined,
    positionId: standing?.positionId ?? undefined,
    trigger: { eventId: event.eventId, programId, needId, position: event.position.toString() },
    gaps: gap === undefined ? [] : [planGap(gap)],
    items: [itemFor(competencyId, 'item-1', dueOn, materials)],
    at: event.metadata.occurredAt,
  });
}
