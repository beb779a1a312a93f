import { Injectable } from '@nestjs/common';
import {
  JOB_PROFILE_CATEGORY,
  jobProfileDecider,
  type ApprovedProfile,
  type JobProfileCommand,
  type JobProfileContent,
} from '#libs/domain/competence/index.js';
import { streamId } from '#libs/eventsourcing/src/index.js';
import { OrganisationDirectory } from '../organisation/organisation-directory.js';
import {
  CommandRunner,
  commandResponse,
  type BusinessTimeInput,
  type CommandResponse,
  type RequestCommandContext,
} from '../platform/command-runner.js';
import { CompetencyCatalogueCommands } from './competency-catalogue.commands.js';

export interface DraftJobProfileInput extends BusinessTimeInput, JobProfileContent {}

/**
 * The job profile of a position, in a stream of its own keyed by the position. The position is looked
 * up in the organisation catalogue (an unknown one is a 400 naming `positionId`); the competencies in
 * the competency catalogue's stream.
 */
@Injectable()
export class JobProfileCommands {
  private readonly decider = jobProfileDecider();

  constructor(
    private readonly runner: CommandRunner,
    private readonly directory: OrganisationDirectory,
    private readonly catalogue: CompetencyCatalogueCommands,
  ) {}

  /** The profile in force for a position, as its stream holds it now; undefined before the first approval. */
  async inForce(positionId: string): Promise<ApprovedProfile | undefined> {
    return (await this.runner.currentState(this.decider, jobProfileStream(positionId))).approved;
  }

  async draft(positionId: string, input: DraftJobProfileInput, context: RequestCommandContext): Promise<CommandResponse> {
    const { occurredAt, ...content } = input;
    const at = this.runner.businessTime(occurredAt);
    const [position, catalogue] = await Promise.all([this.directory.position(positionId, 'positionId'), this.catalogue.current()]);
    return this.run({ type: 'DraftJobProfile', positionId, positionStatus: position.status, content, catalogue, at }, context);
  }

  async approve(positionId: string, input: BusinessTimeInput, context: RequestCommandContext): Promise<CommandResponse> {
    const at = this.runner.businessTime(input.occurredAt);
    const [position, catalogue] = await Promise.all([this.directory.position(positionId, 'positionId'), this.catalogue.current()]);
    return this.run({ type: 'ApproveJobProfile', positionId, positionStatus: position.status, catalogue, at }, context);
  }

  private async run(command: JobProfileCommand, context: RequestCommandContext): Promise<CommandResponse> {
    const stream = jobProfileStream(command.positionId);
    return commandResponse(command.positionId, await this.runner.runDated(this.decider, stream, command, context));
  }
}

function jobProfileStream(positionId: string): string {
  return streamId(JOB_PROFILE_CATEGORY, positionId);
}
