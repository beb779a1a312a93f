export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** `recordedAt` for the next append: the clock, but never before the previous one, so that the log's times never go back. */
export function nextRecordedAt(now: Date, previous: string | undefined): string {
  const candidate = now.toISOString();
  return previous !== undefined && previous > candidate ? previous : candidate;
}

/** A clock that only moves when told to: for tests and replays. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string = '2026-01-01T00:00:00.000Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date | string): void {
    this.current = new Date(to).getTime();
  }

  advance(milliseconds: number): void {
    this.current += milliseconds;
  }
}
