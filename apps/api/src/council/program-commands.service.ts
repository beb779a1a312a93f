import { Injectable } from '@nestjs/common';
import {
  PROGRAM_CATEGORY,
  programDecider,
  type CancelAction,
  type CheckEffectiveness,
  type CloseProgram,
  type CompleteAction,
  type CompleteDocumentChange,
  type CreateProgram,
  type DecisionFacts,
  type DocumentName,
  type DocumentStanding,
  type Goal,
  type ListStandards,
  type PlanAction,
  type PlanDocumentChange,
  type PlanStage,
  type ProgramCommand,
  type ProgramEvent,
  type ProgramState,
  type RecordTrainingNeed,
  type RescheduleAction,
} from '#domain/council/index.js';
import { STANDARD_CATEGORY, standardDecider } from '#domain/standards/index.js';
import { KNOWLEDGE_MATERIAL_CATEGORY, knowledgeMaterialDecider } from '#domain/training/index.js';
import { streamId, ValidationError } from '#kernel';
import { indicatorDefinition } from '#projections/council/metrics-pack.js';
import { CompetencyCatalogueCommands } from '../competence/competency-catalogue-commands.service.js';
import { OrganisationDirectory } from '../organisation/organisation-directory.service.js';
import type { RequestOf, WithOptional } from '../platform/command-requests.js';
import { CommandRunner, type RequestCommandContext } from '../platform/command-runner.service.js';
import type { EntityCommand } from '../platform/entity-commands.js';
import { EntityStreams } from '../platform/entity-streams.js';
import { StandardsDirectory } from '../standards/standards-directory.service.js';
import { CouncilQueries, decisionFactsOf } from './council-queries.service.js';

const PROGRAM_ID_NAMESPACE = '0c6f2d8e-93a4-4b7e-b1f5-7a2e4c9d0b36';
const ACTION_ID_NAMESPACE = 'e4b81a27-5c3d-4f96-8e0a-2d7c6b1f9a54';
const STAGE_ID_NAMESPACE = '5d2e8b1c-7a4f-4c93-9e06-b3f1a8d2c4e7';
const NEED_ID_NAMESPACE = 'b8a3f6d1-2c5e-4b7a-8f90-1e4d7c2a5b38';
const CHANGE_ID_NAMESPACE = '9f4c2e7a-1b8d-4a63-a5e2-6c0b9d3f7e14';

const standards = standardDecider();
const materials = knowledgeMaterialDecider();

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

/** The id a caller may choose for the stage comes as `id`. */
export type PlanStageFields = RequestOf<PlanStage, 'programId' | 'stageId'> & { readonly id?: string };

/**
 * The id a caller may choose for the need comes as `id`; either list may be left out, and the holders
 * of the positions and the competency catalogue are read here.
 */
export type RecordTrainingNeedFields = WithOptional<RequestOf<RecordTrainingNeed, 'programId' | 'needId' | 'positionHolders' | 'catalogue'>, 'employeeIds' | 'positionIds'> & {
  readonly id?: string;
};

/** The id a caller may choose for the change comes as `id`; the document's standing is read from its stream. */
export type PlanDocumentChangeFields = RequestOf<PlanDocumentChange, 'programId' | 'changeId' | 'standing'> & { readonly id?: string };

