import { collect } from './collect.js';
import type { TestApp } from './test-app.js';

/** A past moment of the log, as `asOf` takes it: by position, or by the time it was recorded at. */
export interface RecordedMoment {
  readonly position: string;
  readonly time: string;
}

/**
 * The moment the event at `position` was recorded, answered once the clock has moved past it: what is
 * recorded next then carries a later time, or a time could not tell the two moments apart.
 */
export async function momentAfter(api: TestApp, position: string): Promise<RecordedMoment> {
  const [event] = await collect(api.stores.events.readAll({ after: BigInt(position) - 1n, to: BigInt(position) }));
  if (!event) throw new Error(`no event at position ${position}`);
  const time = event.metadata.recordedAt;
  while (Date.now() <= Date.parse(time)) await new Promise((resolve) => setTimeout(resolve, 1));
  return { position, time };
}
