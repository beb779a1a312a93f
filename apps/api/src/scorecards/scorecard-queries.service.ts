import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '#domain/access/index.js';
import { periodOfMonth, requireMonth, type MonthPeriod } from '#domain/shared/months.js';
import { NotFoundError } from '#kernel';
import { STORES, type Stores } from '#persistence';
import { careCases } from '#projections/care/care-cases.projection.js';
import { COMPETENCE_CATALOGUE, competenceDocumentId, SKILL_GAPS, type JobProfileDocument } from '#projections/competence/index.js';
import { feedback } from '#projections/feedback/index.js';
import { catalogueDocumentId, organisation, type EmployeeDocument } from '#projections/organisation/index.js';
import { INSPECTIONS } from '#projections/quality/inspections.projection.js';
import { CHECKLIST_TEMPLATES, type ChecklistTemplateDocument } from '#projections/quality/checklist-templates.projection.js';
import {
  complianceByStandardType,
  heldThrough,
  kpisOf,
  profileVersionAtEnd,
  scorecardKpi,
  standingFigures,
  STANDING_INDICATORS,
  type StandardCompliance,
} from '#projections/scorecards/scorecard.js';
import { standards, type StandardDocument } from '#projections/standards/standards.projection.js';
import { supportMetrics } from '#projections/support/support-metrics.projection.js';
import { surveys } from '#projections/surveys/surveys.projection.js';
import { trainingMetrics } from '#projections/training/training-metrics.projection.js';
import { requireOwnOrReader, type Principal } from '../auth/principal.js';
import { asOfView, readAsOf, type ResolvedAsOf } from '../platform/as-of.js';
import { ProjectionProgress } from '../platform/projection-progress.service.js';
import { InspectionMetrics } from '../quality/inspection-metrics.service.js';
import type { InspectionMetricsQuery } from '../quality/inspection-metrics.dto.js';
import { IndicatorFigures, type PeriodFigures } from './indicator-figures.service.js';
import type { ScorecardView } from './scorecards.dto.js';

type EmployeeHistoryEntry = EmployeeDocument['history'][number];

/** Who reads every employee's scorecard: the leads who manage, hr and admins. Employees read their own. */
export const SCORECARD_READERS: [Role, ...Role[]] = ['care-lead', 'support-lead', 'hr', 'admin'];

/** The read models a scorecard's figures come from, besides the organisation it is pinned to. */
const FIGURE_SOURCES = [
  COMPETENCE_CATALOGUE,
  careCases.name,
  INSPECTIONS,
  CHECKLIST_TEMPLATES,
  standards.name,
  surveys.name,
  SKILL_GAPS,
  trainingMetrics.name,
  supportMetrics.name,
  feedback.name,
];

/**
 * An employee's scorecard for a month: the KPIs of the job profile version their position had in
 * force on the month's last day, each measured by the metric route that computes its indicator, and
 * the standing figures of their plans, inspections, care and support, as every read model knew it at
 * one position of the log.
 */
