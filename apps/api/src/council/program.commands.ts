import { Injectable } from '@nestjs/common';
import {
  PROGRAM_CATEGORY,
  programDecider,
  type CreateProgram,
  type DecisionFacts,
  type Goal,
  type PlanAction,
  type ProgramCommand,
} from '#libs/domain/council/index.js';
import { streamId, ValidationError } from '#libs/eventsourcing/src/index.js';
import { indicatorDefinition } from '#projections/council/metrics-pack.js';
import type { RequestOf } from '../platform/command-requests.js';
import { CommandRunner, commandResponse, type CommandResponse, type RequestCommandContext } from '../platform/command-runner.js';
import { CouncilQueries } from './council.queries.js';

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

/**
 * Improvement programs. The numbers the rules need come from the read models: the baseline of each goal
 * from the pack its decision was based on, the values at the effectiveness check from the live metrics.
 */
@Injectable()
export class ProgramCommands {
  constructor(
    private readonly runner: CommandRunner,
    private readonly queries: CouncilQueries,
  ) {}

  async create(input: CreateProgramFields, context: RequestCommandContext): Promise<CommandResponse> {
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
    return this.run({ type: 'CreateProgram', programId, decision: outcome, title: input.title, goals, at }, context);
  }

  /** Answers the new action's id. */
  async plan(programId: string, input: PlanActionFields, context: RequestCommandContext): Promise<CommandResponse> {
    const actionId = input.id ?? this.runner.newEntityId(context, ACTION_ID_NAMESPACE);
    const { description, ownerId, deadline, completionCriteria } = input;
    const at = this.runner.businessTime(input.occurredAt);
    const command: ProgramCommand = { type: 'PlanAction', programId, actionId, description, ownerId, deadline, completionCriteria, at };
    const result = await this.runner.runDated(programDecider, streamId(PROGRAM_CATEGORY, programId), command, context);
    return commandResponse(actionId, result);
  }

  complete(programId: string, actionId: string, occurredAt: string | undefined, context: RequestCommandContext): Promise<CommandResponse> {
    return this.run({ type: 'CompleteAction', programId, actionId, at: this.runner.businessTime(occurredAt) }, context);
  }

  async checkEffectiveness(programId: string, occurredAt: string | undefined, context: RequestCommandContext): Promise<CommandResponse> {
    const at = this.runner.businessTime(occurredAt);
    const readings = await this.queries.liveValues();
    return this.run({ type: 'CheckEffectiveness', programId, readings, at }, context);
  }

  close(programId: string, occurredAt: string | undefined, context: RequestCommandContext): Promise<CommandResponse> {
    return this.run({ type: 'CloseProgram', programId, at: this.runner.businessTime(occurredAt) }, context);
  }

  private async run(command: ProgramCommand, context: RequestCommandContext): Promise<CommandResponse> {
    const result = await this.runner.runDated(programDecider, streamId(PROGRAM_CATEGORY, command.programId), command, context);
    return commandResponse(command.programId, result);
  }
}
