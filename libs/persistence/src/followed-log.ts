import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { loggableUrl, type AppConfig } from '#config';
import { FollowingLedger, type Clock, type LedgerTables } from '#kernel';
import { EsdbEventStore } from '#stores/esdb';
import { MongoLedgerTables } from '#stores/mongo';
import { SqliteLedgerTables } from '#stores/sqlite';
import { connectToMongo } from './connect.js';
import { FOLLOWING_LEDGER_FILE, type OpenedLog } from './log.js';

/** The log on EventStoreDB, and a ledger that follows it into tables of its own. */
export async function openFollowedLog(config: AppConfig, clock: Clock, follow: boolean): Promise<OpenedLog> {
  const store = EsdbEventStore.connect({ connectionString: config.eventStoreUrl!, namespace: config.eventStoreNamespace, clock });
  let tables: LedgerTables & { close(): unknown };
  try {
    tables = await openLedgerTables(config);
  } catch (error) {
    await store.close();
    throw error;
  }
  const logger = new Logger('Ledger');
  const ledger = new FollowingLedger(store, tables, { onError: (error) => logger.warn(`the ledger cannot follow the log, retrying: ${String(error)}`) });
  if (follow) ledger.start();
  return {
    raw: store,
    ledger,
    async close() {
      await ledger.stop();
      await Promise.allSettled([tables.close(), store.close()]);
    },
  };
}

/** The tree of a ledger that follows EventStoreDB: beside the read models, on MongoDB or in a file of its own. */
async function openLedgerTables(config: AppConfig): Promise<LedgerTables & { close(): unknown }> {
  if (config.readStore === 'mongo') {
    const url = config.mongodbUrl!;
    return connectToMongo(`the MongoDB ledger tables at ${loggableUrl(url)}`, () => MongoLedgerTables.connect({ url }));
  }
  return SqliteLedgerTables.open(join(config.dataDir, FOLLOWING_LEDGER_FILE), { durable: config.durable });
}