@Injectable()
export class ScorecardQueries {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    private readonly progress: ProjectionProgress,
    private readonly figures: IndicatorFigures,
    private readonly inspections: InspectionMetrics,
  ) {}

  async scorecard(employeeId: string, month: string, moment: ResolvedAsOf, caller: Principal): Promise<ScorecardView> {
    requireOwnOrReader(caller, employeeId, SCORECARD_READERS, "another employee's scorecard");
    const period = periodOfMonth(requireMonth(month, 'period'))!;
    if (moment.position !== null) await this.progress.requireReached(moment.position, FIGURE_SOURCES);
    const employee = (await this.stores.reads.get<EmployeeDocument>(organisation.name, catalogueDocumentId('employee', employeeId), readAsOf(moment)))?.data;
    const held = employee && heldThrough(employee, period);
    if (held === undefined) throw new NotFoundError(`employee in ${period.month}`, employeeId);
    return this.measured(employeeId, held, period, moment, this.figures.of(period, moment));
  }

  /**
   * The scorecards of everyone who worked in the month, in the order of their ids, for whoever closes
   * it: no caller's access is checked here.
   */
  async everyones(period: MonthPeriod, moment: ResolvedAsOf): Promise<ScorecardView[]> {
    // Who worked in the month comes from the organisation: an employee it has not taken in yet would get no statement, ever.
    if (moment.position !== null) await this.progress.requireReached(moment.position, [organisation.name, ...FIGURE_SOURCES]);
    const employees = await this.stores.reads.find<EmployeeDocument>(organisation.name, { entity: 'employee' }, readAsOf(moment));
    const working = employees.flatMap(({ data }) => {
      const held = heldThrough(data, period);
      return held === undefined ? [] : [{ employeeId: data.id, held }];
    });
    working.sort((a, b) => (a.employeeId < b.employeeId ? -1 : a.employeeId > b.employeeId ? 1 : 0));
    const figures = this.figures.of(period, moment);
    const scorecards: ScorecardView[] = [];
    for (const { employeeId, held } of working) scorecards.push(await this.measured(employeeId, held, period, moment, figures));
    return scorecards;
  }

  private async measured(employeeId: string, held: EmployeeHistoryEntry, period: MonthPeriod, moment: ResolvedAsOf, periodFigures: PeriodFigures): Promise<ScorecardView> {
    const at = readAsOf(moment);
    const profile = (await this.stores.reads.get<JobProfileDocument>(COMPETENCE_CATALOGUE, competenceDocumentId('jobProfile', held.positionId), at))?.data;
    const version = profile && profileVersionAtEnd(profile.versions, period);
    const { measured, stated } = version ? kpisOf(version.content) : { measured: [], stated: [] };
    const figures = await periodFigures.figures([...new Set([...measured.map((kpi) => kpi.indicatorId), ...STANDING_INDICATORS])], employeeId);
    const kpis = measured.map((kpi) => scorecardKpi(kpi, figures.get(kpi.indicatorId)!));
    return {
      employeeId,
      period: period.month,
      positionId: held.positionId,
      sectionId: held.sectionId,
      profileVersion: version?.version ?? null,
      kpis,
      statedKpis: stated,
      standing: standingFigures(figures),
      standardCompliance: await this.compliance(employeeId, period, moment),
      asOf: asOfView(moment),
    };
  }

  /** Verdicts on the employee's work in the period by template version, counted per type of the standards each verifies. */
  private async compliance(employeeId: string, period: MonthPeriod, moment: ResolvedAsOf): Promise<StandardCompliance[]> {
    const { from, to } = period;
    const { rows } = await this.inspections.inspections({ from, to, groupBy: 'template', authorId: employeeId } as InspectionMetricsQuery, moment);
    const at = readAsOf(moment);
    const templateIds = [...new Set(rows.flatMap((row) => (row.group.templateId ? [row.group.templateId] : [])))];
    const templates = new Map(
      (await Promise.all(templateIds.map((id) => this.stores.reads.get<ChecklistTemplateDocument>(CHECKLIST_TEMPLATES, id, at)))).flatMap((found) =>
        found ? [[found.data.id, found.data] as const] : [],
      ),
    );
    const standardsOf = (templateId: string, version: number) => templates.get(templateId)?.versions[version - 1]?.standardIds ?? [];
    const standardIds = [...new Set(rows.flatMap((row) => (row.group.templateId && row.group.templateVersion ? standardsOf(row.group.templateId, row.group.templateVersion) : [])))];
    const types = new Map(
      (await Promise.all(standardIds.map((id) => this.stores.reads.get<StandardDocument>(standards.name, id, at)))).flatMap((found) =>
        found ? [[found.data.id, found.data.type] as const] : [],
      ),
    );
    const verdicts = rows.map(({ group, inspections, passed }) => ({ templateId: group.templateId, templateVersion: group.templateVersion, inspections, passed }));
    return complianceByStandardType(verdicts, standardsOf, (id) => types.get(id));
  }
}
