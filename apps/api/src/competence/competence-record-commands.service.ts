import { Injectable } from '@nestjs/common';
import {
  COMPETENCE_RECORD_CATEGORY,
  competenceRecordDecider,
  type AssessCompetency,
  type Assessor,
  type CompetenceRecordCommand,
  type CompetenceRecordEvent,
  type CompetenceRecordState,
  type EmployeeStanding,
  type RecordCheckAttempt,
  type SelfAssessCompetency,
  type SetCareerTarget,
  type ValidateSelfAssessment,
} from '#domain/competence/index.js';
import { withoutAbsent } from '#domain/shared/objects.js';
import type { Principal } from '../auth/principal.js';
import { OrganisationDirectory } from '../organisation/organisation-directory.service.js';
import type { RequestOf, WithOptional } from '../platform/command-requests.js';
import { CommandRunner, type RequestCommandContext } from '../platform/command-runner.service.js';
import type { EntityCommand } from '../platform/entity-commands.js';
import { EntityStreams } from '../platform/entity-streams.js';
import { ForbiddenError } from '../platform/http-errors.js';
import { CareerPathCommands } from './career-path-commands.service.js';
import { CompetencyCatalogueCommands } from './competency-catalogue-commands.service.js';
import { SELF_ASSESSORS } from './competence-roles.js';
import { KnowledgeCheckCommands } from './knowledge-check-commands.service.js';

/** A request clears the target with a `careerPathId` of null; the path is read here from its stream. */
export type SetCareerTargetFields = RequestOf<SetCareerTarget, 'employeeId' | 'employee' | 'careerPathId' | 'path'> & {
  readonly careerPathId: string | null;
};

const ATTEMPT_ID_NAMESPACE = 'd1c2b3a4-9e8f-4d7c-a6b5-4c3d2e1f0a9b';
const ASSESSMENT_ID_NAMESPACE = 'e2f3a4b5-c6d7-48e9-9f0a-1b2c3d4e5f60';

type RecordBusCommand = EntityCommand<CompetenceRecordCommand, CompetenceRecordEvent, CompetenceRecordState>;

/** What a record command answers: the attempt or assessment it records, or the record itself. */
function answerIdOf(command: CompetenceRecordCommand): string {
  if ('attemptId' in command) return command.attemptId;
  if ('assessmentId' in command) return command.assessmentId;
  return command.employeeId;
}

/**
 * The competence record of an employee, in `competenceRecord-<employeeId>`: the revision every route
 * here answers, and that `If-Match` pins, is the record's. The employee is looked up in the
 * organisation catalogue (an unknown one is a 400 naming `employeeId`).
 */
@Injectable()
export class CompetenceRecordCommands {
  private readonly records: EntityStreams<CompetenceRecordCommand, CompetenceRecordEvent, CompetenceRecordState>;

  constructor(
    private readonly runner: CommandRunner,
    private readonly directory: OrganisationDirectory,
    private readonly catalogue: CompetencyCatalogueCommands,
    private readonly checks: KnowledgeCheckCommands,
    private readonly paths: CareerPathCommands,
  ) {
    this.records = new EntityStreams(runner, {
      decider: competenceRecordDecider(),
      category: COMPETENCE_RECORD_CATEGORY,
      idOf: (command) => command.employeeId,
      answerIdOf,
    });
  }

  /** Answers the attempt's id. */
  async recordAttempt(
    checkId: string,
    input: WithOptional<RequestOf<RecordCheckAttempt, 'employee' | 'checkId' | 'check' | 'scale' | 'assessor'>, 'attemptId'>,
    caller: Principal,
    context: RequestCommandContext,
  ): Promise<RecordBusCommand> {
    const attemptId = input.attemptId ?? this.runner.newEntityId(context, ATTEMPT_ID_NAMESPACE);
    const { employeeId, answers } = input;
    const at = this.runner.businessTime(input.occurredAt);
    const [employee, check, catalogue] = await Promise.all([this.standing(employeeId), this.checks.current(checkId), this.catalogue.current()]);
    const command = {
      type: 'RecordCheckAttempt',
      employeeId,
      employee,
      attemptId,
      checkId,
      check,
      scale: catalogue.scale,
      answers,
      assessor: assessorOf(caller),
      at,
    } as const;
    return this.records.command(command, context);
  }

