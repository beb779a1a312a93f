import { Injectable } from '@nestjs/common';
import {
  JOB_PROFILE_CATEGORY,
  jobProfileDecider,
  type ApproveJobProfile,
  type ApprovedProfile,
  type DraftJobProfile,
  type JobProfileCommand,
  type JobProfileContent,
  type JobProfileEvent,
  type JobProfileState,
} from '#domain/competence/index.js';
import { OrganisationDirectory } from '../organisation/organisation-directory.service.js';
import type { RequestOf } from '../platform/command-requests.js';
import { CommandRunner, type RequestCommandContext } from '../platform/command-runner.service.js';
import type { EntityCommand } from '../platform/entity-commands.js';
import { EntityStreams } from '../platform/entity-streams.js';
import { CompetencyCatalogueCommands } from './competency-catalogue-commands.service.js';

/** A request carries the profile's content flat; the position's status and the catalogue are read here. */
export type DraftJobProfileFields = RequestOf<DraftJobProfile, 'positionId' | 'positionStatus' | 'content' | 'catalogue'> & JobProfileContent;

/**
 * The job profile of a position, in a stream of its own keyed by the position. The position is looked
 * up in the organisation catalogue (an unknown one is a 400 naming `positionId`); the competencies in
 * the competency catalogue's stream.
 */
@Injectable()
export class JobProfileCommands {
  private readonly profiles: EntityStreams<JobProfileCommand, JobProfileEvent, JobProfileState>;

  constructor(
    private readonly runner: CommandRunner,
    private readonly directory: OrganisationDirectory,
    private readonly catalogue: CompetencyCatalogueCommands,
  ) {
    this.profiles = new EntityStreams(runner, {
      decider: jobProfileDecider(),
      category: JOB_PROFILE_CATEGORY,
      idOf: (command) => command.positionId,
    });
  }

  /** The profile in force for a position, as its stream holds it now; undefined before the first approval. */
  async inForce(positionId: string): Promise<ApprovedProfile | undefined> {
    return (await this.profiles.current(positionId)).approved;
  }

  async draft(positionId: string, input: DraftJobProfileFields, context: RequestCommandContext): Promise<EntityCommand<JobProfileCommand, JobProfileEvent, JobProfileState>> {
    const { occurredAt, ...content } = input;
    const at = this.runner.businessTime(occurredAt);
    const [position, catalogue] = await Promise.all([this.directory.position(positionId, 'positionId'), this.catalogue.current()]);
    return this.profiles.command({ type: 'DraftJobProfile', positionId, positionStatus: position.status, content, catalogue, at }, context);
  }

  async approve(
    positionId: string,
    input: RequestOf<ApproveJobProfile, 'positionId' | 'positionStatus' | 'catalogue'>,
    context: RequestCommandContext,
  ): Promise<EntityCommand<JobProfileCommand, JobProfileEvent, JobProfileState>> {
    const at = this.runner.businessTime(input.occurredAt);
    const [position, catalogue] = await Promise.all([this.directory.position(positionId, 'positionId'), this.catalogue.current()]);
    return this.profiles.command({ type: 'ApproveJobProfile', positionId, positionStatus: position.status, catalogue, at }, context);
  }
}
