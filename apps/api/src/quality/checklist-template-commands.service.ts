import { Injectable } from '@nestjs/common';
import {
  CHECKLIST_TEMPLATE_CATEGORY,
  checklistTemplateDecider,
  inspectionTemplate,
  TEMPLATE_OWNER_KINDS,
  type ChecklistContent,
  type ChecklistTemplateCommand,
  type ChecklistTemplateEvent,
  type ChecklistTemplateState,
  type InspectionTemplate,
  type PublishChecklistTemplate,
  type PublishChecklistTemplateVersion,
  type RetireChecklistTemplate,
  type TemplateOwner,
} from '#domain/quality/index.js';
import { OrganisationDirectory } from '../organisation/organisation-directory.service.js';
import { StandardsDirectory } from '../standards/standards-directory.service.js';
import type { RequestOf, WithOptional } from '../platform/command-requests.js';
import { CommandRunner, type RequestCommandContext } from '../platform/command-runner.service.js';
import type { EntityCommand } from '../platform/entity-commands.js';
import { EntityStreams } from '../platform/entity-streams.js';

/*
 * A request carries the content of a version flat, beside the command's other fields; whether the
 * owner is active, and whether the standards it names are current, is looked up here.
 */
export type PublishChecklistTemplateFields = RequestOf<PublishChecklistTemplate, 'content' | 'ownerActive'> & ContentFields;
export type PublishChecklistTemplateVersionFields = RequestOf<PublishChecklistTemplateVersion, 'templateId' | 'content'> & ContentFields;

/** A version's content as a request gives it: without standards, it verifies none. */
type ContentFields = WithOptional<ChecklistContent, 'standardIds'>;

/** Names the template ids derived from idempotency keys; fixed forever, or retries would create new templates. */
const TEMPLATE_ID_NAMESPACE = '3f1c9a52-8d1e-4f6b-a0c7-2e5b9d4f8a13';

/**
 * The checklist template commands, for the HTTP controller and any other caller in the process. The
 * owner of a new template is looked up in the organisation catalogue.
 */
@Injectable()
export class ChecklistTemplateCommands {
  private readonly templates: EntityStreams<ChecklistTemplateCommand, ChecklistTemplateEvent, ChecklistTemplateState>;

  constructor(
    private readonly runner: CommandRunner,
    private readonly directory: OrganisationDirectory,
    private readonly standards: StandardsDirectory,
  ) {
    this.templates = new EntityStreams(runner, {
      decider: checklistTemplateDecider(),
      category: CHECKLIST_TEMPLATE_CATEGORY,
      idOf: (command) => command.templateId,
    });
  }

  /** Publishes version 1 of a new template, under `templateId` or a new UUIDv7. */
  async publish(input: WithOptional<PublishChecklistTemplateFields, 'templateId'>, context: RequestCommandContext): Promise<EntityCommand<ChecklistTemplateCommand, ChecklistTemplateEvent, ChecklistTemplateState>> {
    const templateId = input.templateId ?? this.runner.newEntityId(context, TEMPLATE_ID_NAMESPACE);
    const { owner } = input;
    const at = this.runner.businessTime(input.occurredAt);
    const ownerActive = await this.ownerActive(owner);
    const content = await this.contentOf(input);
    return this.templates.command({ type: 'PublishChecklistTemplate', templateId, owner, ownerActive, content, at }, context);
  }

  async publishVersion(templateId: string, input: PublishChecklistTemplateVersionFields, context: RequestCommandContext): Promise<EntityCommand<ChecklistTemplateCommand, ChecklistTemplateEvent, ChecklistTemplateState>> {
    const at = this.runner.businessTime(input.occurredAt);
    const content = await this.contentOf(input);
    return this.templates.command({ type: 'PublishChecklistTemplateVersion', templateId, content, at }, context);
  }

  retire(templateId: string, input: RequestOf<RetireChecklistTemplate, 'templateId'>, context: RequestCommandContext): EntityCommand<ChecklistTemplateCommand, ChecklistTemplateEvent, ChecklistTemplateState> {
    const at = this.runner.businessTime(input.occurredAt);
    return this.templates.command({ type: 'RetireChecklistTemplate', templateId, reason: input.reason, at }, context);
  }

  /** The exact version an inspection is given under, read from the template's stream as it is now. */
  async versionForInspection(templateId: string, version: number): Promise<InspectionTemplate> {
    return inspectionTemplate(await this.templates.current(templateId), templateId, version);
  }

  /** The content of the request; the standards it names must be current (a list that is no list is the decider's to refuse). */
  private async contentOf({ title, sections, passMark, standardIds = [] }: ContentFields): Promise<ChecklistContent> {
    if (Array.isArray(standardIds) && standardIds.every((id) => typeof id === 'string')) await this.standards.requireCurrent(standardIds, 'standardIds');
    return { title, sections, passMark, standardIds };
  }

  /** Looks up an owner of a known kind; the decider refuses any other owner before any rule. */
  private async ownerActive(owner: TemplateOwner | undefined): Promise<boolean> {
    const known = owner !== undefined && TEMPLATE_OWNER_KINDS.includes(owner.kind);
    return known && this.directory.isActive(owner, 'owner.id');
  }
}


