import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_PROFICIENCY_SCALE } from '#domain/competence/index.js';
import { NotFoundError } from '#kernel';
import { STORES, type Stores } from '#persistence';
import {
  COMPETENCE_CATALOGUE,
  competenceDocumentId,
  SCALE_DOCUMENT_ID,
  type CompetenceDocument,
  type ScaleDocument,
} from '#projections/competence/competence-catalogue.projection.js';
import { asOfView, readAsOf, type ResolvedAsOf } from '../platform/as-of.js';
import type { PageQuery } from '../platform/dto-fields.js';
import { readPage, type Page } from '../platform/keyset-pages.js';
import type { ProficiencyScaleView } from './competencies.dto.js';

/** An entry as the API shows it: without the kind of entry, which the route says. */
export type CompetenceView<D extends CompetenceDocument> = Omit<D, 'entity'>;

/** How a 404 names each kind of entry. */
const ENTITY_NAMES: Readonly<Record<CompetenceDocument['entity'], string>> = {
  competency: 'competency',
  scale: 'proficiency scale',
  jobProfile: 'job profile',
  careerPath: 'career path',
  knowledgeCheck: 'knowledge check',
  attestation: 'attestation',
};

/** Reads of the competence catalogue: competencies, the scale, job profiles, career paths, checks and attestations. */
@Injectable()
export class CompetenceCatalogueQueries {
  constructor(@Inject(STORES) private readonly stores: Stores) {}

  async get<D extends CompetenceDocument>(
    entity: D['entity'],
    id: string,
    moment: ResolvedAsOf,
  ): Promise<CompetenceView<D> & { position: string }> {
    const found = await this.stores.reads.get<D>(COMPETENCE_CATALOGUE, competenceDocumentId(entity, id), readAsOf(moment));
    if (!found) throw new NotFoundError(ENTITY_NAMES[entity], id);
    return { ...viewOf(found.data), position: found.position.toString() };
  }

  /** Ordered by `orderBy` (a text field), then by id; `filters` name document fields. */
  async list<D extends CompetenceDocument>(
    entity: D['entity'],
    orderBy: string,
    query: PageQuery,
    moment: ResolvedAsOf,
    filters: Readonly<Record<string, string | undefined>>,
  ): Promise<Page<CompetenceView<D>>> {
    const given = Object.entries(filters).filter((entry): entry is [string, string] => entry[1] !== undefined);
    const filter = { entity, ...Object.fromEntries(given) };
    return readPage<D & { id: string }, CompetenceView<D>>(this.stores.reads, {
      projection: COMPETENCE_CATALOGUE,
      filter,
      orderBy,
      moment,
    }, query, viewOf);
  }

  /** The scale in force: the default one, version 0, until one is defined. */
  async scale(moment: ResolvedAsOf): Promise<ProficiencyScaleView> {
    const found = await this.stores.reads.get<ScaleDocument>(COMPETENCE_CATALOGUE, SCALE_DOCUMENT_ID, readAsOf(moment));
    const { version, levels, proficientLevel } = found?.data ?? DEFAULT_PROFICIENCY_SCALE;
    return {
      version,
      levels: levels.map((name, level) => ({ level, name })),
      proficientLevel,
      definedAt: found?.data.definedAt ?? null,
      asOf: asOfView(moment),
    };
  }
}

function viewOf<D extends CompetenceDocument>({ entity: _entity, ...view }: D): CompetenceView<D> {
  return view as CompetenceView<D>;
}
