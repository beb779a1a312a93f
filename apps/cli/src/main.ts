import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '#config';
import { parseVerifierKeyText } from '#ledger';
import { loadLedgerVerifier, openStores, parallelLeafCheck } from '#persistence';
import { allProjections } from '#projections/index.js';
import { CommandRefusedError, listProjections, rebuildProjection } from './commands/projections.js';
import { tailEvents } from './commands/events.js';
import { audit } from './commands/audit.js';
import { VERIFY_EXIT, verifyWithProgress } from './commands/verify.js';
import { runProgram, UsageError } from './program.js';

const USAGE = `Usage: npm run cli -- <command>

  projections list                 each projection: version, generations, checkpoint and lag
  projections rebuild <name>       rebuild a projection from the log into a fresh generation, then swap;
                                   it takes the projection's lease, so stop the projector (or the api,
                                   unless PROJECTIONS=off) that runs it first, or the rebuild is refused
  events tail [options]            print the log as NDJSON, one event a line
      --from <position>            start after this position (default: the start of the log)
      --limit <n>                  stop after n events
      --type <type>                only this event type (repeatable)
      --category <category>        only this stream category (repeatable)
      --follow                     keep printing new events until interrupted
  verify [options]                 recompute every leaf and root of the ledger from the log, check every
                                   signed checkpoint; exit 0 intact, 1 tampered (the first position found
                                   wrong is printed), 2 on any other error
      --checkpoint <file>          a checkpoint kept outside the system (its signed note, or the JSON of
                                   GET /ledger/checkpoint): the log must hold it, so a cut-off log shows
      --from <position>            recompute from this position on, trusting the tree before it
      --key <verifier key>         the log's public key as GET /ledger/public-key gives it (verifierKey);
                                   default: the one of the signing key (LEDGER_SIGNING_KEY_FILE or DATA_DIR)
  audit [options]                  as an auditor, over the api, with nothing but the log's public key and a
                                   checkpoint kept outside: proves that the log extends the checkpoint and,
                                   with --decision, that the decision is in it and in its minutes' tree;
                                   exit 0 all holds, 1 something does not, 2 on any other error
      --url <url>                  the api, e.g. http://localhost:3000
      --key <verifier key>         the log's public key (verifierKey of GET /ledger/public-key)
      --checkpoint <file>          the checkpoint kept outside the system
      --decision <id>              a council decision to prove
                                   the API key (auditor role) is read from QUALITY_LEDGER_API_KEY

The stores are the ones the environment configures (DATA_DIR, EVENT_STORE, READ_STORE).`;

/** How long `verify` waits for a ledger that follows the log (EventStoreDB) to reach its head. */
const LEDGER_CATCH_UP_MS = 120_000;

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
      checkpoint: { type: 'string' },
      key: { type: 'string' },
      url: { type: 'string' },
      decision: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [group, command, argument] = positionals;
  if (values.help || !group) {
    console.log(USAGE);
    return;
  }

  if (group === 'verify') {
    process.exitCode = await verify(values);
    return;
  }
  if (group === 'audit') {
    process.exitCode = await auditOverHttp(values);
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

interface VerifyArguments {
  readonly checkpoint?: string;
  readonly from?: string;
  readonly key?: string;
}

/** Every failure that is not a verdict on the log (configuration, stores, files, keys) exits 2. */
async function verify(args: VerifyArguments): Promise<number> {
  const from = parsePosition(args.from);
  try {
    const config = loadConfig();
    const key = args.key === undefined ? loadLedgerVerifier(config) : parseVerifierKeyText(args.key);
    const trustedCheckpoint = args.checkpoint === undefined ? undefined : readFileSync(args.checkpoint, 'utf8');
    const stores = await openStores(config);
    try {
      if (!(await stores.ledger.waitFor(undefined, LEDGER_CATCH_UP_MS))) {
        throw new Error(`the ledger did not reach the head of the log within ${LEDGER_CATCH_UP_MS / 1000} s`);
      }
      const checkLeaves = parallelLeafCheck(config);
      return await verifyWithProgress(
        {
          ledger: stores.ledger,
          key,
          ...(checkLeaves ? { checkLeaves } : {}),
          ...(trustedCheckpoint !== undefined ? { trustedCheckpoint } : {}),
          ...(from !== undefined ? { from } : {}),
        },
        (line) => console.log(line),
      );
    } finally {
      await stores.close();
    }
  } catch (error) {
    console.error(`verify could not run: ${error instanceof Error ? error.message : String(error)}`);
    return VERIFY_EXIT.error;
  }
}

interface AuditArguments {
  readonly url?: string;
  readonly key?: string;
  readonly checkpoint?: string;
  readonly decision?: string;
}

async function auditOverHttp(args: AuditArguments): Promise<number> {
  const apiKey = process.env.QUALITY_LEDGER_API_KEY?.trim();
  if (!args.url || !args.key || !args.checkpoint) throw new UsageError('audit needs --url, --key and --checkpoint');
  if (!apiKey) throw new UsageError('audit reads the API key from QUALITY_LEDGER_API_KEY, which is not set');
  try {
    const findings = await audit({
      url: args.url,
      apiKey,
      key: parseVerifierKeyText(args.key),
      savedCheckpoint: readFileSync(args.checkpoint, 'utf8'),
      ...(args.decision !== undefined ? { decisionId: args.decision } : {}),
    });
    for (const { check, holds, detail } of findings) console.log(`${holds ? 'HOLDS' : 'FAILS'}: ${check}\n  ${detail}`);
    return findings.every((finding) => finding.holds) ? VERIFY_EXIT.intact : VERIFY_EXIT.tampered;
  } catch (error) {
    console.error(`audit could not run: ${error instanceof Error ? error.message : String(error)}`);
    return VERIFY_EXIT.error;
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
