import { INDICATORS, meetsTarget, type IndicatorId, type IndicatorUnit } from '#domain/catalogue/indicators.js';
import { isIndicatorTarget, type JobProfileContent } from '#domain/competence/index.js';
import { STANDARD_TYPES, type StandardType } from '#domain/standards/index.js';
import type { StatementFigures } from '#domain/motivation/index.js';
import type { MonthPeriod } from '#domain/shared/months.js';
import type { ProfileVersionDocument } from '../competence/competence-catalogue.projection.js';

/** The entry of an effective-dated history in force on the period's last day: the last one dated before its end. */
export function inForceAtEnd<T extends { readonly from: string }>(history: readonly T[], period: MonthPeriod): T | undefined {
  return history.filter((entry) => entry.from.slice(0, 10) < period.to).at(-1);
}

/** Employed for some of the period: still at its end, or left during it (the state then names the last position). */
export function workedIn(state: { readonly from: string; readonly status: 'employed' | 'left' }, period: MonthPeriod): boolean {
  return state.status === 'employed' || state.from.slice(0, 10) > period.from;
}

/** The entry of an effective-dated history a month is measured in: in force on its last day, if the employee worked in it. */
export function heldThrough<T extends { readonly from: string; readonly status: 'employed' | 'left' }>(employee: { readonly history: readonly T[] }, period: MonthPeriod): T | undefined {
  const held = inForceAtEnd(employee.history, period);
  return held !== undefined && workedIn(held, period) ? held : undefined;
}

/** The approved profile version in force on the period's last day. */
export function profileVersionAtEnd(versions: readonly ProfileVersionDocument[], period: MonthPeriod): ProfileVersionDocument | undefined {
  return inForceAtEnd(
    versions.map((version) => ({ ...version, from: version.effectiveFrom })),
    period,
  );
}

/** Whose figure a KPI's value is: the employee's own, or the company's where its route has none per employee. */
export type FigureScope = 'employee' | 'company';

export interface KpiFigure {
  readonly value: number | null;
  readonly scope: FigureScope;
  /** The route had a row for the employee (any row, for a company figure): there was something to count. */
  readonly hasRow: boolean;
}

/**
 * How far a value reaches its target: `met` by the indicator's direction, and `ratio` the value over the
 * target (the target over the value where lower is better), where both are above zero; null without a
 * value.
 */
export interface Attainment {
  readonly met: boolean;
  readonly ratio: number | null;
}

export function attainmentOf(indicatorId: IndicatorId, value: number | null, target: number): Attainment | null {
  if (value === null) return null;
  const { direction } = INDICATORS[indicatorId];
  const ratio = value > 0 && target > 0 ? (direction === 'higher-is-better' ? value / target : target / value) : null;
  return { met: meetsTarget(direction, value, target), ratio };
}

export interface ScorecardKpi extends MeasuredKpi {
  readonly name: string;
  readonly unit: IndicatorUnit;
  readonly definitionVersion: number;
  readonly value: number | null;
  readonly scope: FigureScope;
  readonly attainment: Attainment | null;
}

/** A KPI as a profile version before the indicator catalogue stated it: shown as written, without a value. */
export interface StatedScorecardKpi {
  readonly area: string;
  readonly name: string;
  readonly target: string;
}

/** A KPI on an indicator, with the area of the profile it belongs to. */
export interface MeasuredKpi {
  readonly area: string;
  readonly indicatorId: IndicatorId;
  readonly target: number;
}

/** The KPIs of a profile's areas, in order: those on indicators to measure, and the text ones as they stand. */
export function kpisOf(content: JobProfileContent): { measured: MeasuredKpi[]; stated: StatedScorecardKpi[] } {
  const measured: MeasuredKpi[] = [];
  const stated: StatedScorecardKpi[] = [];
  for (const { area, kpis } of content.responsibilities) {
    for (const kpi of kpis) {
      if (isIndicatorTarget(kpi)) measured.push({ area, indicatorId: kpi.indicatorId, target: kpi.target });
      else stated.push({ area, name: kpi.name, target: kpi.target });
    }
  }
  return { measured, stated };
}

/** A measured KPI with its figure for the period. */
export function scorecardKpi(kpi: MeasuredKpi, figure: KpiFigure): ScorecardKpi {
  const { name, unit, definitionVersion } = INDICATORS[kpi.indicatorId];
  return { ...kpi, name, unit, definitionVersion, value: figure.value, scope: figure.scope, attainment: attainmentOf(kpi.indicatorId, figure.value, kpi.target) };
}

/**
 * The figures a scorecard shows besides the KPIs, per employee: plan completion always; inspections of
 * their work, care and support where they had some in the period.
 */
