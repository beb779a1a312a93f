import type { EventFilter, EventStore, Position } from '#kernel';

export interface TailOptions {
  readonly from?: Position;
  readonly limit?: number;
  readonly filter: EventFilter;
  readonly follow: boolean;
  readonly signal: AbortSignal;
}

/** Prints events as NDJSON: positions as strings, since JSON numbers cannot carry 64-bit integers. */
export async function tailEvents(events: EventStore, options: TailOptions, write = printLine): Promise<number> {
  const source = options.follow
    ? events.subscribeAll({ after: options.from, filter: options.filter, signal: options.signal })
    : events.readAll({ after: options.from, filter: options.filter });
  let printed = 0;
  for await (const event of source) {
    write(JSON.stringify({ ...event, position: event.position.toString() }));
    printed += 1;
    if (options.limit !== undefined && printed >= options.limit) break;
    if (options.signal.aborted) break;
  }
  return printed;
}

function printLine(line: string): void {
  process.stdout.write(`${line}\n`);
}
