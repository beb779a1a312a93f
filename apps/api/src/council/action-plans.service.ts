import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError, type AsOf } from '#kernel';
import { STORES, type Stores } from '#persistence';
import { actionPlanMarkdown, type PlanNames } from '#projections/council/action-plan.markdown.js';
import { COUNCIL, planOf, programDocumentId, type ProgramDocument } from '#projections/council/council.projection.js';
import { COMPETENCE_CATALOGUE } from '#projections/competence/competence-catalogue.projection.js';
import { organisation } from '#projections/organisation/index.js';
import { standards } from '#projections/standards/standards.projection.js';
import { knowledgeBase } from '#projections/training/knowledge-base.projection.js';
import { readAsOf, type ResolvedAsOf } from '../platform/as-of.js';
import { ProjectionProgress } from '../platform/projection-progress.service.js';

/** The catalogues the names of a plan come from, read as of the plan's moment. */
const NAME_SOURCES = [standards.name, knowledgeBase.name, COMPETENCE_CATALOGUE, organisation.name];

/** A document of a catalogue with what it is called. */
type NamedDocument = { readonly id: string } & ({ readonly title: string } | { readonly name: string });

/** The printable plan of measures of an improvement program. */
@Injectable()
export class ActionPlans {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    private readonly progress: ProjectionProgress,
  ) {}

  /** The plan as the council read model knew it at `moment`, every id named as its catalogue knew it then. */
  async markdown(programId: string, moment: ResolvedAsOf): Promise<string> {
    const found = await this.stores.reads.get<ProgramDocument>(COUNCIL, programDocumentId(programId), readAsOf(moment));
    if (!found || moment.position === null) throw new NotFoundError('improvement program', programId);
    await this.progress.requireReached(moment.position, NAME_SOURCES);
    return actionPlanMarkdown(found.data, await this.namesOf(found.data, readAsOf(moment)), moment.position.toString());
  }

  private async namesOf(program: ProgramDocument, at: Required<AsOf>): Promise<PlanNames> {
    const { standardIds, trainingNeeds, actions, documentChanges } = planOf(program);
    const documents = (kind: string) => documentChanges.filter((change) => change.document.kind === kind).map((change) => change.document.id);
    const employees = [...trainingNeeds.flatMap((need) => need.employeeIds), ...actions.map((action) => action.ownerId), ...documentChanges.map((change) => change.ownerId)];
    const [standardNames, materialNames, competencyNames, employeeNames] = await Promise.all([
      this.names(standards.name, {}, [...standardIds, ...documents('standard')], at),
      this.names(knowledgeBase.name, {}, documents('knowledge-base'), at),
      this.names(COMPETENCE_CATALOGUE, { entity: 'competency' }, trainingNeeds.map((need) => need.competencyId), at),
      this.names(organisation.name, { entity: 'employee' }, employees, at),
    ]);
    return { standards: standardNames, materials: materialNames, competencies: competencyNames, employees: employeeNames };
  }

  private async names(collection: string, filter: Record<string, string>, ids: readonly string[], at: Required<AsOf>): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const found = await this.stores.reads.find<NamedDocument>(collection, { ...filter, id: { $in: [...new Set(ids)] } }, at);
    return new Map(found.map(({ data }) => [data.id, 'title' in data ? data.title : data.name]));
  }
}
