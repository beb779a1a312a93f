import { Injectable } from '@nestjs/common';
import {
  ORG_STRUCTURE_CATEGORY,
  ORG_STRUCTURE_ID,
  orgStructureDecider,
  type ChangeValuableFinalProduct,
  type CloseSection,
  type CreatePosition,
  type CreateSection,
  type MoveSection,
  type OrgStructure,
  type OrgStructureCommand,
  type OrgStructureEvent,
  type RenamePosition,
  type RenameSection,
  type RetirePosition,
} from '#domain/organisation/index.js';
import { streamId } from '#kernel';
import type { RequestOf, WithOptional } from '../platform/command-requests.js';
import { CommandRunner, type RequestCommandContext } from '../platform/command-runner.service.js';
import type { EntityCommand } from '../platform/entity-commands.js';
import { EntityStreams } from '../platform/entity-streams.js';
import { OrganisationDirectory } from './organisation-directory.service.js';

/** Names the ids derived from idempotency keys; fixed forever, or retries would create new entries. */
const SECTION_ID_NAMESPACE = '5c0b9a3e-2f4d-4e8a-9b1c-7d6e5f4a3b21';
const POSITION_ID_NAMESPACE = '8e1f2d3c-4b5a-4697-8877-665544332211';

export const ORG_STRUCTURE_STREAM = streamId(ORG_STRUCTURE_CATEGORY, ORG_STRUCTURE_ID);

type OrgStructureBusCommand = EntityCommand<OrgStructureCommand, OrgStructureEvent, OrgStructure>;

/** The section or position a structure command addresses. */
function addressedIdOf(command: OrgStructureCommand): string {
  return 'positionId' in command ? command.positionId : command.sectionId;
}

/**
 * Commands on sections and positions, all in the one organisation structure stream: the revision
 * they answer, and that `If-Match` pins, is the structure's. Closing a section and retiring a
 * position need to know who and what still belongs there; products and employees live in streams of
 * their own, so the directory counts them from the catalogue, caught up to the head of the log. A
 * product created in the very instant a section closes can still slip in; the chart then shows it in
 * a closed section, where it stays visible to be transferred.
 */
@Injectable()
export class OrgStructureCommands {
  private readonly structure: EntityStreams<OrgStructureCommand, OrgStructureEvent, OrgStructure>;

  constructor(
    private readonly runner: CommandRunner,
    private readonly directory: OrganisationDirectory,
  ) {
    this.structure = new EntityStreams(runner, {
      decider: orgStructureDecider(),
      category: ORG_STRUCTURE_CATEGORY,
      idOf: () => ORG_STRUCTURE_ID,
      answerIdOf: addressedIdOf,
    });
  }

  /** The structure as its stream holds it now, for the deciders of products and employees. */
  current(): Promise<OrgStructure> {
    return this.structure.current(ORG_STRUCTURE_ID);
  }

  createSection(input: WithOptional<RequestOf<CreateSection>, 'sectionId'>, context: RequestCommandContext): OrgStructureBusCommand {
    const sectionId = input.sectionId ?? this.runner.newEntityId(context, SECTION_ID_NAMESPACE);
    const { name, valuableFinalProduct, parentId } = input;
    const at = this.runner.businessTime(input.occurredAt);
    return this.structure.command({ type: 'CreateSection', sectionId, name, valuableFinalProduct, parentId, at }, context);
  }

  renameSection(sectionId: string, input: RequestOf<RenameSection, 'sectionId'>, context: RequestCommandContext): OrgStructureBusCommand {
    const at = this.runner.businessTime(input.occurredAt);
    return this.structure.command({ type: 'RenameSection', sectionId, name: input.name, at }, context);
  }

  changeValuableFinalProduct(
    sectionId: string,
    input: RequestOf<ChangeValuableFinalProduct, 'sectionId'>,
    context: RequestCommandContext,
  ): OrgStructureBusCommand {
    const at = this.runner.businessTime(input.occurredAt);
    const { valuableFinalProduct } = input;
    return this.structure.command({ type: 'ChangeValuableFinalProduct', sectionId, valuableFinalProduct, at }, context);
  }

  moveSection(sectionId: string, input: RequestOf<MoveSection, 'sectionId'>, context: RequestCommandContext): OrgStructureBusCommand {
    const at = this.runner.businessTime(input.occurredAt);
    return this.structure.command({ type: 'MoveSection', sectionId, parentId: input.parentId, at }, context);
  }

  async closeSection(
    sectionId: string,
    input: RequestOf<CloseSection, 'sectionId' | 'occupants'>,
    context: RequestCommandContext,
  ): Promise<OrgStructureBusCommand> {
    const at = this.runner.businessTime(input.occurredAt);
    const occupants = await this.directory.sectionOccupants(sectionId, at);
    return this.structure.command({ type: 'CloseSection', sectionId, occupants, at }, context);
  }

  createPosition(input: WithOptional<RequestOf<CreatePosition>, 'positionId'>, context: RequestCommandContext): OrgStructureBusCommand {
    const positionId = input.positionId ?? this.runner.newEntityId(context, POSITION_ID_NAMESPACE);
    const at = this.runner.businessTime(input.occurredAt);
    return this.structure.command({ type: 'CreatePosition', positionId, title: input.title, sectionId: input.sectionId, at }, context);
  }

  renamePosition(positionId: string, input: RequestOf<RenamePosition, 'positionId'>, context: RequestCommandContext): OrgStructureBusCommand {
    const at = this.runner.businessTime(input.occurredAt);
    return this.structure.command({ type: 'RenamePosition', positionId, title: input.title, at }, context);
  }

  async retirePosition(
    positionId: string,
    input: RequestOf<RetirePosition, 'positionId' | 'holders'>,
    context: RequestCommandContext,
  ): Promise<OrgStructureBusCommand> {
    const at = this.runner.businessTime(input.occurredAt);
    const holders = await this.directory.positionHolders(positionId, at);
    return this.structure.command({ type: 'RetirePosition', positionId, holders, at }, context);
  }

}
