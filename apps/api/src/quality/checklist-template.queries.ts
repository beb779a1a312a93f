import { Inject, Injectable } from '@nestjs/common';
import type { ChecklistSection } from '#libs/domain/quality/index.js';
import { NotFoundError, type StoredDocument } from '#libs/eventsourcing/src/index.js';
import { STORES, type Stores } from '#libs/persistence/src/index.js';
import { CHECKLIST_TEMPLATES, type ChecklistTemplateDocument } from '#projections/quality/checklist-templates.projection.js';
import { AsOfResolver, readAsOf } from '../platform/as-of.js';
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
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    private readonly asOf: AsOfResolver,
  ) {}

  /** The template with its current version in full and the list of its versions. */
  async get(id: string, asOf: string | undefined): Promise<ChecklistTemplateView> {
    const { data, position } = await this.read(id, asOf);
    const { versions, ...summary } = data;
    return {
      ...summary,
      sections: versions[versions.length - 1]!.sections,
      versions: versions.map(({ sections, ...version }) => ({ ...version, criteria: criteriaIn(sections) })),
      position: position.toString(),
    };
  }

  async version(id: string, version: number, asOf: string | undefined): Promise<ChecklistTemplateVersionView> {
    const { data, position } = await this.read(id, asOf);
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
  async list(query: ChecklistTemplateListQuery): Promise<ChecklistTemplatePage> {
    const moment = await this.asOf.resolve(query.asOf, CHECKLIST_TEMPLATES);
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

  private async read(id: string, asOf: string | undefined): Promise<StoredDocument<ChecklistTemplateDocument>> {
    const moment = await this.asOf.resolve(asOf, CHECKLIST_TEMPLATES);
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
