import { Injectable } from '@nestjs/common';
import {
  chainLink,
  INSPECTION_CATEGORY,
  inspectedSection,
  inspectionDecider,
  validStartInspection,
  type CompleteInspection,
  type DisputeVerdict,
  type InspectionCommand,
  type InspectionEvent,
  type InspectionState,
  type InspectionTemplate,
  type Inspector,
  type RecordInspectionResults,
  type ResolveDispute,
  type StartInspection,
} from '#domain/quality/index.js';
import { withoutAbsent } from '#domain/shared/objects.js';
import type { Principal } from '../auth/principal.js';
import { OrganisationDirectory } from '../organisation/organisation-directory.service.js';
import type { RequestOf, WithOptional } from '../platform/command-requests.js';
import { CommandRunner, type RequestCommandContext } from '../platform/command-runner.service.js';
import type { EntityCommand } from '../platform/entity-commands.js';
import { EntityStreams } from '../platform/entity-streams.js';
import { ChecklistTemplateCommands } from './checklist-template-commands.service.js';

/**
 * A request names the template version by id and number, and a re-inspection the failed inspection:
 * the template and the chain are read here from their streams. The section, when absent, is the one
 * that owns the product; the inspector is the caller.
 */
export type StartInspectionFields = WithOptional<RequestOf<StartInspection, 'inspectionId' | 'template' | 'inspector' | 'chain'>, 'sectionId'> &
  Pick<InspectionTemplate, 'templateId'> & {
    readonly templateVersion: InspectionTemplate['version'];
    /** The failed inspection this one re-inspects. */
    readonly reinspectionOf?: string;
  };

/** Names the inspection ids derived from idempotency keys; fixed forever, or retries would start new inspections. */
const INSPECTION_ID_NAMESPACE = 'a7d4e2c1-5b9f-4e3a-8c6d-1f0b2e9a7c54';

type InspectionBusCommand = EntityCommand<InspectionCommand, InspectionEvent, InspectionState>;

/**
 * The inspection commands. The inspector, resolver and disputing author are the caller: the key's
 * subject and, when the key belongs to an employee, that employee. The inspected work (product,
 * section, author) is looked up in the organisation catalogue.
 */
@Injectable()
export class InspectionCommands {
  private readonly inspections: EntityStreams<InspectionCommand, InspectionEvent, InspectionState>;

  constructor(
    private readonly runner: CommandRunner,
    private readonly templates: ChecklistTemplateCommands,
    private readonly directory: OrganisationDirectory,
  ) {
    this.inspections = new EntityStreams(runner, {
      decider: inspectionDecider(),
      category: INSPECTION_CATEGORY,
      idOf: (command) => command.inspectionId,
    });
  }

  /**
   * Starts an inspection under a new id (a re-inspection gets no id of the client's choosing, so that
   * its claim on the failed inspection can always be followed by its start). The template version is
   * read from its stream and embedded. A re-inspection first claims the failed inspection on that
   * inspection's stream, where concurrent claims exclude each other; everything that could refuse the
   * start is checked before the claim, and a retry with the same `Idempotency-Key` finds both again.
   */
  async start(input: StartInspectionFields, caller: Principal, context: RequestCommandContext): Promise<InspectionBusCommand> {
    const inspectionId = this.runner.newEntityId(context, INSPECTION_ID_NAMESPACE);
    const at = this.runner.businessTime(input.occurredAt);
    const { deliverable, productId, authorId, templateId, reinspectionOf } = input;
    const template = await this.templates.versionForInspection(templateId, input.templateVersion);
    const sectionId = await this.sectionOfWork(input);
    const chain =
      reinspectionOf === undefined
        ? undefined
        : chainLink(await this.inspections.current(reinspectionOf), {
            previousInspectionId: reinspectionOf,
            reinspectionId: inspectionId,
            productId,
            sectionId,
            authorId,
            templateId,
          });
    const inspector = inspectorOf(caller);
    const command: StartInspection = validStartInspection(
      withoutAbsent({ type: 'StartInspection', inspectionId, deliverable, productId, sectionId, authorId, template, inspector, chain, at }),
    );
    if (reinspectionOf === undefined) return this.inspections.command(command, context);
    const { expectedRevision: _pinnedForTheNewInspection, ...claimContext } = context;
    const claim = { type: 'StartReinspection', inspectionId: reinspectionOf, reinspectionId: inspectionId, at } as const;
    return this.inspections.command(command, context, this.inspections.command(claim, claimContext));
  }

  record(inspectionId: string, input: RequestOf<RecordInspectionResults, 'inspectionId'>, context: RequestCommandContext): InspectionBusCommand {
    const at = this.runner.businessTime(input.occurredAt);
    return this.inspections.command({ type: 'RecordInspectionResults', inspectionId, results: input.results, at }, context);
  }

  complete(inspectionId: string, input: RequestOf<CompleteInspection, 'inspectionId'>, context: RequestCommandContext): InspectionBusCommand {
    const at = this.runner.businessTime(input.occurredAt);
    return this.inspections.command({ type: 'CompleteInspection', inspectionId, at }, context);
  }

  dispute(
    inspectionId: string,
    input: RequestOf<DisputeVerdict, 'inspectionId' | 'employeeId'>,
    caller: Principal,
    context: RequestCommandContext,
  ): InspectionBusCommand {
    const at = this.runner.businessTime(input.occurredAt);
    const { criterionIds, comment } = input;
    return this.inspections.command(
      withoutAbsent({ type: 'DisputeVerdict', inspectionId, employeeId: caller.employeeId, criterionIds, comment, at }),
      context,
    );
  }

  resolve(
    inspectionId: string,
    input: RequestOf<ResolveDispute, 'inspectionId' | 'resolver'>,
    caller: Principal,
    context: RequestCommandContext,
  ): InspectionBusCommand {
    const at = this.runner.businessTime(input.occurredAt);
    const { outcome, revisedResults, comment } = input;
    return this.inspections.command(
      withoutAbsent({ type: 'ResolveDispute', inspectionId, outcome, revisedResults, comment, resolver: inspectorOf(caller), at }),
      context,
    );
  }

  /** The product, a section named and the author must be in the catalogue; the section is the product's. */
  private async sectionOfWork({ productId, sectionId, authorId }: StartInspectionFields): Promise<string> {
    const product = await this.directory.product(productId, 'productId');
    if (sectionId !== undefined) await this.directory.section(sectionId, 'sectionId');
    await this.directory.employee(authorId, 'authorId');
    return inspectedSection({ productId, productSectionId: product.sectionId, sectionId });
  }

}

function inspectorOf(caller: Principal): Inspector {
  return withoutAbsent({ actorId: caller.subject, employeeId: caller.employeeId });
}
