import { Injectable } from '@nestjs/common';
import { withoutAbsent } from '#domain/shared/objects.js';
import {
  STANDARD_CATEGORY,
  standardDecider,
  type PublishStandard,
  type RetireStandard,
  type ReviseStandard,
  type StandardCommand,
  type StandardEvent,
  type StandardOwner,
  type StandardState,
} from '#domain/standards/index.js';
import { OrganisationDirectory } from '../organisation/organisation-directory.service.js';
import type { RequestOf, WithOptional } from '../platform/command-requests.js';
import { CommandRunner, type RequestCommandContext } from '../platform/command-runner.service.js';
import type { EntityCommand } from '../platform/entity-commands.js';
import { EntityStreams } from '../platform/entity-streams.js';

/**
 * A request gives the standard's type as `type` (beside no command type of its own) and its owner as
 * one of `sectionId` and `productId`; whether the owner is active is looked up here.
 */
export type PublishStandardFields = RequestOf<PublishStandard, 'standardType' | 'owner' | 'ownerActive'> & {
  readonly type: PublishStandard['standardType'];
  readonly sectionId?: string;
  readonly productId?: string;
};

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

  async publish(input: WithOptional<PublishStandardFields, 'standardId'>, context: RequestCommandContext): Promise<EntityCommand<StandardCommand, StandardEvent, StandardState>> {
    const standardId = input.standardId ?? this.runner.newEntityId(context, STANDARD_ID_NAMESPACE);
    const { type, sectionId, productId, title, body, link } = input;
    const at = this.runner.businessTime(input.occurredAt);
    // Both ids go to the decider as given, so that it refuses none or two owners as bad input.
    const owner = withoutAbsent({ sectionId, productId }) as StandardOwner;
    const ownerActive = await this.ownerActive(sectionId, productId);
    return this.standards.command({ type: 'PublishStandard', standardId, standardType: type, owner, ownerActive, title, body, link, at }, context);
  }

  revise(standardId: string, input: RequestOf<ReviseStandard, 'standardId'>, context: RequestCommandContext): EntityCommand<StandardCommand, StandardEvent, StandardState> {
    const { title, body, link, changeNote } = input;
    const at = this.runner.businessTime(input.occurredAt);
    return this.standards.command({ type: 'ReviseStandard', standardId, title, body, link, changeNote, at }, context);
  }

  retire(standardId: string, input: RequestOf<RetireStandard, 'standardId'>, context: RequestCommandContext): EntityCommand<StandardCommand, StandardEvent, StandardState> {
    const at = this.runner.businessTime(input.occurredAt);
    return this.standards.command({ type: 'RetireStandard', standardId, reason: input.reason, at }, context);
  }

  /** Looks up the one owner given; with none or both the decider refuses the owner before any rule. */
  private async ownerActive(sectionId: string | undefined, productId: string | undefined): Promise<boolean> {
    if (sectionId !== undefined && productId === undefined) return this.directory.isActive({ kind: 'section', id: sectionId }, 'sectionId');
    if (productId !== undefined && sectionId === undefined) return this.directory.isActive({ kind: 'product', id: productId }, 'productId');
    return false;
  }
}
