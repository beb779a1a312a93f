import { Injectable } from '@nestjs/common';
import { withoutAbsent } from '#libs/domain/shared/objects.js';
import {
  STANDARD_CATEGORY,
  standardDecider,
  type StandardCommand,
  type StandardEvent,
  type StandardOwner,
  type StandardState,
  type StandardType,
} from '#libs/domain/standards/index.js';
import { OrganisationDirectory } from '../organisation/organisation-directory.js';
import { CommandRunner, type CommandResponse, type RequestCommandContext } from '../platform/command-runner.js';
import { EntityStreams } from '../platform/entity-streams.js';

export interface PublishStandardInput {
  standardId?: string;
  type: StandardType;
  sectionId?: string;
  productId?: string;
  title: string;
  body?: string;
  link?: string;
  occurredAt?: string;
}

export interface ReviseStandardInput {
  title?: string;
  body?: string;
  link?: string;
  changeNote?: string;
  occurredAt?: string;
}

export interface RetireStandardInput {
  reason?: string;
  occurredAt?: string;
}

const STANDARD_ID_NAMESPACE = 'e2d4c6b8-a0f1-4e3d-9c5b-7a9e1f3d5b7c';

/** Standards, each in its own stream; the owner is looked up in the organisation catalogue. */
@Injectable()
export class StandardCommands {
  private readonly standards: EntityStreams<StandardCommand, StandardEvent, StandardState>;

  constructor(
    private readonly runner: CommandRunner,
    private readonly directory: OrganisationDirectory,
  ) {
    this.standards = new EntityStreams(runner, {
      decider: standardDecider(),
      category: STANDARD_CATEGORY,
      idOf: (command) => command.standardId,
    });
  }

  async publish(input: PublishStandardInput, context: RequestCommandContext): Promise<CommandResponse> {
    const standardId = input.standardId ?? this.runner.newEntityId(context, STANDARD_ID_NAMESPACE);
    const { type, sectionId, productId, title, body, link } = input;
    const at = this.runner.businessTime(input.occurredAt);
    // Both ids go to the decider as given, so that it refuses none or two owners as bad input.
    const owner = withoutAbsent({ sectionId, productId }) as StandardOwner;
    const ownerActive = await this.ownerActive(sectionId, productId);
    return this.standards.run({ type: 'PublishStandard', standardId, standardType: type, owner, ownerActive, title, body, link, at }, context);
  }

  revise(standardId: string, input: ReviseStandardInput, context: RequestCommandContext): Promise<CommandResponse> {
    const { title, body, link, changeNote } = input;
    const at = this.runner.businessTime(input.occurredAt);
    return this.standards.run({ type: 'ReviseStandard', standardId, title, body, link, changeNote, at }, context);
  }

  retire(standardId: string, input: RetireStandardInput, context: RequestCommandContext): Promise<CommandResponse> {
    const at = this.runner.businessTime(input.occurredAt);
    return this.standards.run({ type: 'RetireStandard', standardId, reason: input.reason, at }, context);
  }

  /** Looks up the one owner given; with none or both the decider refuses the owner before any rule. */
  private async ownerActive(sectionId: string | undefined, productId: string | undefined): Promise<boolean> {
    if (sectionId !== undefined && productId === undefined) return this.directory.isActive({ kind: 'section', id: sectionId }, 'sectionId');
    if (productId !== undefined && sectionId === undefined) return this.directory.isActive({ kind: 'product', id: productId }, 'productId');
    return false;
  }
}