  /** A manager's assessment; answers the assessment's id. */
  async assess(
    employeeId: string,
    input: WithOptional<RequestOf<AssessCompetency, 'employeeId' | 'employee' | 'assessor' | 'catalogue'>, 'assessmentId'>,
    caller: Principal,
    context: RequestCommandContext,
  ): Promise<RecordBusCommand> {
    const assessmentId = input.assessmentId ?? this.runner.newEntityId(context, ASSESSMENT_ID_NAMESPACE);
    const { competencyId, level, evidence } = input;
    const at = this.runner.businessTime(input.occurredAt);
    const [employee, catalogue] = await Promise.all([this.standing(employeeId), this.catalogue.current()]);
    const command = {
      type: 'AssessCompetency',
      employeeId,
      employee,
      assessmentId,
      competencyId,
      level,
      evidence,
      assessor: assessorOf(caller),
      catalogue,
      at,
    } as const;
    return this.records.command(command, context);
  }

  /** The caller's own self assessment: a key of another employee, or of none, is refused (403). */
  async selfAssess(
    employeeId: string,
    input: WithOptional<RequestOf<SelfAssessCompetency, 'employeeId' | 'employee' | 'catalogue'>, 'assessmentId'>,
    caller: Principal,
    context: RequestCommandContext,
  ): Promise<RecordBusCommand> {
    if (caller.employeeId !== employeeId) throw new ForbiddenError(SELF_ASSESSORS, "another employee's self assessment");
    const assessmentId = input.assessmentId ?? this.runner.newEntityId(context, ASSESSMENT_ID_NAMESPACE);
    const { competencyId, level, evidence } = input;
    const at = this.runner.businessTime(input.occurredAt);
    const [employee, catalogue] = await Promise.all([this.standing(employeeId), this.catalogue.current()]);
    return this.records.command({
      type: 'SelfAssessCompetency',
      employeeId,
      employee,
      assessmentId,
      competencyId,
      level,
      evidence,
      catalogue,
      at,
    }, context);
  }

  async validate(
    employeeId: string,
    assessmentId: string,
    input: RequestOf<ValidateSelfAssessment, 'employeeId' | 'employee' | 'assessmentId' | 'validator'>,
    caller: Principal,
    context: RequestCommandContext,
  ): Promise<RecordBusCommand> {
    const at = this.runner.businessTime(input.occurredAt);
    const employee = await this.standing(employeeId);
    return this.records.command({
      type: 'ValidateSelfAssessment',
      employeeId,
      employee,
      assessmentId,
      validator: assessorOf(caller),
      at,
    }, context);
  }

  /** Answers the employee's id. */
  async setCareerTarget(employeeId: string, input: SetCareerTargetFields, context: RequestCommandContext): Promise<RecordBusCommand> {
    const at = this.runner.businessTime(input.occurredAt);
    const careerPathId = input.careerPathId ?? undefined;
    const [employee, path] = await Promise.all([
      this.standing(employeeId),
      careerPathId === undefined ? undefined : this.paths.current(careerPathId),
    ]);
    return this.records.command({ type: 'SetCareerTarget', employeeId, employee, careerPathId, path, at }, context);
  }

  /** The employee as the organisation catalogue knows them now; one it does not know is a 400 naming `field`. */
  async standing(employeeId: string, field = 'employeeId'): Promise<EmployeeStanding> {
    const { status, positionId } = await this.directory.employee(employeeId, field);
    return { status, positionId };
  }

}

/** Who assesses: the caller's key, and the employee it belongs to. */
export function assessorOf(caller: Principal): Assessor {
  return withoutAbsent({ actorId: caller.subject, employeeId: caller.employeeId });
}
