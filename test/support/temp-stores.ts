import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock, type Clock } from '#libs/eventsourcing/src/index.js';
import { SqliteEventStore, SqliteReadStore } from '#libs/store-sqlite/src/index.js';

export interface TempStores {
  readonly dir: string;
  readonly file: string;
  readonly events: SqliteEventStore;
  readonly reads: SqliteReadStore;
  cleanup(): Promise<void>;
}

/** Both embedded stores on a fresh file in a temporary folder, removed by `cleanup`. */
export function openTempStores(clock: Clock = systemClock): TempStores {
  const dir = mkdtempSync(join(tmpdir(), 'quality-ledger-test-'));
  const file = join(dir, 'store.sqlite');
  const events = SqliteEventStore.open({ file, clock, pollIntervalMs: 20 });
  const reads = SqliteReadStore.open({ file });
  return {
    dir,
    file,
    events,
    reads,
    async cleanup() {
      await Promise.allSettled([events.close(), reads.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
