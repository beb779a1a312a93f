import type { Projection, RecordedOf } from '#kernel';
import {
  ATTESTATION_COMMISSION_FORMED,
  ATTESTATION_COMPLETED,
  CAREER_PATH_EVENT_TYPES,
  COMPETENCY_CATALOGUE_EVENT_TYPES,
  JOB_PROFILE_EVENT_TYPES,
  KNOWLEDGE_CHECK_EVENT_TYPES,
  type AttestationCommissionFormed,
  type AttestationCommissionFormedData,
  type AttestationCompleted,
  type CareerPathBasis,
  type CareerPathEvent,
  type CheckQuestion,
  type CompetencyCatalogueEvent,
  type CompetencyFinding,
  type CompetencyKind,
  type CompetencyRequirement,
  type JobProfileContent,
  type JobProfileEvent,
  type KnowledgeCheckEvent,
} from '#domain/competence/index.js';

export const COMPETENCE_CATALOGUE = 'competenceCatalogue';

/*
 * What the competence context defines, one document per competency, job profile, career path,
 * knowledge check and attestation, and one for the proficiency scale. Document ids are
 * `<entity>:<id>`; every list filters on `entity`. Absent facts are null, so every document of a kind
 * has the same shape.
 */

export type CompetenceEntity = 'competency' | 'scale' | 'jobProfile' | 'careerPath' | 'knowledgeCheck' | 'attestation';

export function competenceDocumentId(entity: CompetenceEntity, id: string): string {
  return `${entity}:${id}`;
}

export const SCALE_DOCUMENT_ID = competenceDocumentId('scale', 'main');

export interface CompetencyDocument {
  readonly entity: 'competency';
  readonly id: string;
  readonly kind: CompetencyKind;
  readonly name: string;
  readonly description: string | null;
  readonly status: 'active' | 'retired';
  readonly definedAt: string;
  readonly lastChangedAt: string;
}

export interface ScaleDocument {
  readonly entity: 'scale';
  readonly id: 'main';
  readonly version: number;
  readonly levels: readonly string[];
  readonly proficientLevel: number;
  readonly definedAt: string;
}

export interface ProfileVersionDocument {
  readonly version: number;
  readonly effectiveFrom: string;
  readonly content: JobProfileContent;
}

export interface JobProfileDocument {
  readonly entity: 'jobProfile';
  /** The position's id. */
  readonly id: string;
  /** The version in force: the latest approved; null before the first approval. */
  readonly inForce: ProfileVersionDocument | null;
  /** The draft of the next version, while one is open. */
  readonly draft: { readonly version: number; readonly content: JobProfileContent; readonly draftedAt: string } | null;
  /** Every approved version, oldest first. */
  readonly versions: readonly ProfileVersionDocument[];
  readonly lastChangedAt: string;
}

export interface CareerPathDocument {
  readonly entity: 'careerPath';
  readonly id: string;
  readonly fromPositionId: string;
  readonly toPositionId: string;
  readonly basis: CareerPathBasis;
  /** The path's own minimum; null for a path that follows the target position's profile. */
  readonly requirements: readonly CompetencyRequirement[] | null;
  readonly status: 'active' | 'retired';
  readonly definedAt: string;
  readonly lastChangedAt: string;
}

export interface KnowledgeCheckDocument {
  readonly entity: 'knowledgeCheck';
  readonly id: string;
  readonly title: string;
  readonly openBook: boolean;
  readonly questions: readonly CheckQuestion[];
  readonly status: 'active' | 'retired';
  readonly definedAt: string;
  readonly lastChangedAt: string;
}

/** The commission as formed, and its results once recorded. */
export interface AttestationDocument extends Omit<AttestationCommissionFormedData, 'attestationId'> {
  readonly entity: 'attestation';
  readonly id: string;
  readonly status: 'formed' | 'completed';
  readonly findings: readonly CompetencyFinding[] | null;
  readonly minutes: string | null;
  readonly completedAt: string | null;
}

export type CompetenceDocument =
  | CompetencyDocument
  | ScaleDocument
  | JobProfileDocument
  | CareerPathDocument
  | KnowledgeCheckDocument
  | AttestationDocument;

type CatalogueEvent =
  | CompetencyCatalogueEvent
  | JobProfileEvent
  | CareerPathEvent
  | KnowledgeCheckEvent
  | AttestationCommissionFormed
  | AttestationCompleted;
type CatalogueRecord = RecordedOf<CatalogueEvent>;

export const competenceCatalogue: Projection<CompetenceDocument, CatalogueEvent> = {
  name: COMPETENCE_CATALOGUE,
  /** 2: questions of checks defined before kinds existed are rebuilt as open ones. */
  version: 2,
  indexes: [{ fields: ['entity', 'definedAt'] }, { fields: ['entity', 'formedAt'] }, { fields: ['entity', 'id'] }],
  handles: [
    ...COMPETENCY_CATALOGUE_EVENT_TYPES,
    ...JOB_PROFILE_EVENT_TYPES,
    ...CAREER_PATH_EVENT_TYPES,
    ...KNOWLEDGE_CHECK_EVENT_TYPES,
    ATTESTATION_COMMISSION_FORMED,
    ATTESTATION_COMPLETED,
  ],
  documentId: documentIdOf,
  evolve: (document, event) => evolveDocument(document, event),
};

