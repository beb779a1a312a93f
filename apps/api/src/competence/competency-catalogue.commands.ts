import { Injectable } from '@nestjs/common';
import {
  COMPETENCY_CATALOGUE_CATEGORY,
  COMPETENCY_CATALOGUE_ID,
  competencyCatalogueDecider,
  type CompetencyCatalogue,
  type CompetencyCatalogueCommand,
  type DefineCompetency,
  type DefineProficiencyScale,
  type RetireCompetency,
  type ReviseCompetency,
} from '#libs/domain/competence/index.js';
import { streamId } from '#libs/eventsourcing/src/index.js';
import type { RequestOf, WithOptional } from '../platform/command-requests.js';
import { CommandRunner, commandResponse, type CommandResponse, type RequestCommandContext } from '../platform/command-runner.js';

/** Names the ids derived from idempotency keys; fixed forever, or retries would define new competencies. */
const COMPETENCY_ID_NAMESPACE = 'a3c1e2f4-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

export const COMPETENCY_CATALOGUE_STREAM = streamId(COMPETENCY_CATALOGUE_CATEGORY, COMPETENCY_CATALOGUE_ID);

/**
 * Commands on the competency catalogue and the proficiency scale, all in one stream: the revision they
 * answer, and that `If-Match` pins, is the catalogue's. The other competence commands decide against
 * the catalogue as this stream holds it (`current`).
 */
@Injectable()
export class CompetencyCatalogueCommands {
  private readonly decider = competencyCatalogueDecider();

  constructor(private readonly runner: CommandRunner) {}

  current(): Promise<CompetencyCatalogue> {
    return this.runner.currentState(this.decider, COMPETENCY_CATALOGUE_STREAM);
  }

  define(input: WithOptional<RequestOf<DefineCompetency>, 'competencyId'>, context: RequestCommandContext): Promise<CommandResponse> {
    const competencyId = input.competencyId ?? this.runner.newEntityId(context, COMPETENCY_ID_NAMESPACE);
    const { kind, name, description } = input;
    const at = this.runner.businessTime(input.occurredAt);
    return this.run(competencyId, { type: 'DefineCompetency', competencyId, kind, name, description, at }, context);
  }

  revise(competencyId: string, input: RequestOf<ReviseCompetency, 'competencyId'>, context: RequestCommandContext): Promise<CommandResponse> {
    const at = this.runner.businessTime(input.occurredAt);
    return this.run(competencyId, {
      type: 'ReviseCompetency',
      competencyId,
      name: input.name,
      description: input.description,
      at,
    }, context);
  }

  retire(competencyId: string, input: RequestOf<RetireCompetency, 'competencyId'>, context: RequestCommandContext): Promise<CommandResponse> {
    const at = this.runner.businessTime(input.occurredAt);
    return this.run(competencyId, { type: 'RetireCompetency', competencyId, at }, context);
  }

  /** Answers the catalogue's id, `main`: the scale is one for the whole company. */
  defineScale(input: RequestOf<DefineProficiencyScale>, context: RequestCommandContext): Promise<CommandResponse> {
    const at = this.runner.businessTime(input.occurredAt);
    const { levels, proficientLevel } = input;
    return this.run(COMPETENCY_CATALOGUE_ID, { type: 'DefineProficiencyScale', levels, proficientLevel, at }, context);
  }

  private async run(id: string, command: CompetencyCatalogueCommand, context: RequestCommandContext): Promise<CommandResponse> {
    return commandResponse(id, await this.runner.runDated(this.decider, COMPETENCY_CATALOGUE_STREAM, command, context));
  }
}
