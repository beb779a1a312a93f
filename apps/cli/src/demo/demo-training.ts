import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../../../api/src/platform/entity-commands.js';
import { addDays, dayOf } from '#domain/shared/days.js';
import type { TrainingItem } from '#domain/training/index.js';
import { STORES, type Stores } from '#persistence';
import { SKILL_GAPS, type SkillGapDocument } from '#projections/competence/index.js';
import { trainingPlans, type PlanItemDocument, type TrainingPlanDocument } from '#projections/training/index.js';
import type { Principal } from '../../../api/src/auth/principal.js';
import { CompetenceRecordCommands } from '../../../api/src/competence/competence-record-commands.service.js';
import type { RequestCommandContext } from '../../../api/src/platform/command-runner.service.js';
import { GroupTrainingCommands, KnowledgeBaseCommands, TrainingPlanCommands } from '../../../api/src/training/index.js';
import { settledLog } from './settled-log.js';
import type { TrainingStep } from './training-plan.js';

/** What the individual plans came to as the demo ran: the process manager decides what is proposed. */
export interface TrainingPlanTally {
  readonly approved: number;
  /** Trimmed to the gaps still open, or given new due days. */
  readonly trimmed: number;
  readonly cancelled: number;
  readonly itemsCompleted: number;
  readonly reassessments: number;
}

type Caller = (actor: TrainingStep['actor']) => Principal;
type ContextOf = (caller: Principal) => RequestCommandContext;

const DAYS_GIVEN_AT_REVIEW = 30;

/**
 * Runs the training steps. Reviews wait for the plans the process manager proposes asynchronously
 * after the assessments, read them from the read model, and keep the plans each round approved for
 * the completions and re-assessments that follow.
 */
export class DemoTraining {
  private readonly bus: CommandBus<AppCommand>;
  private readonly knowledge: KnowledgeBaseCommands;
  private readonly groups: GroupTrainingCommands;
  private readonly plans: TrainingPlanCommands;
  private readonly records: CompetenceRecordCommands;
  private readonly stores: Stores;
  private readonly app: INestApplicationContext;
  /** Per round and employee, the plans the round's review approved. */
  private readonly approved = new Map<string, TrainingPlanDocument[]>();
  private readonly completed = new Map<string, TrainingPlanDocument[]>();
  private counts = { approved: 0, trimmed: 0, cancelled: 0, itemsCompleted: 0, reassessments: 0 };

  constructor(app: INestApplicationContext) {
    this.bus = app.get<CommandBus<AppCommand>>(CommandBus);
    this.knowledge = app.get(KnowledgeBaseCommands);
    this.groups = app.get(GroupTrainingCommands);
    this.plans = app.get(TrainingPlanCommands);
    this.records = app.get(CompetenceRecordCommands);
    this.stores = app.get<Stores>(STORES);
    this.app = app;
  }

  tally(): TrainingPlanTally {
    return { ...this.counts };
  }

  /** Runs a step as its actor; a review approves its actor's own plans as the stand-in. */
  async perform(step: TrainingStep, callerOf: Caller, contextOf: ContextOf): Promise<void> {
    const { occurredAt } = step;
    const context = contextOf(callerOf(step.actor));
    switch (step.type) {
      case 'publish-material': {
        const { materialId, format, title, body, link, ownerId, reviewBy, competencyIds, regulation } = step;
        await this.bus.execute(await this.knowledge.publish({ materialId, format, title, body, link, ownerId, reviewBy, competencyIds, regulation, occurredAt }, context));
        return;
      }
      case 'revise-material': {
        const { body, reviewBy, changeNote } = step;
        await this.bus.execute(this.knowledge.revise(step.materialId, { body, reviewBy, changeNote, occurredAt }, context));
        return;
      }
      case 'review-material':
        await this.bus.execute(this.knowledge.review(step.materialId, { reviewBy: step.reviewBy, occurredAt }, context));
        return;
      case 'acknowledge':
        await this.bus.execute(await this.knowledge.acknowledge(step.materialId, { version: step.version, occurredAt }, callerOf(step.actor), context));
        return;
      case 'schedule-session': {
        const { sessionId, kind, title, trainerId, provider, startsAt, hours, cost, competencyIds } = step;
        await this.bus.execute(await this.groups.schedule({ sessionId, kind, title, trainerId, provider, startsAt, hours, cost, competencyIds, occurredAt }, context));
        return;
      }
      case 'record-attendance':
        await this.bus.execute(await this.groups.recordAttendance(step.sessionId, { attendance: step.attendance, occurredAt }, context));
        return;
      case 'record-webinar': {
        const { webinarId, trainerId, title, attendees, buyers } = step;
        await this.bus.execute(await this.groups.recordWebinar({ webinarId, trainerId, title, attendees, buyers, occurredAt }, context));
        return;
      }
      case 'review-plans':
        // The process manager proposes the plans asynchronously, after the assessments.
        await settledLog(this.app);
        for (const employeeId of step.employeeIds) {
          const reviewer = callerOf(employeeId === step.actor.employeeId ? step.standIn : step.actor);
          await this.review(step.round, employeeId, occurredAt, reviewer, contextOf(reviewer));
        }
        return;
      case 'complete-training':
        return this.complete(step.round, step.employeeId, occurredAt, step.score, context);
      case 'reassess':
        return this.reassess(step.round, step.employeeId, occurredAt, step.closesGaps, callerOf(step.actor), context);
    }
  }

