import { Injectable } from '@nestjs/common';
import {
  KNOWLEDGE_CHECK_CATEGORY,
  knowledgeCheckDecider,
  type CitableMaterial,
  type DefineKnowledgeCheck,
  type KnowledgeCheckCommand,
  type KnowledgeCheckEvent,
  type KnowledgeCheckState,
  type RetireKnowledgeCheck,
} from '#domain/competence/index.js';
import type { RequestOf, WithOptional } from '../platform/command-requests.js';
import { CommandRunner, type RequestCommandContext } from '../platform/command-runner.service.js';
import type { EntityCommand } from '../platform/entity-commands.js';
import { EntityStreams } from '../platform/entity-streams.js';
import { KnowledgeBaseCommands } from '../training/knowledge-base-commands.service.js';
import { CompetencyCatalogueCommands } from './competency-catalogue-commands.service.js';

const CHECK_ID_NAMESPACE = 'c9e8d7f6-2b1a-4c3d-8e9f-0a1b2c3d4e5f';

/**
 * Knowledge checks, each in its own stream; a trainer's attempts go to the employee's competence
 * record. The materials questions cite are read from their streams in the knowledge base.
 */
@Injectable()
export class KnowledgeCheckCommands {
  private readonly checks: EntityStreams<KnowledgeCheckCommand, KnowledgeCheckEvent, KnowledgeCheckState>;

  constructor(
    private readonly runner: CommandRunner,
    private readonly catalogue: CompetencyCatalogueCommands,
    private readonly knowledgeBase: KnowledgeBaseCommands,
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
    input: WithOptional<RequestOf<DefineKnowledgeCheck, 'catalogue' | 'materials'>, 'checkId'>,
    context: RequestCommandContext,
  ): Promise<EntityCommand<KnowledgeCheckCommand, KnowledgeCheckEvent, KnowledgeCheckState>> {
    const checkId = input.checkId ?? this.runner.newEntityId(context, CHECK_ID_NAMESPACE);
    const { title, openBook, questions } = input;
    const at = this.runner.businessTime(input.occurredAt);
    const [catalogue, materials] = await Promise.all([this.catalogue.current(), this.citedMaterials(questions)]);
    return this.checks.command({ type: 'DefineKnowledgeCheck', checkId, title, openBook, questions, catalogue, materials, at }, context);
  }

  retire(checkId: string, input: RequestOf<RetireKnowledgeCheck, 'checkId'>, context: RequestCommandContext): EntityCommand<KnowledgeCheckCommand, KnowledgeCheckEvent, KnowledgeCheckState> {
    const at = this.runner.businessTime(input.occurredAt);
    return this.checks.command({ type: 'RetireKnowledgeCheck', checkId, at }, context);
  }

  /** Each material a question cites that the knowledge base has. */
  private async citedMaterials(questions: DefineKnowledgeCheck['questions']): Promise<Map<string, CitableMaterial>> {
    const materialIds = [...new Set(questions.flatMap((question) => (question.cites === undefined ? [] : [question.cites.materialId])))];
    const found = await Promise.all(materialIds.map(async (materialId) => [materialId, await this.knowledgeBase.current(materialId)] as const));
    return new Map(found.flatMap(([materialId, material]) => (material.status === 'absent' ? [] : [[materialId, { status: material.status, version: material.version }]])));
  }
}
