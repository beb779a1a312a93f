import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '#libs/config/src/index.js';
import { openStores } from '#libs/persistence/src/index.js';
import { allProjections } from '#projections/index.js';
import { CommandRefusedError, listProjections, rebuildProjection } from './commands/projections.js';
import { tailEvents } from './commands/events.js';
import { runProgram, UsageError } from './program.js';

const USAGE = `Usage: npm run cli -- <command>

  projections list                 each projection: version, generations, checkpoint and lag
  projections rebuild <name>       rebuild a projection from the log into a fresh generation, then swap;
                                   it takes the projection's lease, so stop the projector (or an api
                                   with PROJECTIONS=inline) that runs it first, or the rebuild is refused
  events tail [options]            print the log as NDJSON, one event a line
      --from <position>            start after this position (default: the start of the log)
      --limit <n>                  stop after n events
      --type <type>                only this event type (repeatable)
      --category <category>        only this stream category (repeatable)
      --follow                     keep printing new events until interrupted

The stores are the ones the environment configures (DATA_DIR, EVENT_STORE, READ_STORE).`;

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      limit: { type: 'string' },
      type: { type: 'string', multiple: true },
      category: { type: 'string', multiple: true },
      follow: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [group, command, argument] = positionals;
  if (values.help || !group) {
    console.log(USAGE);
    return;
  }

  const config = loadConfig();
  const stores = await openStores(config);
  const interrupt = new AbortController();
  process.once('SIGINT', () => interrupt.abort());
  process.once('SIGTERM', () => interrupt.abort());
  try {
    if (group === 'projections' && command === 'list') {
      await listProjections(stores, allProjections);
    } else if (group === 'projections' && command === 'rebuild') {
      if (!argument) throw new UsageError('projections rebuild needs a projection name');
      await rebuildProjection(stores, allProjections, argument, { leaseTtlMs: config.projectionLeaseTtlMs });
    } else if (group === 'events' && command === 'tail') {
      await tailEvents(stores.events, {
        from: parsePosition(values.from),
        limit: values.limit === undefined ? undefined : parseCount(values.limit),
        filter: { types: values.type, categories: values.category },
        follow: values.follow,
        signal: interrupt.signal,
      });
    } else {
      throw new UsageError(`unknown command: ${positionals.join(' ')}`);
    }
  } finally {
    await stores.close();
  }
}

function parsePosition(value: string | undefined): bigint | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--from takes a position (a whole number), got ${value}`);
  return BigInt(value);
}

function parseCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) throw new UsageError(`--limit takes a positive whole number, got ${value}`);
  return count;
}

runProgram(() => main(process.argv.slice(2)), {
  usage: USAGE,
  plain: (error) => error instanceof CommandRefusedError || error instanceof ConfigError,
  exitCodeOf: (error) => (error instanceof CommandRefusedError ? error.exitCode : undefined),
});
