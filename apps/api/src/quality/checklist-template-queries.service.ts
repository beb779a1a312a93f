import { Inject, Injectable } from '@nestjs/common';
import type { ChecklistSection } from '#domain/quality/index.js';
import { NotFoundError, type StoredDocument } from '#kernel';
import { STORES, type Stores } from '#persistence';
import { CHECKLIST_TEMPLATES, type ChecklistTemplateDocument } from '#projections/quality/checklist-templates.projection.js';
import { readAsOf, type ResolvedAsOf } from '../platform/as-of.js';
import { readPage } from '../platform/keyset-pages.js';
import type {
  ChecklistTemplateListQuery,
  ChecklistTemplatePage,
  ChecklistTemplateSummaryView,
  ChecklistTemplateVersionView,
  ChecklistTemplateView,
} from './checklist-templates.dto.js';

@Injectable()
export class ChecklistTemplateQueries {
  constructor(@Inject(STORES) private readonly stores: Stores) {}

  /** The template with its current version in full and the list of its versions. */
  async get(id: string, moment: ResolvedAsOf): Promise<ChecklistTemplateView> {
    const { data, position } = await this.read(id, moment);
    const { versions, ...summary } = data;
    return {
      ...summary,
      sections: versions[versions.length - 1]!.sections,
      versions: versions.map(({ sections, ...version }) => ({ ...version, criteria: criteriaIn(sections) })),
      position: position.toString(),
    };
  }

  async version(id: string, version: number, moment: ResolvedAsOf): Promise<ChecklistTemplateVersionView> {
    const { data, position } = await this.read(id, moment);
    const found = data.versions[version - 1];
    if (found === undefined) throw new NotFoundError('checklist template version', `${id} v${version}`);
    return {
      templateId: data.id,
      owner: data.owner,
      status: data.status,
      ...found,
      current: version === data.currentVersion,
      position: position.toString(),
    };
  }

  /** Oldest first; pass the same `asOf` on every page to page through one moment. */
  async list(query: ChecklistTemplateListQuery, moment: ResolvedAsOf): Promise<ChecklistTemplatePage> {
    const filter: Record<string, string> = {};
    if (query.status !== undefined) filter.status = query.status;
    if (query.ownerKind !== undefined) filter['owner.kind'] = query.ownerKind;
    if (query.ownerId !== undefined) filter['owner.id'] = query.ownerId;
    return readPage<ChecklistTemplateDocument, ChecklistTemplateSummaryView>(
      this.stores.reads,
      { projection: CHECKLIST_TEMPLATES, filter, orderBy: 'createdAt', moment },
      query,
      summaryOf,
    );
  }

  private async read(id: string, moment: ResolvedAsOf): Promise<StoredDocument<ChecklistTemplateDocument>> {
    const found = await this.stores.reads.get<ChecklistTemplateDocument>(CHECKLIST_TEMPLATES, id, readAsOf(moment));
    if (!found) throw new NotFoundError('checklist template', id);
    return found;
  }
}

function criteriaIn(sections: readonly ChecklistSection[]): number {
  return sections.reduce((count, section) => count + section.criteria.length, 0);
}

function summaryOf({ versions: _versions, ...summary }: ChecklistTemplateDocument): ChecklistTemplateSummaryView {
  return summary;
}