function documentIdOf(event: CatalogueRecord): string {
  switch (event.type) {
    case 'CompetencyDefined':
    case 'CompetencyRevised':
    case 'CompetencyRetired':
      return competenceDocumentId('competency', event.data.competencyId);
    case 'ProficiencyScaleDefined':
      return SCALE_DOCUMENT_ID;
    case 'JobProfileDrafted':
    case 'JobProfileApproved':
      return competenceDocumentId('jobProfile', event.data.positionId);
    case 'CareerPathDefined':
    case 'CareerPathRevised':
    case 'CareerPathRetired':
      return competenceDocumentId('careerPath', event.data.pathId);
    case 'KnowledgeCheckDefined':
    case 'KnowledgeCheckRetired':
      return competenceDocumentId('knowledgeCheck', event.data.checkId);
    case 'AttestationCommissionFormed':
    case 'AttestationCompleted':
      return competenceDocumentId('attestation', event.data.attestationId);
  }
}

function evolveDocument(document: CompetenceDocument | null, event: CatalogueRecord): CompetenceDocument | null {
  switch (event.type) {
    case 'CompetencyDefined': {
      const { competencyId, kind, name, description, definedAt } = event.data;
      return {
        entity: 'competency',
        id: competencyId,
        kind,
        name,
        description: description ?? null,
        status: 'active',
        definedAt,
        lastChangedAt: definedAt,
      };
    }
    case 'CompetencyRevised':
      return changed(document, 'competency', {
        name: event.data.name,
        description: event.data.description ?? null,
        lastChangedAt: event.data.revisedAt,
      });
    case 'CompetencyRetired':
      return changed(document, 'competency', { status: 'retired', lastChangedAt: event.data.retiredAt });
    case 'ProficiencyScaleDefined': {
      const { version, levels, proficientLevel, definedAt } = event.data;
      return { entity: 'scale', id: 'main', version, levels, proficientLevel, definedAt };
    }
    case 'JobProfileDrafted': {
      const { positionId, version, content, draftedAt } = event.data;
      const profile = document?.entity === 'jobProfile' ? document : { entity: 'jobProfile' as const, id: positionId, inForce: null, versions: [] };
      return { ...profile, draft: { version, content, draftedAt }, lastChangedAt: draftedAt };
    }
    case 'JobProfileApproved': {
      if (document?.entity !== 'jobProfile') return document;
      const { version, content, effectiveFrom } = event.data;
      const approved = { version, content, effectiveFrom };
      return { ...document, inForce: approved, draft: null, versions: [...document.versions, approved], lastChangedAt: effectiveFrom };
    }
    case 'CareerPathDefined': {
      const { pathId, fromPositionId, toPositionId, basis, requirements, definedAt } = event.data;
      return {
        entity: 'careerPath',
        id: pathId,
        fromPositionId,
        toPositionId,
        basis,
        requirements: requirements ?? null,
        status: 'active',
        definedAt,
        lastChangedAt: definedAt,
      };
    }
    case 'CareerPathRevised':
      return changed(document, 'careerPath', { requirements: event.data.requirements, lastChangedAt: event.data.revisedAt });
    case 'CareerPathRetired':
      return changed(document, 'careerPath', { status: 'retired', lastChangedAt: event.data.retiredAt });
    case 'KnowledgeCheckDefined': {
      const { checkId, title, openBook, questions, definedAt } = event.data;
      return { entity: 'knowledgeCheck', id: checkId, title, openBook, questions, status: 'active', definedAt, lastChangedAt: definedAt };
    }
    case 'KnowledgeCheckRetired':
      return changed(document, 'knowledgeCheck', { status: 'retired', lastChangedAt: event.data.retiredAt });
    case 'AttestationCommissionFormed': {
      const { attestationId, ...commission } = event.data;
      return {
        entity: 'attestation',
        id: attestationId,
        ...commission,
        status: 'formed',
        findings: null,
        minutes: null,
        completedAt: null,
      };
    }
    case 'AttestationCompleted': {
      const { findings, minutes, completedAt } = event.data;
      return changed(document, 'attestation', { status: 'completed', findings, minutes, completedAt });
    }
  }
}

/** The document of that entity with the change; a change to a document that is not there changes nothing. */
function changed<E extends CompetenceDocument['entity']>(
  document: CompetenceDocument | null,
  entity: E,
  change: Partial<Extract<CompetenceDocument, { entity: E }>>,
): CompetenceDocument | null {
  return document?.entity === entity ? ({ ...document, ...change } as CompetenceDocument) : document;
}
