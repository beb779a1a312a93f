import { Injectable } from '@nestjs/common';
import {
  PROGRAM_CATEGORY,
  programDecider,
  type CancelAction,
  type CheckEffectiveness,
  type CloseProgram,
  type CompleteAction,
  type CreateProgram,
  type DecisionFacts,
  type Goal,
  type PlanAction,
  type ProgramCommand,
  type ProgramEvent,
  type ProgramState,
  type RescheduleAction,
} from '#domain/council/index.js';
import { ValidationError } from '#kernel';
import { indicatorDefinition } from '#projections/council/metrics-pack.js';
import type { RequestOf } from '../platform/command-requests.js';
import { CommandRunner, type RequestCommandContext } from '../platform/command-runner.js';
import type { EntityCommand } from '../platform/entity-commands.js';
import { EntityStreams } from '../platform/entity-streams.js';
import { CouncilQueries } from './council-queries.service.js';

const PROGRAM_ID_NAMESPACE = '0c6f2d8e-93a4-4b7e-b1f5-7a2e4c9d0b36';
const ACTION_ID_NAMESPACE = 'e4b81a27-5c3d-4f96-8e0a-2d7c6b1f9a54';

/**
 * A request names the decision by its id, and each goal by its indicator and target: the decision's
 * outcome, and each goal's direction and baseline, are read here. The id a caller may choose comes as `id`.
 */
export type CreateProgramFields = RequestOf<CreateProgram, 'programId' | 'decision' | 'goals'> & {
  readonly id?: string;
  readonly decisionId: DecisionFacts['decisionId'];
  readonly goals: readonly Pick<Goal, 'indicator' | 'targetValue' | 'targetDate'>[];
};

/** The id a caller may choose for the action comes as `id`. */
export type PlanActionFields = RequestOf<PlanAction, 'programId' | 'actionId'> & { readonly id?: string };

type ProgramBusCommand = EntityCommand<ProgramCommand, ProgramEvent, ProgramState>;

/**
 * Improvement programs. The numbers the rules need come from the read models: the baseline of each goal
 * from the pack its decision was based on, the values at the effectiveness check from the live metrics.
 */
@Injectable()
export class ProgramCommands {
  private readonly programs: EntityStreams<ProgramCommand, ProgramEvent, ProgramState>;

  constructor(
    private readonly runner: CommandRunner,
    private readonly queries: CouncilQueries,
  ) {
    this.programs = new EntityStreams(runner, {
      decider: programDecider,
      category: PROGRAM_CATEGORY,
      idOf: (command) => command.programId,
      answerIdOf: (command) => (command.type === 'PlanAction' ? command.actionId : command.programId),
    });
  }

  async create(input: CreateProgramFields, context: RequestCommandContext): Promise<ProgramBusCommand> {
    const at = this.runner.businessTime(input.occurredAt);
    const programId = input.id ?? this.runner.newEntityId(context, PROGRAM_ID_NAMESPACE);
    const decision = await this.queries.decided(input.decisionId);
    const baselines = await this.queries.valuesOfDecision(decision);
    const goals = input.goals.map((goal, index): Goal => {
      const definition = indicatorDefinition(goal.indicator);
      if (definition === undefined) {
        throw new ValidationError('unknown indicator', [{ field: `goals.${index}.indicator`, message: 'must be an indicator of the metrics pack' }]);
      }
      const { indicator, targetValue, targetDate } = goal;
      return { indicator, direction: definition.direction, targetValue, targetDate, baseline: baselines[indicator] ?? null };
    });
    const outcome = { decisionId: decision.proposalId, outcome: decision.outcome };
    return this.programs.command({ type: 'CreateProgram', programId, decision: outcome, title: input.title, goals, at }, context);
  }

  /** Answers the new action's id. */
  plan(programId: string, input: PlanActionFields, context: RequestCommandContext): ProgramBusCommand {
    const actionId = input.id ?? this.runner.newEntityId(context, ACTION_ID_NAMESPACE);
    const { description, ownerId, deadline, completionCriteria } = input;
    const at = this.runner.businessTime(input.occurredAt);
    const command: ProgramCommand = { type: 'PlanAction', programId, actionId, description, ownerId, deadline, completionCriteria, at };
    return this.programs.command(command, context);
  }

  complete(
    programId: string,
    actionId: string,
    input: RequestOf<CompleteAction, 'programId' | 'actionId'>,
    context: RequestCommandContext,
  ): ProgramBusCommand {
    return this.programs.command({ type: 'CompleteAction', programId, actionId, at: this.runner.businessTime(input.occurredAt) }, context);
  }

  reschedule(programId: string, actionId: string, input: RequestOf<RescheduleAction, 'programId' | 'actionId'>, context: RequestCommandContext): ProgramBusCommand {
    const { deadline, reason } = input;
    const at = this.runner.businessTime(input.occurredAt);
    return this.programs.command({ type: 'RescheduleAction', programId, actionId, deadline, reason, at }, context);
  }

  cancel(programId: string, actionId: string, input: RequestOf<CancelAction, 'programId' | 'actionId'>, context: RequestCommandContext): ProgramBusCommand {
    return this.programs.command({ type: 'CancelAction', programId, actionId, reason: input.reason, at: this.runner.businessTime(input.occurredAt) }, context);
  }

  async checkEffectiveness(
    programId: string,
    input: RequestOf<CheckEffectiveness, 'programId' | 'readings'>,
    context: RequestCommandContext,
  ): Promise<ProgramBusCommand> {
    const at = this.runner.businessTime(input.occurredAt);
    const readings = await this.queries.liveValues();
    return this.programs.command({ type: 'CheckEffectiveness', programId, readings, at }, context);
  }

  close(programId: string, input: RequestOf<CloseProgram, 'programId'>, context: RequestCommandContext): ProgramBusCommand {
    return this.programs.command({ type: 'CloseProgram', programId, at: this.runner.businessTime(input.occurredAt) }, context);
  }
}
