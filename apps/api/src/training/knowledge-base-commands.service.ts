import { Injectable } from '@nestjs/common';
import {
  KNOWLEDGE_MATERIAL_CATEGORY,
  knowledgeMaterialDecider,
  type AcknowledgeRegulation,
  type ChangeMaterialOwner,
  type KnowledgeMaterialCommand,
  type KnowledgeMaterialEvent,
  type KnowledgeMaterialState,
  type PublishMaterial,
  type RegulationAudience,
  type RetireMaterial,
  type ReviewMaterial,
  type ReviseMaterial,
} from '#domain/training/index.js';
import type { Principal } from '../auth/principal.js';
import { ForbiddenError } from '../platform/http-errors.js';
import { OrganisationDirectory } from '../organisation/organisation-directory.service.js';
import type { RequestOf, WithOptional } from '../platform/command-requests.js';
import { CommandRunner, type RequestCommandContext } from '../platform/command-runner.service.js';
import type { EntityCommand } from '../platform/entity-commands.js';
import { EntityStreams } from '../platform/entity-streams.js';
import { ACKNOWLEDGERS } from './training-roles.js';

/**
 * A request may leave out either list of a regulation's audience (none); whether the owner is
 * employed is looked up here.
 */
export type PublishMaterialFields = RequestOf<PublishMaterial, 'ownerEmployed' | 'regulation'> & {
  readonly regulation?: Partial<RegulationAudience>;
};

/** Names the material ids derived from idempotency keys; fixed forever, or retries would publish new materials. */
const MATERIAL_ID_NAMESPACE = 'b1e7c3d9-2a4f-4b8e-9c6d-5f0a8e2b7d14';

/**
 * The knowledge-base commands. Owners, audience positions and sections, and the acknowledging
 * employee are looked up in the organisation catalogue: an unknown one is a 400 naming the field.
 */
@Injectable()
export class KnowledgeBaseCommands {
  private readonly materials: EntityStreams<KnowledgeMaterialCommand, KnowledgeMaterialEvent, KnowledgeMaterialState>;

  constructor(
    private readonly runner: CommandRunner,
    private readonly directory: OrganisationDirectory,
  ) {
    this.materials = new EntityStreams(runner, {
      decider: knowledgeMaterialDecider(),
      category: KNOWLEDGE_MATERIAL_CATEGORY,
      idOf: (command) => command.materialId,
    });
  }

  /** The material as its stream holds it now. */
  current(materialId: string): Promise<KnowledgeMaterialState> {
    return this.materials.current(materialId);
  }

  async publish(input: WithOptional<PublishMaterialFields, 'materialId'>, context: RequestCommandContext): Promise<EntityCommand<KnowledgeMaterialCommand, KnowledgeMaterialEvent, KnowledgeMaterialState>> {
    const materialId = input.materialId ?? this.runner.newEntityId(context, MATERIAL_ID_NAMESPACE);
    const { format, title, body, link, ownerId, reviewBy, competencyIds } = input;
    const at = this.runner.businessTime(input.occurredAt);
    const ownerEmployed = await this.employed(ownerId, 'ownerId');
    const regulation = input.regulation === undefined ? undefined : await this.audience(input.regulation);
    return this.materials.command(
      { type: 'PublishMaterial', materialId, format, title, body, link, ownerId, ownerEmployed, reviewBy, competencyIds, regulation, at },
      context,
    );
  }

  revise(materialId: string, input: RequestOf<ReviseMaterial, 'materialId'>, context: RequestCommandContext): EntityCommand<KnowledgeMaterialCommand, KnowledgeMaterialEvent, KnowledgeMaterialState> {
    const { title, body, link, reviewBy, changeNote } = input;
    const at = this.runner.businessTime(input.occurredAt);
    return this.materials.command({ type: 'ReviseMaterial', materialId, title, body, link, reviewBy, changeNote, at }, context);
  }

  review(materialId: string, input: RequestOf<ReviewMaterial, 'materialId'>, context: RequestCommandContext): EntityCommand<KnowledgeMaterialCommand, KnowledgeMaterialEvent, KnowledgeMaterialState> {
    const at = this.runner.businessTime(input.occurredAt);
    return this.materials.command({ type: 'ReviewMaterial', materialId, reviewBy: input.reviewBy, note: input.note, at }, context);
  }

  async changeOwner(
    materialId: string,
    input: RequestOf<ChangeMaterialOwner, 'materialId' | 'ownerEmployed'>,
    context: RequestCommandContext,
  ): Promise<EntityCommand<KnowledgeMaterialCommand, KnowledgeMaterialEvent, KnowledgeMaterialState>> {
    const at = this.runner.businessTime(input.occurredAt);
    const ownerEmployed = await this.employed(input.ownerId, 'ownerId');
    return this.materials.command({ type: 'ChangeMaterialOwner', materialId, ownerId: input.ownerId, ownerEmployed, at }, context);
  }

  retire(materialId: string, input: RequestOf<RetireMaterial, 'materialId'>, context: RequestCommandContext): EntityCommand<KnowledgeMaterialCommand, KnowledgeMaterialEvent, KnowledgeMaterialState> {
    const at = this.runner.businessTime(input.occurredAt);
    return this.materials.command({ type: 'RetireMaterial', materialId, reason: input.reason, at }, context);
  }

  /**
   * The employee the key belongs to signs for a version of a regulation. Whether they are in its
   * audience is read from the catalogue: their position and section now against the regulation's.
   */
  async acknowledge(
    materialId: string,
    input: RequestOf<AcknowledgeRegulation, 'materialId' | 'employeeId' | 'inAudience'>,
    caller: Principal,
    context: RequestCommandContext,
  ): Promise<EntityCommand<KnowledgeMaterialCommand, KnowledgeMaterialEvent, KnowledgeMaterialState>> {
    const employeeId = caller.employeeId;
    if (employeeId === undefined) throw new ForbiddenError(ACKNOWLEDGERS);
    const at = this.runner.businessTime(input.occurredAt);
    const material = await this.materials.current(materialId);
    const audience = material.status === 'absent' ? null : material.regulation;
    const employee = await this.directory.employee(employeeId, 'employeeId');
    const inAudience =
      audience !== null &&
      employee.status === 'employed' &&
      (audience.positionIds.includes(employee.positionId) || audience.sectionIds.includes(employee.sectionId));
    return this.materials.command({ type: 'AcknowledgeRegulation', materialId, employeeId, version: input.version, inAudience, at }, context);
  }

  private async employed(employeeId: string, field: string): Promise<boolean> {
    return (await this.directory.employee(employeeId, field)).status === 'employed';
  }

  /** Every position and section of the audience must be in the catalogue. */
  private async audience(regulation: Partial<RegulationAudience>): Promise<RegulationAudience> {
    const { positionIds = [], sectionIds = [] } = regulation;
    await Promise.all([
      ...positionIds.map((id, index) => this.directory.position(id, `regulation.positionIds.${index}`)),
      ...sectionIds.map((id, index) => this.directory.section(id, `regulation.sectionIds.${index}`)),
    ]);
    return { positionIds, sectionIds };
  }
}
