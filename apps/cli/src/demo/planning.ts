import type { Role } from '#domain/access/index.js';

/*
 * What every planner of the demo shares: the seeded generator, the period and its calendar, and the
 * rule that turns planned business times into the times the steps were recorded at.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Working hours, in UTC (Moscow time minus three hours). */
const WORKDAY_OPENS_UTC_HOUR = 6;
const WORKDAY_HOURS = 11;

export type Weighted<T> = readonly (readonly [T, number])[];

/** The employee a command is entered by, and the roles their key carries. */
export interface DemoActor {
  readonly employeeId: string;
  readonly roles: readonly Role[];
}

/** When a step happened in the business, and who entered it. */
export interface PlannedBase {
  readonly occurredAt: string;
  readonly actor: DemoActor;
}

/** A step as the demo runs it: the demo's clock is at `recordedAt` while the command runs. */
export type Recorded<P> = P & { readonly recordedAt: string };

/** The stretch of time the demo covers. */
export class DemoPeriod {
  readonly start: Date;

  constructor(
    readonly end: Date,
    months: number,
  ) {
    if (!Number.isInteger(months) || months < 1) throw new RangeError('months must be a whole number of at least 1');
    this.start = addMonths(end, -months);
  }

  /** Where a moment lies in the period, 0 to 1 (just under, so that someone leaving at 1 is still there). */
  progressAt(time: number): number {
    const { start, end } = this;
    return Math.min(Math.max((time - start.getTime()) / (end.getTime() - start.getTime()), 0), 0.999);
  }

  timeAt(progress: number): number {
    return this.start.getTime() + progress * (this.end.getTime() - this.start.getTime());
  }

  /** The first day of each calendar month the period touches. */
  months(): Date[] {
    const months: Date[] = [];
    for (let month = startOfMonth(this.start); month < this.end; month = addMonths(month, 1)) months.push(month);
    return months;
  }
}

export function iso(time: number): string {
  return new Date(time).toISOString();
}

/** The UTC day of a moment, as the commands take days. */
export function dayOf(time: number): string {
  return iso(time).slice(0, 10);
}

export function startOfMonth(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

export function addMonths(date: Date, months: number): Date {
  const moved = new Date(date);
  moved.setUTCMonth(moved.getUTCMonth() + months);
  return moved;
}

export function monthKey(month: Date): string {
  return `${month.getUTCFullYear() % 100}${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
}

function startOfDay(time: number): number {
  const day = new Date(time);
  day.setUTCHours(0, 0, 0, 0);
  return day.getTime();
}

function isWeekend(day: number): boolean {
  const weekday = new Date(day).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The first working day at or after the day of `time`, at midnight. */
export function workingDayFrom(time: number): number {
  let day = startOfDay(time);
  while (isWeekend(day)) day += DAY;
  return day;
}

/** A random moment in the working hours of the working day at or after `time`. */
export function workingTime(time: number, random: Random): number {
  return workingDayFrom(time) + WORKDAY_OPENS_UTC_HOUR * HOUR + random.float() * WORKDAY_HOURS * HOUR;
}

/** A random moment in working hours after `time`: later the same working day, or on the next one. */
export function workingTimeAfter(time: number, random: Random): number {
  const sameDay = workingTime(time, random);
  return sameDay > time ? sameDay : workingTime(startOfDay(time) + DAY, random);
}

/** A moment in the working hours of the day of `time`; fewer things happen at weekends. */
export function mostlyWorkingTime(time: number, random: Random): number {
  const day = startOfDay(time);
  const dayStart = isWeekend(day) && random.chance(0.6) ? workingDayFrom(day) : day;
  return dayStart + WORKDAY_OPENS_UTC_HOUR * HOUR + random.float() * WORKDAY_HOURS * HOUR;
}

/**
 * People enter a step a few minutes after it happened, and the steps of one story (a case, an
 * inspection chain, a survey wave) keep their order. Steps that would be recorded after the end of
 * the period are cut, with everything after them.
 */
export function recordedInOrder<P extends { readonly occurredAt: string }>(planned: readonly P[], random: Random, end: Date): Recorded<P>[] {
  const steps: Recorded<P>[] = [];
  let previous = 0;
  for (const step of planned) {
    const recorded = Math.max(Date.parse(step.occurredAt) + random.int(0, 20 * MINUTE), previous + 1000);
    if (recorded > end.getTime()) break;
    steps.push({ ...step, recordedAt: iso(recorded) });
    previous = recorded;
  }
  return steps;
}

/** Orders steps by the time they were recorded; steps recorded at the same time keep their order. */
export function byRecordingTime<S extends { readonly recordedAt: string }>(steps: readonly S[]): S[] {
  return [...steps].sort((a, b) => (a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : 0));
}

/** mulberry32: a small, fast, seedable generator; statistical quality is ample for made-up data. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** An independent generator for one part of the plan, so that the parts do not shift each other's draws. */
  static forPart(seed: number, part: number): Random {
    return new Random(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(part, 0xc2b2ae35));
  }

  float(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!;
  }

  weighted<T>(items: Weighted<T>): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.float() * total;
    for (const [item, weight] of items) {
      roll -= weight;
      if (roll < 0) return item;
    }
    return items[items.length - 1]![0];
  }
}
