import { Injectable } from '@nestjs/common';
import {
  CAREER_PATH_CATEGORY,
  careerPathDecider,
  type CareerPathCommand,
  type CareerPathEvent,
  type CareerPathState,
  type DefineCareerPath,
  type RetireCareerPath,
  type ReviseCareerPath,
} from '#domain/competence/index.js';
import { OrganisationDirectory } from '../organisation/organisation-directory.service.js';
import type { RequestOf, WithOptional } from '../platform/command-requests.js';
import { CommandRunner, type RequestCommandContext } from '../platform/command-runner.service.js';
import type { EntityCommand } from '../platform/entity-commands.js';
import { EntityStreams } from '../platform/entity-streams.js';
import { CompetencyCatalogueCommands } from './competency-catalogue-commands.service.js';

const CAREER_PATH_ID_NAMESPACE = 'b7d2c4e6-1a3f-4b5c-9d8e-7f6a5b4c3d2e';

/** Career paths, each in its own stream; the positions are looked up in the organisation catalogue. */
@Injectable()
export class CareerPathCommands {
  private readonly paths: EntityStreams<CareerPathCommand, CareerPathEvent, CareerPathState>;

  constructor(
    private readonly runner: CommandRunner,
    private readonly directory: OrganisationDirectory,
    private readonly catalogue: CompetencyCatalogueCommands,
  ) {
    this.paths = new EntityStreams(runner, {
      decider: careerPathDecider(),
      category: CAREER_PATH_CATEGORY,
      idOf: (command) => command.pathId,
    });
  }

  /** The path as its stream holds it now, for setting a career target along it. */
  current(pathId: string): Promise<CareerPathState> {
    return this.paths.current(pathId);
  }

  async define(
    input: WithOptional<RequestOf<DefineCareerPath, 'fromPositionStatus' | 'toPositionStatus' | 'catalogue'>, 'pathId'>,
    context: RequestCommandContext,
  ): Promise<EntityCommand<CareerPathCommand, CareerPathEvent, CareerPathState>> {
    const pathId = input.pathId ?? this.runner.newEntityId(context, CAREER_PATH_ID_NAMESPACE);
    const { fromPositionId, toPositionId, basis, requirements } = input;
    const at = this.runner.businessTime(input.occurredAt);
    const [from, to, catalogue] = await Promise.all([
      this.directory.position(fromPositionId, 'fromPositionId'),
      this.directory.position(toPositionId, 'toPositionId'),
      this.catalogue.current(),
    ]);
    return this.paths.command(
      {
        type: 'DefineCareerPath',
        pathId,
        fromPositionId,
        toPositionId,
        fromPositionStatus: from.status,
        toPositionStatus: to.status,
        basis,
        requirements,
        catalogue,
        at,
      },
      context,
    );
  }

  async revise(pathId: string, input: RequestOf<ReviseCareerPath, 'pathId' | 'catalogue'>, context: RequestCommandContext): Promise<EntityCommand<CareerPathCommand, CareerPathEvent, CareerPathState>> {
    const at = this.runner.businessTime(input.occurredAt);
    return this.paths.command({
      type: 'ReviseCareerPath',
      pathId,
      requirements: input.requirements,
      catalogue: await this.catalogue.current(),
      at,
    }, context);
  }

  retire(pathId: string, input: RequestOf<RetireCareerPath, 'pathId'>, context: RequestCommandContext): EntityCommand<CareerPathCommand, CareerPathEvent, CareerPathState> {
    const at = this.runner.businessTime(input.occurredAt);
    return this.paths.command({ type: 'RetireCareerPath', pathId, at }, context);
  }
}
