import { invalid, requireList, requireNumber, requireRecord } from '../shared/validation.js';
import {
  MOTIVATION_COMPONENTS,
  type CoefficientBand,
  type MotivationComponent,
  type MotivationTerms,
  type StatementFigures,
  type StatementOutcome,
} from './motivation.events.js';

export const MAX_BANDS = 20;
export const MAX_COEFFICIENT = 10;
export const MAX_ATTAINMENT_CAP = 3;

/** The terms with every number in its bounds: weights of whole percents summing to 100, bands ascending from 0. */
export function validTerms(terms: MotivationTerms): MotivationTerms {
  const givenWeights = requireRecord(terms.weights, 'weights', `{ ${MOTIVATION_COMPONENTS.join(', ')} }`);
  const weights = Object.fromEntries(
    MOTIVATION_COMPONENTS.map((component) => [component, requireNumber(givenWeights[component], `weights.${component}`, { whole: true, atLeast: 0, atMost: 100 })]),
  ) as Record<MotivationComponent, number>;
  if (MOTIVATION_COMPONENTS.reduce((sum, component) => sum + weights[component], 0) !== 100) throw invalid('weights', 'must sum to 100');
  const bands = requireList(terms.bands, 'bands', 1, MAX_BANDS).map((band, index) => validBand(band, `bands.${index}`));
  if (bands[0]!.fromScore !== 0) throw invalid('bands.0.fromScore', 'must be 0: every score falls in a band');
  bands.forEach((band, index) => {
    if (index > 0 && band.fromScore <= bands[index - 1]!.fromScore) throw invalid(`bands.${index}.fromScore`, 'must be above the previous band’s');
  });
  return {
    weights,
    attainmentCap: requireNumber(terms.attainmentCap, 'attainmentCap', { atLeast: 1, atMost: MAX_ATTAINMENT_CAP }),
    bands,
    coefficientWithoutData: requireNumber(terms.coefficientWithoutData, 'coefficientWithoutData', { atLeast: 0, atMost: MAX_COEFFICIENT }),
  };
}

function validBand(value: unknown, field: string): CoefficientBand {
  const band = requireRecord(value, field, '{ fromScore, coefficient }');
  return {
    fromScore: requireNumber(band.fromScore, `${field}.fromScore`, { atLeast: 0, atMost: MAX_ATTAINMENT_CAP }),
    coefficient: requireNumber(band.coefficient, `${field}.coefficient`, { atLeast: 0, atMost: MAX_COEFFICIENT }),
  };
}

/**
 * What the terms make of a month's figures.
 * - `kpis`: the mean attainment of the KPIs that have a value, each capped at `attainmentCap`; a KPI
 *   whose ratio cannot be formed (a zero value or target) counts 1 when met and 0 when not.
 * - `standardCompliance`: the mean pass rate over the types of standard the employee was inspected on,
 *   each type weighing the same.
 * - `trainingPlans`: the plan completion rate, at most 1.
 *
 * The score is the weighted mean of the components that have data, their weights rescaled to sum to
 * 1, so that nobody gains or loses for a component their work did not give figures for. The
 * coefficient is the highest band's at or below the score, or `coefficientWithoutData` without a score.
 */
export function outcomeOf(terms: MotivationTerms, figures: StatementFigures): StatementOutcome {
  const components: Record<MotivationComponent, number | null> = {
    kpis: meanOrNull(figures.kpis.flatMap(({ ratio, met }) => (met === null ? [] : [Math.min(ratio ?? (met ? 1 : 0), terms.attainmentCap)]))),
    standardCompliance: meanOrNull(figures.standardCompliance.flatMap(({ inspections, passed }) => (inspections > 0 ? [passed / inspections] : []))),
    trainingPlans: figures.trainingPlanCompletion === null ? null : Math.min(figures.trainingPlanCompletion, 1),
  };
  const counted = MOTIVATION_COMPONENTS.filter((component) => components[component] !== null && terms.weights[component] > 0);
  const weight = counted.reduce((sum, component) => sum + terms.weights[component], 0);
  const score = weight === 0 ? null : rounded(counted.reduce((sum, component) => sum + terms.weights[component] * components[component]!, 0) / weight);
  const coefficient = score === null ? terms.coefficientWithoutData : terms.bands.filter((band) => band.fromScore <= score).at(-1)!.coefficient;
  return { components: roundedComponents(components), score, coefficient };
}

/** Scores and deltas are kept to four decimals, so that the same figures always give the same numbers, as text too. */
export function rounded(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

function roundedComponents(components: Record<MotivationComponent, number | null>): Record<MotivationComponent, number | null> {
  return Object.fromEntries(MOTIVATION_COMPONENTS.map((component) => [component, components[component] === null ? null : rounded(components[component])])) as Record<
    MotivationComponent,
    number | null
  >;
}

function meanOrNull(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}
