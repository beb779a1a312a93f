import type { PackIndicator } from './types.js';

/** A reading as people read it: shares in percent, durations with their unit. */
export function formatValue(value: number | null, unit: PackIndicator['unit']): string {
  if (value === null) return 'no data';
  if (unit === 'share') return `${(value * 100).toFixed(1)} %`;
  const rounded = Number.isInteger(value) ? value.toString() : value.toFixed(2);
  return unit === 'minutes' || unit === 'hours' ? `${rounded} ${unit === 'minutes' ? 'min' : 'h'}` : rounded;
}

export function formatDeviation(deviation: number | null, unit: PackIndicator['unit']): string {
  if (deviation === null) return '';
  const sign = deviation > 0 ? '+' : deviation < 0 ? '−' : '±';
  // A difference of shares is in percentage points, not a percent of the target.
  if (unit === 'share') return `${sign}${(Math.abs(deviation) * 100).toFixed(1)} pp`;
  return `${sign}${formatValue(Math.abs(deviation), unit)}`;
}

/** A moment as a reader names it: the day and the time in UTC, the zone the log records in. */
export function formatMoment(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** A goal's value has no unit in the program: shown as the API gives it, to three decimals at most. */
export function formatNumber(value: number | null): string {
  return value === null ? 'no data' : String(Number(value.toFixed(3)));
}
