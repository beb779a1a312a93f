import { Injectable } from '@nestjs/common';
import { invalid } from '#domain/shared/validation.js';
import { withoutAbsent } from '#domain/shared/objects.js';
import {
  KNOWLEDGE_MATERIAL_CATEGORY,
  knowledgeMaterialDecider,
  TRAINING_PLAN_CATEGORY,
  TRAINING_SESSION_CATEGORY,
  trainingPlanDecider,
  trainingSessionDecider,
  type ApproveTrainingPlan,
  type CancelTrainingPlan,
  type CompleteTraining,
  type ReviseTrainingPlan,
  type TrainingItem,
  type TrainingPlanCommand,
  type TrainingPlanEvent,
  type TrainingPlanState,
} from '#domain/training/index.js';
import { streamId } from '#kernel';
import type { Principal } from '../auth/principal.js';
import { OrganisationDirectory } from '../organisation/organisation-directory.service.js';
import type { RequestOf } from '../platform/command-requests.js';
import { CommandRunner, type RequestCommandContext } from '../platform/command-runner.service.js';
import type { EntityCommand } from '../platform/entity-commands.js';
import { EntityStreams } from '../platform/entity-streams.js';

const materials = knowledgeMaterialDecider();
const sessions = trainingSessionDecider();

/**
 * The commands on individual training plans; plans are proposed by the process manager. The approver
 * is the caller. What the items refer to is checked where it lives: a material or a session in its
 * stream, a mentor in the organisation catalogue (400 naming the item's field when it is not there).
 */
@Injectable()
export class TrainingPlanCommands {
  private readonly plans: EntityStreams<TrainingPlanCommand, TrainingPlanEvent, TrainingPlanState>;

  constructor(
    private readonly runner: CommandRunner,
    private readonly directory: OrganisationDirectory,
  ) {
    this.plans = new EntityStreams(runner, {
      decider: trainingPlanDecider(),
      category: TRAINING_PLAN_CATEGORY,
      idOf: (command) => command.planId,
    });
  }

  async revise(planId: string, input: RequestOf<ReviseTrainingPlan, 'planId'>, context: RequestCommandContext): Promise<EntityCommand<TrainingPlanCommand, TrainingPlanEvent, TrainingPlanState>> {
    const at = this.runner.businessTime(input.occurredAt);
    await Promise.all(input.items.map((item, index) => this.checkReferences(item, `items.${index}`)));
    return this.plans.command({ type: 'ReviseTrainingPlan', planId, items: input.items, at }, context);
  }

  approve(
    planId: string,
    input: RequestOf<ApproveTrainingPlan, 'planId' | 'approver'>,
    caller: Principal,
    context: RequestCommandContext,
  ): EntityCommand<TrainingPlanCommand, TrainingPlanEvent, TrainingPlanState> {
    const at = this.runner.businessTime(input.occurredAt);
    const approver = withoutAbsent({ actorId: caller.subject, employeeId: caller.employeeId });
    return this.plans.command({ type: 'ApproveTrainingPlan', planId, approver, at }, context);
  }

  complete(
    planId: string,
    itemId: string,
    input: RequestOf<CompleteTraining, 'planId' | 'itemId'>,
    context: RequestCommandContext,
  ): EntityCommand<TrainingPlanCommand, TrainingPlanEvent, TrainingPlanState> {
    const at = this.runner.businessTime(input.occurredAt);
    return this.plans.command({ type: 'CompleteTraining', planId, itemId, score: input.score, hours: input.hours, at }, context);
  }

  cancel(planId: string, input: RequestOf<CancelTrainingPlan, 'planId'>, context: RequestCommandContext): EntityCommand<TrainingPlanCommand, TrainingPlanEvent, TrainingPlanState> {
    const at = this.runner.businessTime(input.occurredAt);
    return this.plans.command({ type: 'CancelTrainingPlan', planId, reason: input.reason, at }, context);
  }

  private async checkReferences(item: TrainingItem, field: string): Promise<void> {
    if (item.materialId !== undefined) {
      const material = await this.runner.currentState(materials, streamId(KNOWLEDGE_MATERIAL_CATEGORY, item.materialId));
      if (material.status !== 'current') throw invalid(`${field}.materialId`, 'no current material of the knowledge base has this id');
    }
    if (item.sessionId !== undefined) {
      const session = await this.runner.currentState(sessions, streamId(TRAINING_SESSION_CATEGORY, item.sessionId));
      if (session.status !== 'scheduled') throw invalid(`${field}.sessionId`, 'no scheduled training session has this id');
    }
    if (item.mentorId !== undefined) await this.directory.employee(item.mentorId, `${field}.mentorId`);
  }
}