  /** The trainer keeps the items of each proposed plan whose gaps are still open, and cancels a plan with none. */
  private async review(round: string, employeeId: string, occurredAt: string, reviewer: Principal, context: RequestCommandContext) {
    const proposed = await this.stores.reads.find<TrainingPlanDocument>(trainingPlans.name, { employeeId, status: 'proposed' });
    if (proposed.length === 0) return;
    const gaps = (await this.stores.reads.get<SkillGapDocument>(SKILL_GAPS, employeeId))?.data;
    const open = new Set(gaps?.competencies.filter((competency) => competency.gap > 0).map((competency) => competency.competencyId));
    const approved: TrainingPlanDocument[] = [];
    const reviewDay = dayOf(occurredAt);
    for (const { data: plan } of proposed) {
      const kept = plan.items.filter((item) => item.competencyIds.some((competencyId) => open.has(competencyId)));
      if (kept.length === 0) {
        await this.bus.execute(this.plans.cancel(plan.id, { reason: 'The gaps closed before the plan was reviewed', occurredAt }, context));
        this.counts.cancelled += 1;
        continue;
      }
      // A plan proposed long before its review gets a month from the review for the items already due.
      const items = kept.map((item) => (item.dueOn < reviewDay ? { ...item, dueOn: addDays(reviewDay, DAYS_GIVEN_AT_REVIEW) } : item));
      if (kept.length < plan.items.length || items.some((item, index) => item !== kept[index])) {
        await this.bus.execute(await this.plans.revise(plan.id, { items: items.map(trainingItem), occurredAt }, context));
        this.counts.trimmed += 1;
      }
      await this.bus.execute(this.plans.approve(plan.id, { occurredAt }, reviewer, context));
      approved.push({ ...plan, items });
      this.counts.approved += 1;
    }
    this.approved.set(roundKey(round, employeeId), approved);
  }

  private async complete(round: string, employeeId: string, occurredAt: string, score: number | undefined, context: RequestCommandContext) {
    const plans = this.approved.get(roundKey(round, employeeId)) ?? [];
    for (const plan of plans) {
      for (const item of plan.items) {
        await this.bus.execute(this.plans.complete(plan.id, item.itemId, { score, hours: item.hours ?? 2, occurredAt }, context));
        this.counts.itemsCompleted += 1;
      }
    }
    this.completed.set(roundKey(round, employeeId), plans);
  }

  private async reassess(
    round: string,
    employeeId: string,
    occurredAt: string,
    closesGaps: boolean,
    manager: Principal,
    context: RequestCommandContext,
  ): Promise<void> {
    // The levels the plans were proposed for, rather than the read model's, which may lag behind the demo.
    const reassessed = (this.completed.get(roundKey(round, employeeId)) ?? []).flatMap((plan) => {
      const addressed = new Set(plan.items.flatMap((item) => item.competencyIds));
      return plan.gaps.filter((gap) => addressed.has(gap.competencyId));
    });
    for (const [index, { competencyId, required }] of reassessed.entries()) {
      const level = closesGaps || index > 0 ? required : required - 1;
      await this.bus.execute(await this.records.assess(employeeId, { competencyId, level, evidence: 'Re-assessed after the training plan', occurredAt }, manager, context));
      this.counts.reassessments += 1;
    }
  }
}

function roundKey(round: string, employeeId: string): string {
  return `${round}/${employeeId}`;
}

/** A plan's item as the trainer sends it back when trimming the plan. */
function trainingItem(item: PlanItemDocument): TrainingItem {
  const { itemId, kind, title, materialId, sessionId, provider, cost, mentorId, competencyIds, dueOn, hours } = item;
  return {
    itemId,
    kind,
    title,
    competencyIds,
    dueOn,
    ...(materialId !== null ? { materialId } : {}),
    ...(sessionId !== null ? { sessionId } : {}),
    ...(provider !== null ? { provider } : {}),
    ...(cost !== null ? { cost } : {}),
    ...(mentorId !== null ? { mentorId } : {}),
    ...(hours !== null ? { hours } : {}),
  };
}
