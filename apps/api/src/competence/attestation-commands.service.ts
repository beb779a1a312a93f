import { Injectable } from '@nestjs/common';
import {
  ATTESTATION_CATEGORY,
  attestationDecider,
  type AttestationCommand,
  type AttestationEvent,
  type AttestationState,
  type FormAttestationCommission,
  type RecordAttestationResults,
} from '#domain/competence/index.js';
import { NotFoundError } from '#kernel';
import { OrganisationDirectory } from '../organisation/organisation-directory.service.js';
import type { RequestOf, WithOptional } from '../platform/command-requests.js';
import { CommandRunner, type RequestCommandContext } from '../platform/command-runner.service.js';
import type { EntityCommand } from '../platform/entity-commands.js';
import { EntityStreams } from '../platform/entity-streams.js';
import { CompetenceRecordCommands } from './competence-record-commands.service.js';
import { CompetencyCatalogueCommands } from './competency-catalogue-commands.service.js';
import { JobProfileCommands } from './job-profile-commands.service.js';

const ATTESTATION_ID_NAMESPACE = 'f3a4b5c6-d7e8-49fa-8b0c-2d3e4f5a6b7c';

/**
 * Attestations, each in its own stream: the commission, then its results. The attested employee and
 * every member are looked up in the organisation catalogue (unknown ones are a 400 naming the field);
 * the profile in force in the position's job profile stream.
 */
@Injectable()
export class AttestationCommands {
  private readonly attestations: EntityStreams<AttestationCommand, AttestationEvent, AttestationState>;

  constructor(
    private readonly runner: CommandRunner,
    private readonly directory: OrganisationDirectory,
    private readonly records: CompetenceRecordCommands,
    private readonly profiles: JobProfileCommands,
    private readonly catalogue: CompetencyCatalogueCommands,
  ) {
    this.attestations = new EntityStreams(runner, {
      decider: attestationDecider(),
      category: ATTESTATION_CATEGORY,
      idOf: (command) => command.attestationId,
    });
  }

  async form(
    input: WithOptional<RequestOf<FormAttestationCommission, 'employee' | 'profile'>, 'attestationId'>,
    context: RequestCommandContext,
  ): Promise<EntityCommand<AttestationCommand, AttestationEvent, AttestationState>> {
    const attestationId = input.attestationId ?? this.runner.newEntityId(context, ATTESTATION_ID_NAMESPACE);
    const { employeeId, members, chairId, sittingAt } = input;
    const at = this.runner.businessTime(input.occurredAt);
    const employee = await this.records.standing(employeeId);
    await Promise.all(members.map((member, index) => this.directory.employee(member, `members.${index}`)));
    const profile = await this.profiles.inForce(employee.positionId);
    return this.attestations.command({
      type: 'FormAttestationCommission',
      attestationId,
      employeeId,
      employee,
      profile,
      members,
      chairId,
      sittingAt,
      at,
    }, context);
  }

  async recordResults(
    attestationId: string,
    input: RequestOf<RecordAttestationResults, 'attestationId' | 'employee' | 'scale'>,
    context: RequestCommandContext,
  ): Promise<EntityCommand<AttestationCommand, AttestationEvent, AttestationState>> {
    const at = this.runner.businessTime(input.occurredAt);
    const attestation = await this.attestations.current(attestationId);
    if (attestation.status === 'absent') throw new NotFoundError('attestation', attestationId);
    const [employee, catalogue] = await Promise.all([this.records.standing(attestation.employeeId), this.catalogue.current()]);
    const { results, minutes } = input;
    return this.attestations.command({ type: 'RecordAttestationResults', attestationId, employee, results, minutes, scale: catalogue.scale, at }, context);
  }
}
