import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators.js';
import { AsOfQuery } from '../platform/as-of.js';
import { CommandCtx } from '../platform/command-context.js';
import { CommandResponse, type RequestCommandContext } from '../platform/command-runner.js';
import { ProblemDto } from '../platform/problem.dto.js';
import { ReadYourWrites } from '../platform/read-your-writes.js';
import { COMMAND_NOTE, ReadModelBehind, RevisionMoved, rolesNote } from '../platform/route-docs.js';
import { ChecklistTemplateCommands } from './checklist-template.commands.js';
import { ChecklistTemplateQueries } from './checklist-template.queries.js';
import {
  ChecklistTemplateIdParams,
  ChecklistTemplateListQuery,
  ChecklistTemplatePage,
  ChecklistTemplateVersionParams,
  ChecklistTemplateVersionView,
  ChecklistTemplateView,
  PublishChecklistTemplateRequest,
  PublishChecklistTemplateVersionRequest,
  RetireChecklistTemplateRequest,
} from './checklist-templates.dto.js';
import { QUALITY_READERS, TEMPLATE_PUBLISHERS } from './quality-roles.js';

const templateNotFound = ApiNotFoundResponse({ type: ProblemDto, description: 'No such checklist template (NOT_FOUND).' });
const CONTENT_NOTE =
  'The body is the full content of the version: a title, sections of criteria (id, text, positive weight, critical flag) ' +
  'and a pass mark in (0, 1]. Criterion ids are unique within the version.';

@ApiTags('checklist-templates')
@Controller('checklist-templates')
@ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid body, parameter or header; unknown fields are refused.' })
export class ChecklistTemplatesController {
  constructor(
    private readonly commands: ChecklistTemplateCommands,
    private readonly templates: ChecklistTemplateQueries,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Post()
  @Roles(...TEMPLATE_PUBLISHERS)
  @ApiOperation({
    summary: 'Publish a new checklist template, as its version 1',
    description: `${rolesNote(TEMPLATE_PUBLISHERS)} 201 with the new template's id. ${CONTENT_NOTE} ${COMMAND_NOTE}`,
  })
  @ApiCreatedResponse({ type: CommandResponse })
  @ApiConflictResponse({ type: ProblemDto, description: 'A template with this id already exists (CHECKLIST_TEMPLATE_EXISTS).' })
  @RevisionMoved()
  publish(@Body() body: PublishChecklistTemplateRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    const { id, ...request } = body;
    return this.commands.publish({ ...request, templateId: id }, context);
  }

  @Post(':id/versions')
  @Roles(...TEMPLATE_PUBLISHERS)
  @ApiOperation({
    summary: 'Publish the next version of a template',
    description:
      `${rolesNote(TEMPLATE_PUBLISHERS)} A published version never changes: editing a template publishes version n + 1, ` +
      `and inspections already given keep the version they were given under. ${CONTENT_NOTE} ${COMMAND_NOTE}`,
  })
  @ApiCreatedResponse({ type: CommandResponse })
  @ApiConflictResponse({
    type: ProblemDto,
    description:
      'Retired (CHECKLIST_TEMPLATE_RETIRED), the same as the current version (CHECKLIST_TEMPLATE_UNCHANGED), ' +
      'or dated before it (DATED_BEFORE_PREVIOUS_DECISION).',
  })
  @templateNotFound
  @RevisionMoved()
  publishVersion(
    @Param() params: ChecklistTemplateIdParams,
    @Body() body: PublishChecklistTemplateVersionRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.commands.publishVersion(params.id, body, context);
  }

  @Post(':id/retirement')
  @Roles(...TEMPLATE_PUBLISHERS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Retire a template: no new versions and no new inspections on it',
    description: `${rolesNote(TEMPLATE_PUBLISHERS)} Inspections already given stay as they are. ${COMMAND_NOTE}`,
  })
  @ApiOkResponse({ type: CommandResponse })
  @ApiConflictResponse({ type: ProblemDto, description: 'Already retired (CHECKLIST_TEMPLATE_RETIRED), or dated before the last version.' })
  @templateNotFound
  @RevisionMoved()
  retire(
    @Param() params: ChecklistTemplateIdParams,
    @Body() body: RetireChecklistTemplateRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.commands.retire(params.id, body, context);
  }

  @Get()
  @Roles(...QUALITY_READERS)
  @ApiOperation({
    summary: 'Checklist templates, oldest first, a page at a time',
    description: `${rolesNote(QUALITY_READERS)} Follow \`nextCursor\`; pass the same \`asOf\` on every page to page through one moment.`,
  })
  @ApiOkResponse({ type: ChecklistTemplatePage })
  @ReadModelBehind()
  async list(@Query() query: ChecklistTemplateListQuery): Promise<ChecklistTemplatePage> {
    await this.readYourWrites.catchUp(query);
    return this.templates.list(query);
  }

  @Get(':id')
  @Roles(...QUALITY_READERS)
  @ApiOperation({
    summary: 'A template: its current version in full and the list of all its versions',
    description: `${rolesNote(QUALITY_READERS)} With \`asOf\`, the template as it was known then.`,
  })
  @ApiOkResponse({ type: ChecklistTemplateView })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such template (at `asOf`, when given).' })
  @ReadModelBehind()
  async get(@Param() params: ChecklistTemplateIdParams, @Query() query: AsOfQuery): Promise<ChecklistTemplateView> {
    await this.readYourWrites.catchUp(query);
    return this.templates.get(params.id, query.asOf);
  }

  @Get(':id/versions/:version')
  @Roles(...QUALITY_READERS)
  @ApiOperation({
    summary: 'One version of a template, exactly as it was published',
    description: `${rolesNote(QUALITY_READERS)} With \`asOf\`, as it was known then (a version published later is not found).`,
  })
  @ApiOkResponse({ type: ChecklistTemplateVersionView })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such template or version (at `asOf`, when given).' })
  @ReadModelBehind()
  async version(@Param() params: ChecklistTemplateVersionParams, @Query() query: AsOfQuery): Promise<ChecklistTemplateVersionView> {
    await this.readYourWrites.catchUp(query);
    return this.templates.version(params.id, params.version, query.asOf);
  }
}
