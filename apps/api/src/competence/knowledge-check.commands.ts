import { Injectable } from '@nestjs/common';
import {
  KNOWLEDGE_CHECK_CATEGORY,
  knowledgeCheckDecider,
  type CheckQuestion,
  type KnowledgeCheckCommand,
  type KnowledgeCheckState,
} from '#libs/domain/competence/index.js';
import { streamId } from '#libs/eventsourcing/src/index.js';
import {
  CommandRunner,
  commandResponse,
  type BusinessTimeInput,
  type CommandResponse,
  type RequestCommandContext,
} from '../platform/command-runner.js';
import { CompetencyCatalogueCommands } from './competency-catalogue.commands.js';

export interface DefineKnowledgeCheckInput extends BusinessTimeInput {
  checkId?: string;
  title: string;
  openBook: boolean;
  questions: readonly CheckQuestion[];
}

const CHECK_ID_NAMESPACE = 'c9e8d7f6-2b1a-4c3d-8e9f-0a1b2c3d4e5f';

/** Knowledge checks, each in its own stream; attempts go to the employee's competence record. */
@Injectable()
export class KnowledgeCheckCommands {
  private readonly decider = knowledgeCheckDecider();

  constructor(
    private readonly runner: CommandRunner,
    private readonly catalogue: CompetencyCatalogueCommands,
  ) {}

  current(checkId: string): Promise<KnowledgeCheckState> {
    return this.runner.currentState(this.decider, streamId(KNOWLEDGE_CHECK_CATEGORY, checkId));
  }

  async define(input: DefineKnowledgeCheckInput, context: RequestCommandContext): Promise<CommandResponse> {
    const checkId = input.checkId ?? this.runner.newEntityId(context, CHECK_ID_NAMESPACE);
    const { title, openBook, questions } = input;
    const at = this.runner.businessTime(input.occurredAt);
    const catalogue = await this.catalogue.current();
    return this.run({ type: 'DefineKnowledgeCheck', checkId, title, openBook, questions, catalogue, at }, context);
  }

  retire(checkId: string, input: BusinessTimeInput, context: RequestCommandContext): Promise<CommandResponse> {
    const at = this.runner.businessTime(input.occurredAt);
    return this.run({ type: 'RetireKnowledgeCheck', checkId, at }, context);
  }

  private async run(command: KnowledgeCheckCommand, context: RequestCommandContext): Promise<CommandResponse> {
    const stream = streamId(KNOWLEDGE_CHECK_CATEGORY, command.checkId);
    return commandResponse(command.checkId, await this.runner.runDated(this.decider, stream, command, context));
  }
}