export type CompleteDocumentChangeFields = RequestOf<CompleteDocumentChange, 'programId' | 'changeId' | 'standing'>;

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
    private readonly standardsDirectory: StandardsDirectory,
    private readonly organisation: OrganisationDirectory,
    private readonly competencies: CompetencyCatalogueCommands,
  ) {
    this.programs = new EntityStreams(runner, {
      decider: programDecider,
      category: PROGRAM_CATEGORY,
      idOf: (command) => command.programId,
      answerIdOf,
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
    return this.programs.command({ type: 'CreateProgram', programId, decision: decisionFactsOf(decision), title: input.title, goals, at }, context);
  }

  /** Answers the new stage's id. */
  planStage(programId: string, input: PlanStageFields, context: RequestCommandContext): ProgramBusCommand {
    const stageId = input.id ?? this.runner.newEntityId(context, STAGE_ID_NAMESPACE);
    return this.programs.command({ type: 'PlanStage', programId, stageId, title: input.title, at: this.runner.businessTime(input.occurredAt) }, context);
  }

  /** Answers the new action's id. */
  plan(programId: string, input: PlanActionFields, context: RequestCommandContext): ProgramBusCommand {
    const actionId = input.id ?? this.runner.newEntityId(context, ACTION_ID_NAMESPACE);
    const { stageId, description, ownerId, deadline, completionCriteria } = input;
    const at = this.runner.businessTime(input.occurredAt);
    const command: ProgramCommand = { type: 'PlanAction', programId, actionId, stageId, description, ownerId, deadline, completionCriteria, at };
    return this.programs.command(command, context);
  }

  /** Each standard must be current (400 naming it otherwise). */
  async listStandards(programId: string, input: RequestOf<ListStandards, 'programId'>, context: RequestCommandContext): Promise<ProgramBusCommand> {
    const at = this.runner.businessTime(input.occurredAt);
    await this.standardsDirectory.requireCurrent(input.standardIds, 'standardIds');
    return this.programs.command({ type: 'ListStandards', programId, standardIds: input.standardIds, at }, context);
  }

  /** Answers the new need's id. Employees and positions are looked up in the organisation catalogue (400 naming an unknown one). */
  async recordTrainingNeed(programId: string, input: RecordTrainingNeedFields, context: RequestCommandContext): Promise<ProgramBusCommand> {
    const at = this.runner.businessTime(input.occurredAt);
    const needId = input.id ?? this.runner.newEntityId(context, NEED_ID_NAMESPACE);
    const { competencyId, employeeIds = [], positionIds = [], dueOn } = input;
    await Promise.all(employeeIds.map((employeeId, index) => this.organisation.employee(employeeId, `employeeIds.${index}`)));
    const [positionHolders, catalogue] = await Promise.all([this.holdersOf(positionIds, at), this.competencies.current()]);
    return this.programs.command(
      { type: 'RecordTrainingNeed', programId, needId, competencyId, employeeIds, positionIds, positionHolders, catalogue, dueOn, at },
      context,
    );
  }

  /** Answers the new change's id. */
  async planDocumentChange(programId: string, input: PlanDocumentChangeFields, context: RequestCommandContext): Promise<ProgramBusCommand> {
    const at = this.runner.businessTime(input.occurredAt);
    const changeId = input.id ?? this.runner.newEntityId(context, CHANGE_ID_NAMESPACE);
    const { document, change, ownerId, deadline } = input;
    const standing = await this.standingOf(document);
    return this.programs.command({ type: 'PlanDocumentChange', programId, changeId, document, standing, change, ownerId, deadline, at }, context);
  }

  /** The standing of the change's document as it is now, so that a version named can be checked against those published. */
  async completeDocumentChange(programId: string, changeId: string, input: CompleteDocumentChangeFields, context: RequestCommandContext): Promise<ProgramBusCommand> {
    const at = this.runner.businessTime(input.occurredAt);
    const program = await this.programs.current(programId);
    const planned = program.status === 'absent' ? undefined : program.documentChanges[changeId];
    const standing: DocumentStanding = planned === undefined ? { status: 'absent' } : await this.standingOf(planned.document);
    return this.programs.command({ type: 'CompleteDocumentChange', programId, changeId, version: input.version, standing, at }, context);
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

  /** The employees holding each position at `at` or from later on; an unknown position is a 400 naming it. */
  private async holdersOf(positionIds: readonly string[], at: string): Promise<Record<string, readonly string[]>> {
    const holders = await Promise.all(
      positionIds.map(async (positionId, index) => {
        await this.organisation.position(positionId, `positionIds.${index}`);
        return [positionId, await this.organisation.positionHolderIds(positionId, at)] as const;
      }),
    );
    return Object.fromEntries(holders);
  }

  /** A document as its stream holds it now: a standard's or a knowledge-base material's. */
  private async standingOf(document: DocumentName): Promise<DocumentStanding> {
    const state =
      document.kind === 'standard'
        ? await this.runner.currentState(standards, streamId(STANDARD_CATEGORY, document.id))
        : await this.runner.currentState(materials, streamId(KNOWLEDGE_MATERIAL_CATEGORY, document.id));
    return state.status === 'absent' ? state : { status: state.status, version: state.version };
  }
}

/** A command that creates a part of the plan answers that part's id; the others the program's. */
function answerIdOf(command: ProgramCommand): string {
  switch (command.type) {
    case 'PlanStage':
      return command.stageId;
    case 'PlanAction':
      return command.actionId;
    case 'RecordTrainingNeed':
      return command.needId;
    case 'PlanDocumentChange':
      return command.changeId;
    default:
      return command.programId;
  }
}