export const STANDING_FIGURES = {
  trainingPlans: ['training.planCompletionRate', 'training.planOnTimeRate', 'training.plansOverdue'],
  inspections: ['quality.checklistPassRate', 'quality.firstTimePassRate', 'quality.meanScore'],
  care: ['care.retentionShare', 'care.refundToRetainedRatio'],
  support: [
    'support.firstResponseMinutes',
    'support.firstResponseWithinTarget',
    'support.resolutionHours',
    'support.resolvedWithinTarget',
    'support.csat',
    'support.repeatContactShare',
    'support.closedShare',
    'support.escalationShare',
  ],
} as const satisfies Record<string, readonly IndicatorId[]>;

export type StandingSection = keyof typeof STANDING_FIGURES;

export interface StandingFigure {
  readonly indicatorId: IndicatorId;
  readonly name: string;
  readonly unit: IndicatorUnit;
  readonly value: number | null;
}

export interface StandingFigures {
  readonly trainingPlans: readonly StandingFigure[];
  /** Null for a section the employee had nothing in during the period. */
  readonly inspections: readonly StandingFigure[] | null;
  readonly care: readonly StandingFigure[] | null;
  readonly support: readonly StandingFigure[] | null;
}

/** Each section's figures: plans always, the others where the employee had something to count. */
export function standingFigures(figures: ReadonlyMap<IndicatorId, KpiFigure>): StandingFigures {
  const all = (name: StandingSection): readonly StandingFigure[] =>
    STANDING_FIGURES[name].map((indicatorId: IndicatorId) => ({
      indicatorId,
      name: INDICATORS[indicatorId].name,
      unit: INDICATORS[indicatorId].unit,
      value: figures.get(indicatorId)?.value ?? null,
    }));
  const whereCounted = (name: StandingSection) => (STANDING_FIGURES[name].some((id: IndicatorId) => figures.get(id)?.hasRow) ? all(name) : null);
  return { trainingPlans: all('trainingPlans'), inspections: whereCounted('inspections'), care: whereCounted('care'), support: whereCounted('support') };
}

export const STANDING_INDICATORS: readonly IndicatorId[] = Object.values(STANDING_FIGURES).flat();

/** Verdicts on an employee's work under one template version, as the inspection metrics group them. */
export interface TemplateVerdicts {
  readonly templateId: string | null | undefined;
  readonly templateVersion: number | null | undefined;
  readonly inspections: number;
  readonly passed: number;
}

export interface StandardCompliance {
  readonly standardType: StandardType;
  readonly inspections: number;
  readonly passed: number;
  /** passed / inspections; null without inspections. */
  readonly passRate: number | null;
}

/**
 * The employee's pass rate as author per type of standard: a verdict under a template version counts
 * once for each type of the standards that version verifies; verdicts under versions that name no
 * standard count for none. Types in the catalogue's order.
 */
export function complianceByStandardType(
  verdicts: readonly TemplateVerdicts[],
  standardsOf: (templateId: string, version: number) => readonly string[],
  typeOf: (standardId: string) => StandardType | undefined,
): StandardCompliance[] {
  const totals = new Map<StandardType, { inspections: number; passed: number }>();
  for (const { templateId, templateVersion, inspections, passed } of verdicts) {
    if (templateId === null || templateId === undefined || templateVersion === null || templateVersion === undefined) continue;
    const types = new Set(standardsOf(templateId, templateVersion).map(typeOf).filter((type): type is StandardType => type !== undefined));
    for (const type of types) {
      const total = totals.get(type) ?? { inspections: 0, passed: 0 };
      totals.set(type, { inspections: total.inspections + inspections, passed: total.passed + passed });
    }
  }
  return STANDARD_TYPES.filter((type) => totals.has(type)).map((standardType) => {
    const { inspections, passed } = totals.get(standardType)!;
    return { standardType, inspections, passed, passRate: inspections === 0 ? null : passed / inspections };
  });
}

/** The parts of a scorecard a motivation statement reads. */
export interface MeasuredScorecard {
  readonly positionId: string;
  readonly kpis: readonly ScorecardKpi[];
  readonly standing: StandingFigures;
  readonly standardCompliance: readonly StandardCompliance[];
}

/** A scorecard's figures as a motivation statement records them: each KPI's attainment, compliance per standard type, plan completion. */
export function statementFigures({ positionId, kpis, standing, standardCompliance }: MeasuredScorecard): StatementFigures {
  return {
    positionId,
    kpis: kpis.map(({ indicatorId, value, target, attainment }) => ({ indicatorId, value, target, ratio: attainment?.ratio ?? null, met: attainment?.met ?? null })),
    standardCompliance: standardCompliance.map(({ standardType, inspections, passed }) => ({ standardType, inspections, passed })),
    trainingPlanCompletion: standing.trainingPlans.find(({ indicatorId }) => indicatorId === 'training.planCompletionRate')?.value ?? null,
  };
}
