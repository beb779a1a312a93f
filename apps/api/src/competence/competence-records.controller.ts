import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../platform/entity-commands.js';
import { ApiTags } from '@nestjs/swagger';
import { Caller } from '../auth/caller.decorator.js';
import type { Principal } from '../auth/principal.js';
import { CommandCtx } from '../platform/command-context.js';
import type { CommandResponse, RequestCommandContext } from '../platform/command-runner.service.js';
import { BusinessTimeRequest } from '../platform/dto-fields.js';
import { CommandRoute, InvalidRequest } from '../platform/route-docs.js';
import { CompetenceRecordCommands } from './competence-record-commands.service.js';
import { MANAGERS, PROFILE_KEEPERS, SELF_ASSESSORS } from './competence-roles.js';
import {
  AssessCompetencyRequest,
  EmployeeIdParams,
  SelfAssessCompetencyRequest,
  SelfAssessmentParams,
  SetCareerTargetRequest,
} from './competence-records.dto.js';

const RECORD_NOTE =
  "`revision` and `If-Match` are those of the employee's competence record. The employee must be in the organisation " +
  'catalogue: an unknown one is a 400 naming `employeeId`.';

@ApiTags('competence')
@Controller('competence-records')
@InvalidRequest('A competency the catalogue does not have is a 400 naming `competencyId`.')
export class CompetenceRecordsController {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly commands: CompetenceRecordCommands,
  ) {}

  @Post(':employeeId/assessments')
  @CommandRoute(MANAGERS, {
    summary: "A manager's assessment of one competency: CompetencyAssessed, counting at once",
    description: `hr and trainers act for the employee's manager; the caller is the assessor. 201 with the assessment's id. ${RECORD_NOTE}`,
    creates: true,
    conflicts:
      'The id is taken (ASSESSMENT_EXISTS), the caller is the employee (SELF_AS_MANAGER), the competency is retired ' +
      '(COMPETENCY_RETIRED), or the employee left (EMPLOYEE_LEFT).',
    readsModels: true,
  })
  async assess(
    @Param() params: EmployeeIdParams,
    @Body() body: AssessCompetencyRequest,
    @Caller() caller: Principal,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    const { id, ...request } = body;
    return this.bus.execute(await this.commands.assess(params.employeeId, { ...request, assessmentId: id }, caller, context));
  }

  @Post(':employeeId/self-assessments')
  @CommandRoute(SELF_ASSESSORS, {
    summary: 'Assess oneself on one competency: it counts once a manager validates it',
    description: `Through a key that belongs to the employee: another employee's record is a 403. 201 with the assessment's id. ${RECORD_NOTE}`,
    creates: true,
    conflicts: 'The id is taken (ASSESSMENT_EXISTS), the competency is retired (COMPETENCY_RETIRED), or the employee left (EMPLOYEE_LEFT).',
    readsModels: true,
  })
  async selfAssess(
    @Param() params: EmployeeIdParams,
    @Body() body: SelfAssessCompetencyRequest,
    @Caller() caller: Principal,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    const { id, ...request } = body;
    return this.bus.execute(await this.commands.selfAssess(params.employeeId, { ...request, assessmentId: id }, caller, context));
  }

  @Post(':employeeId/self-assessments/:assessmentId/validation')
  @CommandRoute(MANAGERS, {
    summary: 'Validate a self assessment: SelfAssessmentValidated, and its level counts from then on',
    description: `Answers the assessment's id. ${RECORD_NOTE}`,
    conflicts:
      'Not a self assessment (NOT_A_SELF_ASSESSMENT), validated already (SELF_ASSESSMENT_VALIDATED), by the employee ' +
      'themselves (SELF_VALIDATION), dated before the assessment (DATED_BEFORE_ASSESSMENT), or the employee left (EMPLOYEE_LEFT).',
    notFound: 'No such assessment in the record (NOT_FOUND).',
    readsModels: true,
  })
  async validate(
    @Param() params: SelfAssessmentParams,
    @Body() body: BusinessTimeRequest,
    @Caller() caller: Principal,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.validate(params.employeeId, params.assessmentId, body, caller, context));
  }

  @Post(':employeeId/career-target')
  @CommandRoute(PROFILE_KEEPERS, {
    summary: 'Set the career path the employee works along, or clear it (`careerPathId: null`)',
    description:
      'The gaps are then also measured against the path (targetRequired, targetGap). A move to another position ends the ' +
      `target. Setting the path already set appends nothing. Answers the employee's id. ${RECORD_NOTE}`,
    conflicts:
      'The path does not start at the position held (PATH_NOT_FROM_CURRENT_POSITION), is retired (CAREER_PATH_RETIRED), ' +
      'there is no target to clear (NO_CAREER_TARGET), or the employee left (EMPLOYEE_LEFT).',
    readsModels: true,
  })
  async setCareerTarget(
    @Param() params: EmployeeIdParams,
    @Body() body: SetCareerTargetRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.setCareerTarget(params.employeeId, body, context));
  }
}
