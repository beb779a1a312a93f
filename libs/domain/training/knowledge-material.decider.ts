import { DomainRuleError, NotFoundError, type Decider } from '#kernel';
import { isBefore, rejectDatedBeforeLastChange } from '../organisation/references.js';
import { withoutAbsent } from '../shared/objects.js';
import { sameVersionText } from '../shared/versioned-text.js';
import {
  validAcknowledgeRegulation,
  validChangeMaterialOwner,
  validContent,
  validPublishMaterial,
  validReviewMaterial,
  validReviseMaterial,
  validRetireMaterial,
  type AcknowledgeRegulation,
  type ChangeMaterialOwner,
  type KnowledgeMaterialCommand,
  type PublishMaterial,
  type ReviseMaterial,
  type ReviewMaterial,
} from './knowledge-material.commands.js';
import {
  MATERIAL_OWNER_CHANGED,
  MATERIAL_PUBLISHED,
  MATERIAL_RETIRED,
  MATERIAL_REVIEWED,
  MATERIAL_REVISED,
  REGULATION_ACKNOWLEDGED,
  type KnowledgeMaterialEvent,
  type MaterialContent,
  type MaterialFormat,
  type RegulationAudience,
} from './knowledge-material.events.js';

export interface MaterialFacts {
  readonly materialId: string;
  readonly format: MaterialFormat;
  readonly version: number;
  readonly content: MaterialContent;
  /** Business time the current version was published. */
  readonly versionPublishedAt: string;
  readonly reviewBy: string;
  readonly ownerId: string;
  /** Who must know it, for a regulation; null for other materials. */
  readonly regulation: RegulationAudience | null;
  readonly lastChangedAt: string;
  /** The version each employee last acknowledged, for a regulation. */
  readonly acknowledged: ReadonlyMap<string, number>;
}

export type KnowledgeMaterialState =
  | { readonly status: 'absent' }
  | (MaterialFacts & { readonly status: 'current' | 'retired' });

type ExistingMaterial = Exclude<KnowledgeMaterialState, { status: 'absent' }>;

export type KnowledgeMaterialDecider = Decider<KnowledgeMaterialCommand, KnowledgeMaterialEvent, KnowledgeMaterialState>;

/**
 * A knowledge-base material: versioned content (text, or an audio or video link) with an owner and a
 * review-by date. A revision publishes the next version; identical content appends nothing. A review
 * confirms the content and moves the review date. A retired material takes no further change.
 *
 * A regulation is acknowledged by each employee of its audience for the version they read, which must
 * be the current one (`VERSION_NOT_CURRENT`); acknowledging it again appends nothing, and a revision
 * asks everyone to acknowledge the new version.
 */
export function knowledgeMaterialDecider(): KnowledgeMaterialDecider {
  return {
    initialState: () => ({ status: 'absent' }),

    decide(command, state) {
      switch (command.type) {
        case 'PublishMaterial':
          return publish(validPublishMaterial(command), state);
        case 'ReviseMaterial':
          return revise(validReviseMaterial(command), state);
        case 'ReviewMaterial':
          return review(validReviewMaterial(command), state);
        case 'ChangeMaterialOwner':
          return changeOwner(validChangeMaterialOwner(command), state);
        case 'RetireMaterial': {
          const { materialId, reason, at } = validRetireMaterial(command);
          changeable(state, materialId, at);
          return [{ type: MATERIAL_RETIRED, data: withoutAbsent({ materialId, reason, retiredAt: at }) }];
        }
        case 'AcknowledgeRegulation':
          return acknowledge(validAcknowledgeRegulation(command), state);
      }
    },

    evolve,
  };
}

function publish(command: PublishMaterial, state: KnowledgeMaterialState): KnowledgeMaterialEvent[] {
  const { materialId, format, title, body, link, ownerId, reviewBy, competencyIds = [], regulation, at } = command;
  if (state.status !== 'absent') throw new DomainRuleError('MATERIAL_EXISTS', `material ${materialId} already exists`, { materialId });
  rejectOwnerGone(command.ownerEmployed, ownerId);
  return [
    {
      type: MATERIAL_PUBLISHED,
      data: withoutAbsent({ materialId, version: 1 as const, format, title, body, link, ownerId, reviewBy, competencyIds, regulation, publishedAt: at }),
    },
  ];
}

function revise(command: ReviseMaterial, state: KnowledgeMaterialState): KnowledgeMaterialEvent[] {
  const material = changeable(state, command.materialId, command.at);
  const content = validContent(material.format, { title: command.title ?? material.content.title, body: command.body, link: command.link });
  if (sameVersionText(content, material.content)) return [];
  return [
    {
      type: MATERIAL_REVISED,
      data: withoutAbsent({
        materialId: material.materialId,
        version: material.version + 1,
        ...content,
        reviewBy: command.reviewBy,
        changeNote: command.changeNote,
        revisedAt: command.at,
      }),
    },
  ];
}

