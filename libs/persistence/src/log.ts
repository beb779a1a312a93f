import { join } from 'node:path';
import type { AppConfig } from '#config';
import { systemClock, type Clock, type EventStore, type Ledger } from '#kernel';
import { SqliteEventStore } from '#stores/sqlite';

/*
 * The log and its ledger, apart from the other stores: a verification worker opens them alone, and the
 * adapters of the production stores are loaded only when the configuration names them.
 */

export const EMBEDDED_STORE_FILE = 'quality-ledger.sqlite';

/** The log and its ledger, opened together: the embedded store writes both in one transaction. */
export interface OpenedLog {
  readonly raw: EventStore;
  readonly ledger: Ledger;
  close(): Promise<void>;
}

/** Where a ledger that follows EventStoreDB keeps its tree when the read models are in the embedded file. */
export const FOLLOWING_LEDGER_FILE = 'ledger.sqlite';

export function embeddedFile(config: AppConfig): string {
  return join(config.dataDir, EMBEDDED_STORE_FILE);
}

/**
 * The log and its ledger. A ledger that follows EventStoreDB keeps up with it once `follow` starts it;
 * a reader of the tree as it is (a verification worker) leaves it still.
 */
export async function openLog(config: AppConfig, clock: Clock = systemClock, follow = true): Promise<OpenedLog> {
  if (config.eventStore === 'sqlite') {
    const store = SqliteEventStore.open({ file: embeddedFile(config), durable: config.durable, clock, pollIntervalMs: config.logPollIntervalMs });
    return { raw: store, ledger: store.ledger, close: () => store.close() };
  }
  const { openFollowedLog } = await import('./followed-log.js');
  return openFollowedLog(config, clock, follow);
}
