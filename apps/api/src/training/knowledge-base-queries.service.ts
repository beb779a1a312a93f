import { Inject, Injectable } from '@nestjs/common';
import { dayOf } from '#domain/shared/days.js';
import { DomainRuleError, type Clock, type DocumentFilter } from '#kernel';
import { CLOCK, STORES, type Stores } from '#persistence';
import { organisation, type EmployeeDocument } from '#projections/organisation/organisation.projection.js';
import { acknowledgedCurrentVersion, knowledgeBase, type MaterialDocument } from '#projections/training/knowledge-base.projection.js';
import { asOfView, type ResolvedAsOf } from '../platform/as-of.js';
import { equalsFilter, readPage } from '../platform/keyset-pages.js';
import { ProjectionProgress } from '../platform/projection-progress.service.js';
import { VersionedDocuments } from '../platform/versioned-documents.js';
import type {
  MaterialListQuery,
  MaterialPage,
  MaterialSummaryView,
  MaterialVersionView,
  MaterialView,
  StaleMaterialQuery,
  StaleMaterialPage,
  UnacknowledgedPage,
  UnacknowledgedQuery,
  UnacknowledgedEmployeeView,
} from './knowledge-base.dto.js';

export const KNOWLEDGE_BASE = knowledgeBase.name;

/** The query parameters that filter on the document field of the same name. */
const FILTERS = ['status', 'format', 'ownerId'] as const;

@Injectable()
export class KnowledgeBaseQueries {
  private readonly documents: VersionedDocuments<MaterialDocument>;

  constructor(
    @Inject(STORES) private readonly stores: Stores,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly progress: ProjectionProgress,
  ) {
    this.documents = new VersionedDocuments(stores.reads, KNOWLEDGE_BASE, 'material');
  }

  /** The material with its current version in full and the list of its versions. */
  get(id: string, moment: ResolvedAsOf): Promise<MaterialView> {
    return this.documents.withVersions(id, moment);
  }

  /** One version exactly as it was published. */
  async version(id: string, version: number, moment: ResolvedAsOf): Promise<MaterialVersionView> {
    return { materialId: id, ...(await this.documents.version(id, version, moment)) };
  }

  /** First publication first; pass the same `asOf` on every page to page through one moment. */
  async list(query: MaterialListQuery, moment: ResolvedAsOf): Promise<MaterialPage> {
    const filter: Record<string, string | boolean> = equalsFilter(query, FILTERS);
    if (query.regulation !== undefined) filter.regulation = query.regulation === 'true';
    return this.page(query, moment, filter);
  }

  /** The current materials whose review day lies before `at` (default: today), first publication first. */
  async stale(query: StaleMaterialQuery, moment: ResolvedAsOf): Promise<StaleMaterialPage> {
    const at = query.at ?? dayOf(this.clock.now().toISOString());
    return { at, ...(await this.page(query, moment, { status: 'current', reviewBy: { $lt: at } })) };
  }

  /**
   * The employees of a regulation's audience who have not signed for its current version: those
   * employed now whose position or section is in the audience, from the organisation catalogue as
   * known at the same position as the material.
   */
  async unacknowledged(id: string, query: UnacknowledgedQuery, moment: ResolvedAsOf): Promise<UnacknowledgedPage> {
    const { document } = await this.documents.read(id, moment);
    if (document.audience === null) {
      throw new DomainRuleError('NOT_A_REGULATION', `material ${id} is not a regulation: nobody signs for it`, { materialId: id });
    }
    await this.progress.requireReached(moment.position, [organisation.name]);
    const { positionIds, sectionIds } = document.audience;
    const signed = acknowledgedCurrentVersion(document);
    const page = await readPage<EmployeeDocument, UnacknowledgedEmployeeView>(
      this.stores.reads,
      { projection: organisation.name, filter: { entity: 'employee', status: 'employed' }, orderBy: 'since', moment },
      query,
      ({ id: employeeId, name, positionId, sectionId }) =>
        (positionIds.includes(positionId) || sectionIds.includes(sectionId)) && !signed.has(employeeId)
          ? { employeeId, name, positionId, sectionId }
          : undefined,
    );
    return { materialId: id, version: document.currentVersion, asOf: asOfView(moment), ...page };
  }

  private async page(query: MaterialListQuery | StaleMaterialQuery, moment: ResolvedAsOf, filter: DocumentFilter): Promise<MaterialPage> {
    return readPage<MaterialDocument, MaterialSummaryView>(
      this.stores.reads,
      { projection: KNOWLEDGE_BASE, filter, orderBy: 'publishedAt', moment },
      query,
      summaryOf,
    );
  }
}

function summaryOf({ versions: _versions, acknowledgements: _acknowledgements, ...summary }: MaterialDocument): MaterialSummaryView {
  return summary;
}
