import { Inject, Injectable } from '@nestjs/common';
import { dayOf } from '#domain/shared/days.js';
import { NotFoundError, type Clock } from '#kernel';
import { CLOCK, STORES, type Stores } from '#persistence';
import { SKILL_GAPS, type SkillGapDocument } from '#projections/competence/skill-gaps.projection.js';
import { planEffectiveness } from '#projections/training/plan-effectiveness.js';
import { overdueItems, trainingPlans, type TrainingPlanDocument } from '#projections/training/training-plans.projection.js';
import type { Principal } from '../auth/principal.js';
import { asOfView, readAsOf, type ResolvedAsOf } from '../platform/as-of.js';
import { equalsFilter, readPage } from '../platform/keyset-pages.js';
import { ProjectionProgress } from '../platform/projection-progress.service.js';
import { checkPlanReader, ownPlansOnly } from './training-roles.js';
import type {
  OverduePlanView,
  OverduePlansPage,
  OverduePlansQuery,
  PlanEffectivenessView,
  TrainingPlanListQuery,
  TrainingPlanPage,
  TrainingPlanView,
} from './training-plans.dto.js';

export const TRAINING_PLANS = trainingPlans.name;

/** The query parameters that filter on the document field of the same name. */
const FILTERS = ['employeeId', 'status', 'sectionId'] as const;

@Injectable()
export class TrainingPlanQueries {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly progress: ProjectionProgress,
  ) {}

  /** A plan, for a caller who may read it: an employee reads their own only. */
  async get(id: string, moment: ResolvedAsOf, caller: Principal): Promise<TrainingPlanView> {
    const { plan, position } = await this.read(id, moment, caller);
    return { ...plan, position };
  }

  /** Oldest proposal first. A caller who reads only their own plans gets theirs, and 403 for anyone else's. */
  async list(query: TrainingPlanListQuery, moment: ResolvedAsOf, caller: Principal): Promise<TrainingPlanPage> {
    const own = ownPlansOnly(caller);
    if (own !== undefined && query.employeeId !== undefined) checkPlanReader(caller, query.employeeId);
    const filter = equalsFilter(query, FILTERS);
    if (own !== undefined) filter.employeeId = own;
    return readPage<TrainingPlanDocument>(this.stores.reads, { projection: TRAINING_PLANS, filter, orderBy: 'proposedAt', moment }, query);
  }

  /** The approved plans with items open after their due day, as of the day `at` (default today), with those items. */
  async overdue(query: OverduePlansQuery, moment: ResolvedAsOf): Promise<OverduePlansPage> {
    const at = query.at ?? dayOf(this.clock.now().toISOString());
    const filter: Record<string, string | { $lt: string }> = { status: 'approved', nextDueOn: { $lt: at } };
    if (query.sectionId !== undefined) filter.sectionId = query.sectionId;
    const page = await readPage<TrainingPlanDocument, OverduePlanView>(
      this.stores.reads,
      { projection: TRAINING_PLANS, filter, orderBy: 'approvedAt', moment },
      query,
      (plan) => ({ planId: plan.id, employeeId: plan.employeeId, sectionId: plan.sectionId, items: overdueItems(plan, at) }),
    );
    return { at, ...page };
  }

  /**
   * The plan's starting gaps against the employee's skill gaps, both as known at the same position:
   * whether each was re-assessed after the plan, and closed.
   */
  async effectiveness(id: string, moment: ResolvedAsOf, caller: Principal): Promise<PlanEffectivenessView> {
    const { plan } = await this.read(id, moment, caller);
    await this.progress.requireReached(moment.position, [SKILL_GAPS]);
    const gaps = await this.stores.reads.get<SkillGapDocument>(SKILL_GAPS, plan.employeeId, readAsOf(moment));
    return { ...planEffectiveness(plan, gaps?.data), asOf: asOfView(moment) };
  }

  private async read(id: string, moment: ResolvedAsOf, caller: Principal): Promise<{ plan: TrainingPlanDocument; position: string }> {
    const found = await this.stores.reads.get<TrainingPlanDocument>(TRAINING_PLANS, id, readAsOf(moment));
    if (!found) throw new NotFoundError('training plan', id);
    checkPlanReader(caller, found.data.employeeId);
    return { plan: found.data, position: found.position.toString() };
  }
}
