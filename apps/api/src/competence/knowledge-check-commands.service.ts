import { Injectable } from '@nestjs/common';
import {
  KNOWLEDGE_CHECK_CATEGORY,
  knowledgeCheckDecider,
  type DefineKnowledgeCheck,
  type KnowledgeCheckCommand,
  type KnowledgeCheckEvent,
  type KnowledgeCheckState,
  type RetireKnowledgeCheck,
} from '#domain/competence/index.js';
import type { RequestOf, WithOptional } from '../platform/command-requests.js';
import { CommandRunner, type RequestCommandContext } from '../platform/command-runner.js';
import type { EntityCommand } from '../platform/entity-commands.js';
import { EntityStreams } from '../platform/entity-streams.js';
import { CompetencyCatalogueCommands } from './competency-catalogue-commands.service.js';

const CHECK_ID_NAMESPACE = 'c9e8d7f6-2b1a-4c3d-8e9f-0a1b2c3d4e5f';

/** Knowledge checks, each in its own stream; attempts go to the employee's competence record. */
@Injectable()
export class KnowledgeCheckCommands {
  private readonly checks: EntityStreams<KnowledgeCheckCommand, KnowledgeCheckEvent, KnowledgeCheckState>;

  constructor(
    private readonly runner: CommandRunner,
    private readonly catalogue: CompetencyCatalogueCommands,
  ) {
    this.checks = new EntityStreams(runner, {
      decider: knowledgeCheckDecider(),
      category: KNOWLEDGE_CHECK_CATEGORY,
      idOf: (command) => command.checkId,
    });
  }

  current(checkId: string): Promise<KnowledgeCheckState> {
    return this.checks.current(checkId);
  }

  async define(
    input: WithOptional<RequestOf<DefineKnowledgeCheck, 'catalogue'>, 'checkId'>,
    context: RequestCommandContext,
  ): Promise<EntityCommand<KnowledgeCheckCommand, KnowledgeCheckEvent, KnowledgeCheckState>> {
    const checkId = input.checkId ?? this.runner.newEntityId(context, CHECK_ID_NAMESPACE);
    const { title, openBook, questions } = input;
    const at = this.runner.businessTime(input.occurredAt);
    const catalogue = await this.catalogue.current();
    return this.checks.command({ type: 'DefineKnowledgeCheck', checkId, title, openBook, questions, catalogue, at }, context);
  }

  retire(checkId: string, input: RequestOf<RetireKnowledgeCheck, 'checkId'>, context: RequestCommandContext): EntityCommand<KnowledgeCheckCommand, KnowledgeCheckEvent, KnowledgeCheckState> {
    const at = this.runner.businessTime(input.occurredAt);
    return this.checks.command({ type: 'RetireKnowledgeCheck', checkId, at }, context);
  }
}