function review(command: ReviewMaterial, state: KnowledgeMaterialState): KnowledgeMaterialEvent[] {
  const material = changeable(state, command.materialId, command.at);
  const { reviewBy, note, at } = command;
  return [{ type: MATERIAL_REVIEWED, data: withoutAbsent({ materialId: material.materialId, version: material.version, reviewBy, note, reviewedAt: at }) }];
}

function changeOwner(command: ChangeMaterialOwner, state: KnowledgeMaterialState): KnowledgeMaterialEvent[] {
  const material = changeable(state, command.materialId, command.at);
  if (material.ownerId === command.ownerId) return [];
  rejectOwnerGone(command.ownerEmployed, command.ownerId);
  return [
    {
      type: MATERIAL_OWNER_CHANGED,
      data: { materialId: material.materialId, ownerId: command.ownerId, previousOwnerId: material.ownerId, changedAt: command.at },
    },
  ];
}

function acknowledge(command: AcknowledgeRegulation, state: KnowledgeMaterialState): KnowledgeMaterialEvent[] {
  const { materialId, employeeId, version, at } = command;
  const material = existing(state, materialId);
  if (material.status === 'retired') throw retired(materialId);
  if (material.regulation === null) {
    throw new DomainRuleError('NOT_A_REGULATION', `material ${materialId} is not a regulation: nobody signs for it`, { materialId });
  }
  if (version !== material.version) {
    throw new DomainRuleError('VERSION_NOT_CURRENT', `version ${version} of material ${materialId} is not the current one`, {
      materialId,
      version,
      currentVersion: material.version,
    });
  }
  if (!command.inAudience) {
    throw new DomainRuleError('NOT_IN_AUDIENCE', `employee ${employeeId} is not in the audience of regulation ${materialId}`, {
      materialId,
      employeeId,
    });
  }
  if (isBefore(at, material.versionPublishedAt)) {
    throw new DomainRuleError('DATED_BEFORE_VERSION', `version ${version} of material ${materialId} was published after ${at}`, {
      materialId,
      version,
      publishedAt: material.versionPublishedAt,
      at,
    });
  }
  if (material.acknowledged.get(employeeId) === version) return [];
  return [{ type: REGULATION_ACKNOWLEDGED, data: { materialId, version, employeeId, acknowledgedAt: at } }];
}

function rejectOwnerGone(ownerEmployed: boolean, ownerId: string): void {
  if (!ownerEmployed) {
    throw new DomainRuleError('OWNER_NOT_EMPLOYED', `employee ${ownerId} has left and cannot own a material`, { ownerId });
  }
}

function existing(state: KnowledgeMaterialState, materialId: string): ExistingMaterial {
  if (state.status === 'absent') throw new NotFoundError('material', materialId);
  return state;
}

function changeable(state: KnowledgeMaterialState, materialId: string, at: string): ExistingMaterial {
  const material = existing(state, materialId);
  if (material.status === 'retired') throw retired(materialId);
  rejectDatedBeforeLastChange('material', materialId, material.lastChangedAt, at);
  return material;
}

function retired(materialId: string): DomainRuleError {
  return new DomainRuleError('MATERIAL_RETIRED', `material ${materialId} is retired`, { materialId });
}

function evolve(state: KnowledgeMaterialState, event: KnowledgeMaterialEvent): KnowledgeMaterialState {
  if (event.type === MATERIAL_PUBLISHED) {
    const { materialId, format, title, body, link, ownerId, reviewBy, regulation, publishedAt } = event.data;
    return {
      status: 'current',
      materialId,
      format,
      version: 1,
      content: withoutAbsent({ title, body, link }),
      versionPublishedAt: publishedAt,
      reviewBy,
      ownerId,
      regulation: regulation ?? null,
      lastChangedAt: publishedAt,
      acknowledged: new Map(),
    };
  }
  if (state.status === 'absent') return state;
  switch (event.type) {
    case MATERIAL_REVISED: {
      const { version, title, body, link, reviewBy, revisedAt } = event.data;
      return {
        ...state,
        version,
        content: withoutAbsent({ title, body, link }),
        versionPublishedAt: revisedAt,
        reviewBy,
        lastChangedAt: revisedAt,
      };
    }
    case MATERIAL_REVIEWED:
      return { ...state, reviewBy: event.data.reviewBy, lastChangedAt: event.data.reviewedAt };
    case MATERIAL_OWNER_CHANGED:
      return { ...state, ownerId: event.data.ownerId, lastChangedAt: event.data.changedAt };
    case MATERIAL_RETIRED:
      return { ...state, status: 'retired', lastChangedAt: event.data.retiredAt };
    case REGULATION_ACKNOWLEDGED:
      return { ...state, acknowledged: new Map(state.acknowledged).set(event.data.employeeId, event.data.version) };
  }
}
