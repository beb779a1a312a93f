import { requireNumber } from '../shared/validation.js';

/**
 * The company's one proficiency scale. A level is a whole number from 0 (none) to the top level; the
 * names say what each level means, and `proficientLevel` is the lowest level that counts as proficient.
 */
export interface ProficiencyScale {
  /** 0 for the default scale, which no event defined; every definition is the next version. */
  readonly version: number;
  /** The name of each level; a level is its index. */
  readonly levels: readonly string[];
  readonly proficientLevel: number;
}

export const DEFAULT_PROFICIENCY_SCALE: ProficiencyScale = {
  version: 0,
  levels: ['none', 'basic', 'working', 'proficient', 'expert, can teach'],
  proficientLevel: 3,
};

export function topLevel(scale: ProficiencyScale): number {
  return scale.levels.length - 1;
}

/** A level on the scale: a whole number from 0 to the top level. */
export function requireLevel(value: unknown, field: string, scale: ProficiencyScale): number {
  return requireNumber(value, field, { whole: true, atLeast: 0, atMost: topLevel(scale) });
}

/**
 * The level a knowledge check shows for a competency, from the share of its points scored. An
 * open-book check shows that someone finds and applies what they need, not that they could teach
 * it, so the share maps onto the levels up to the proficient one, in equal bands: on the default
 * scale, under 25 % none, from 25 % basic, from 50 % working, from 75 % proficient. Higher levels come
 * from an attestation or a manager's assessment. Whole-number arithmetic keeps the band edges exact.
 */
export function checkLevel(points: number, maxPoints: number, scale: ProficiencyScale): number {
  return Math.min(scale.proficientLevel, Math.floor((points * (scale.proficientLevel + 1)) / maxPoints));
}
