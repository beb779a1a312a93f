import { Injectable } from '@nestjs/common';
import {
  COMPETENCY_CATALOGUE_CATEGORY,
  COMPETENCY_CATALOGUE_ID,
  competencyCatalogueDecider,
  type CompetencyCatalogue,
  type CompetencyCatalogueCommand,
  type CompetencyCatalogueEvent,
  type DefineCompetency,
  type DefineProficiencyScale,
  type RetireCompetency,
  type ReviseCompetency,
} from '#domain/competence/index.js';
import { streamId } from '#kernel';
import type { RequestOf, WithOptional } from '../platform/command-requests.js';
import { CommandRunner, type RequestCommandContext } from '../platform/command-runner.service.js';
import type { EntityCommand } from '../platform/entity-commands.js';
import { EntityStreams } from '../platform/entity-streams.js';

/** Names the ids derived from idempotency keys; fixed forever, or retries would define new competencies. */
const COMPETENCY_ID_NAMESPACE = 'a3c1e2f4-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

export const COMPETENCY_CATALOGUE_STREAM = streamId(COMPETENCY_CATALOGUE_CATEGORY, COMPETENCY_CATALOGUE_ID);

type CatalogueBusCommand = EntityCommand<CompetencyCatalogueCommand, CompetencyCatalogueEvent, CompetencyCatalogue>;

/**
 * Commands on the competency catalogue and the proficiency scale, all in one stream: the revision they
 * answer, and that `If-Match` pins, is the catalogue's. The other competence commands decide against
 * the catalogue as this stream holds it (`current`).
 */
@Injectable()
export class CompetencyCatalogueCommands {
  private readonly catalogue: EntityStreams<CompetencyCatalogueCommand, CompetencyCatalogueEvent, CompetencyCatalogue>;

  constructor(private readonly runner: CommandRunner) {
    this.catalogue = new EntityStreams(runner, {
      decider: competencyCatalogueDecider(),
      category: COMPETENCY_CATALOGUE_CATEGORY,
      idOf: () => COMPETENCY_CATALOGUE_ID,
      answerIdOf: (command) => ('competencyId' in command ? command.competencyId : COMPETENCY_CATALOGUE_ID),
    });
  }

  current(): Promise<CompetencyCatalogue> {
    return this.catalogue.current(COMPETENCY_CATALOGUE_ID);
  }

  define(input: WithOptional<RequestOf<DefineCompetency>, 'competencyId'>, context: RequestCommandContext): CatalogueBusCommand {
    const competencyId = input.competencyId ?? this.runner.newEntityId(context, COMPETENCY_ID_NAMESPACE);
    const { kind, name, description } = input;
    const at = this.runner.businessTime(input.occurredAt);
    return this.catalogue.command({ type: 'DefineCompetency', competencyId, kind, name, description, at }, context);
  }

  revise(competencyId: string, input: RequestOf<ReviseCompetency, 'competencyId'>, context: RequestCommandContext): CatalogueBusCommand {
    const at = this.runner.businessTime(input.occurredAt);
    return this.catalogue.command({
      type: 'ReviseCompetency',
      competencyId,
      name: input.name,
      description: input.description,
      at,
    }, context);
  }

  retire(competencyId: string, input: RequestOf<RetireCompetency, 'competencyId'>, context: RequestCommandContext): CatalogueBusCommand {
    const at = this.runner.businessTime(input.occurredAt);
    return this.catalogue.command({ type: 'RetireCompetency', competencyId, at }, context);
  }

  /** Answers the catalogue's id, `main`: the scale is one for the whole company. */
  defineScale(input: RequestOf<DefineProficiencyScale>, context: RequestCommandContext): CatalogueBusCommand {
    const at = this.runner.businessTime(input.occurredAt);
    const { levels, proficientLevel } = input;
    return this.catalogue.command({ type: 'DefineProficiencyScale', levels, proficientLevel, at }, context);
  }

}
