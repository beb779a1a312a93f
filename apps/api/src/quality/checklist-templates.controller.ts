import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../platform/entity-commands.js';
import { ApiTags } from '@nestjs/swagger';
import { CHECKLIST_TEMPLATES } from '#projections/quality/checklist-templates.projection.js';
import { AsOfQuery, type ResolvedAsOf } from '../platform/as-of.js';
import { CommandCtx } from '../platform/command-context.js';
import type { CommandResponse, RequestCommandContext } from '../platform/command-runner.service.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { CommandRoute, InvalidRequest, PAGE_NOTE, ReadRoute } from '../platform/route-docs.js';
import { ChecklistTemplateCommands } from './checklist-template-commands.service.js';
import { ChecklistTemplateQueries } from './checklist-template-queries.service.js';
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

const NOT_FOUND = 'No such checklist template (NOT_FOUND).';
const CONTENT_NOTE =
  'The body is the full content of the version: a title, sections of criteria (id, text, positive weight, critical flag) ' +
  'and a pass mark in (0, 1]. Criterion ids are unique within the version.';

@ApiTags('checklist-templates')
@Controller('checklist-templates')
@InvalidRequest()
export class ChecklistTemplatesController {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly commands: ChecklistTemplateCommands,
    private readonly templates: ChecklistTemplateQueries,
  ) {}

  @Post()
  @CommandRoute(TEMPLATE_PUBLISHERS, {
    summary: 'Publish a new checklist template, as its version 1',
    description:
      "201 with the new template's id. The owner must be in the organisation catalogue: an unknown section or product " +
      `is a 400 naming \`owner.id\`. ${CONTENT_NOTE}`,
    creates: true,
    conflicts:
      'A template with this id already exists (CHECKLIST_TEMPLATE_EXISTS), or the owner section is closed or the product ' +
      'retired (CHECKLIST_TEMPLATE_OWNER_INACTIVE).',
    readsModels: true,
  })
  async publish(@Body() body: PublishChecklistTemplateRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    const { id, ...request } = body;
    return this.bus.execute(await this.commands.publish({ ...request, templateId: id }, context));
  }

  @Post(':id/versions')
  @CommandRoute(TEMPLATE_PUBLISHERS, {
    summary: 'Publish the next version of a template',
    description:
      'A published version never changes: editing a template publishes version n + 1, and inspections already given ' +
      `keep the version they were given under. ${CONTENT_NOTE}`,
    creates: true,
    conflicts:
      'Retired (CHECKLIST_TEMPLATE_RETIRED), the same as the current version (CHECKLIST_TEMPLATE_UNCHANGED), ' +
      'or dated before it (DATED_BEFORE_PREVIOUS_DECISION).',
    notFound: NOT_FOUND,
  })
  async publishVersion(
    @Param() params: ChecklistTemplateIdParams,
    @Body() body: PublishChecklistTemplateVersionRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.publishVersion(params.id, body, context));
  }

  @Post(':id/retirement')
  @CommandRoute(TEMPLATE_PUBLISHERS, {
    summary: 'Retire a template: no new versions and no new inspections on it',
    description: 'Inspections already given stay as they are.',
    conflicts: 'Already retired (CHECKLIST_TEMPLATE_RETIRED), or dated before the last version.',
    notFound: NOT_FOUND,
  })
  retire(
    @Param() params: ChecklistTemplateIdParams,
    @Body() body: RetireChecklistTemplateRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.retire(params.id, body, context));
  }

  @Get()
  @ReadRoute(QUALITY_READERS, {
    summary: 'Checklist templates, oldest first, a page at a time',
    description: PAGE_NOTE,
    type: ChecklistTemplatePage,
    reads: CHECKLIST_TEMPLATES,
  })
  list(@Query() query: ChecklistTemplateListQuery, @ReadMoment() moment: ResolvedAsOf): Promise<ChecklistTemplatePage> {
    return this.templates.list(query, moment);
  }

  @Get(':id')
  @ReadRoute(QUALITY_READERS, {
    summary: 'A template: its current version in full and the list of all its versions',
    description: 'With `asOf`, the template as it was known then.',
    type: ChecklistTemplateView,
    reads: CHECKLIST_TEMPLATES,
    notFound: 'No such template (at `asOf`, when given).',
  })
  get(
    @Param() params: ChecklistTemplateIdParams,
    @Query() _query: AsOfQuery,
    @ReadMoment() moment: ResolvedAsOf,
  ): Promise<ChecklistTemplateView> {
    return this.templates.get(params.id, moment);
  }

  @Get(':id/versions/:version')
  @ReadRoute(QUALITY_READERS, {
    summary: 'One version of a template, exactly as it was published',
    description: 'With `asOf`, as it was known then (a version published later is not found).',
    type: ChecklistTemplateVersionView,
    reads: CHECKLIST_TEMPLATES,
    notFound: 'No such template or version (at `asOf`, when given).',
  })
  version(
    @Param() params: ChecklistTemplateVersionParams,
    @Query() _query: AsOfQuery,
    @ReadMoment() moment: ResolvedAsOf,
  ): Promise<ChecklistTemplateVersionView> {
    return this.templates.version(params.id, params.version, moment);
  }
}
