import { resolve } from 'node:path';
import { DEFAULT_OBSERVATION_WINDOW_DAYS } from '#domain/care/care-case.decider.js';
import { DEFAULT_SUPPORT_TARGETS, type SupportTargets } from '#projections/support/support-targets.js';
import { DEFAULT_REPEAT_WINDOW_DAYS } from '#domain/support/support-contact.decider.js';

export type EventStoreKind = 'sqlite' | 'esdb';
export type ReadStoreKind = 'sqlite' | 'mongo';
/** `worker`: this process runs them on a thread of their own; `inline`: on its main thread; `off`: a projector process does. */
export type ProjectionsMode = 'worker' | 'inline' | 'off';

export interface AppConfig {
  readonly port: number;
  readonly dataDir: string;
  readonly eventStore: EventStoreKind;
  /** EventStoreDB connection string, for `esdb`. */
  readonly eventStoreUrl: string | undefined;
  /**
   * Prefix of this installation's streams on EventStoreDB, for several installations on one cluster;
   * undefined: the streams are named as they are.
   */
  readonly eventStoreNamespace: string | undefined;
  readonly readStore: ReadStoreKind;
  /** MongoDB connection string, for `mongo`. */
  readonly mongodbUrl: string | undefined;
  readonly projections: ProjectionsMode;
  /** fsync every commit before acknowledging it. */
  readonly durable: boolean;
  readonly logLevel: string;
  /** A fixed admin API key that always works; never stored as an event. */
  readonly bootstrapAdminKey: string | undefined;
  /** When set, `/metrics` answers only `Authorization: Bearer <this key>`. */
  readonly metricsKey: string | undefined;
  /** When set, `/metrics` is served on this port only, not on `port`. */
  readonly metricsPort: number | undefined;
  /** Largest request body accepted, in bytes; a larger one gets 413. */
  readonly bodyLimit: number;
  /** How long a read waits for the projections to reach its `minPosition` before answering 503. */
  readonly readYourWritesTimeoutMs: number;
  /** How long a projector's lease on a projection lasts unless renewed: the fail-over delay when it dies. */
  readonly projectionLeaseTtlMs: number;
  /** How often a follower of the embedded log looks for events another process or thread appended. */
  readonly logPollIntervalMs: number;
  /** Days after a retention during which a refund is still accepted, as a lost save. */
  readonly careObservationWindowDays: number;
  /** The targets `GET /metrics/support` shows beside each figure. */
  readonly supportTargets: SupportTargets;
  /** Days after a support ticket's opening within which another of the same client on the same topic repeats it. */
  readonly supportRepeatWindowDays: number;
  /** How often an idle `/feed` connection gets a comment line, so that proxies and clients keep it open. */
  readonly feedHeartbeatMs: number;
  /** Open `/feed` connections one process serves at most, and at most per API key: each holds a subscription. */
  readonly feedMaxConnections: number;
  readonly feedMaxConnectionsPerKey: number;
  /** How long an answer to a request with an `Idempotency-Key` is kept for its retries, in hours. */
  readonly idempotencyRetentionHours: number;
  /** The Ed25519 key (PKCS #8 PEM) that signs the ledger's checkpoints; undefined: one generated into the data folder. */
  readonly ledgerSigningKeyFile: string | undefined;
  /** The log's name on its checkpoints; undefined: derived from the signing key. */
  readonly ledgerOrigin: string | undefined;
  /** The shortest time between two signed checkpoints while the log grows. */
  readonly ledgerCheckpointIntervalMs: number;
  /** Requests per minute per API key, or per address without one. */
  readonly rateLimitPerMinute: number;
  /** Requests per minute per address on the route anyone may write to without a key. */
  readonly rateLimitAnonymousPerMinute: number;
  /** Failed authentications per minute per address, before the address must wait. */
  readonly rateLimitFailedAuthPerMinute: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
export const MIN_FIXED_KEY_LENGTH = 24;
const MEBIBYTE = 1024 * 1024;

/** Reads and validates the environment once, reporting every problem at the same time. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const choice = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const value = env[name]?.trim();
    if (value === undefined || value === '') return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    problems.push(`${name}=${value} is not one of: ${allowed.join(', ')}`);
    return fallback;
  };
  const integer = (name: string, fallback: number, min: number, max: number, what: string): number => {
    const raw = env[name]?.trim() || String(fallback);
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) problems.push(`${name}=${raw} is not ${what} (${min}-${max})`);
    return value;
  };

  const config: AppConfig = {
    port: integer('PORT', 3000, 0, 65535, 'a port number'),
    dataDir: resolve(env.DATA_DIR?.trim() || './data'),
    ...storeSelection(env, choice, problems),
    projections: choice('PROJECTIONS', ['worker', 'inline', 'off'], 'worker'),
    durable: choice('DURABLE_COMMIT', ['true', 'false'], 'true') === 'true',
    logLevel: choice('LOG_LEVEL', LOG_LEVELS, 'info'),
    bootstrapAdminKey: fixedKey('BOOTSTRAP_ADMIN_KEY', env.BOOTSTRAP_ADMIN_KEY, problems),
    metricsKey: fixedKey('METRICS_KEY', env.METRICS_KEY, problems),
    metricsPort: env.METRICS_PORT?.trim() ? integer('METRICS_PORT', 0, 0, 65535, 'a port number') : undefined,
    bodyLimit: integer('BODY_LIMIT', MEBIBYTE, 1024, 100 * MEBIBYTE, 'a size in bytes'),
    readYourWritesTimeoutMs: integer('READ_YOUR_WRITES_TIMEOUT_MS', 5000, 1, 60_000, 'a duration in milliseconds'),
    projectionLeaseTtlMs: integer('PROJECTION_LEASE_TTL_MS', 15_000, 1000, 600_000, 'a duration in milliseconds'),
    logPollIntervalMs: integer('LOG_POLL_INTERVAL_MS', 100, 1, 60_000, 'a duration in milliseconds'),
    careObservationWindowDays: integer('CARE_OBSERVATION_WINDOW_DAYS', DEFAULT_OBSERVATION_WINDOW_DAYS, 1, 3650, 'a number of days'),
    supportTargets: supportTargets(integer),
    supportRepeatWindowDays: integer('SUPPORT_REPEAT_WINDOW_DAYS', DEFAULT_REPEAT_WINDOW_DAYS, 1, 3650, 'a number of days'),
    feedHeartbeatMs: integer('FEED_HEARTBEAT_MS', 15_000, 100, 600_000, 'a duration in milliseconds'),
    feedMaxConnections: integer('FEED_MAX_CONNECTIONS', 200, 1, 100_000, 'a number of connections'),
    feedMaxConnectionsPerKey: integer('FEED_MAX_CONNECTIONS_PER_KEY', 10, 1, 100_000, 'a number of connections'),
    idempotencyRetentionHours: integer('IDEMPOTENCY_RETENTION_HOURS', 24, 1, 8760, 'a number of hours'),
    ledgerSigningKeyFile: env.LEDGER_SIGNING_KEY_FILE?.trim() ? resolve(env.LEDGER_SIGNING_KEY_FILE.trim()) : undefined,
    ledgerOrigin: ledgerOrigin(env.LEDGER_ORIGIN, problems),
    ledgerCheckpointIntervalMs: integer('LEDGER_CHECKPOINT_INTERVAL_MS', 1000, 100, 3_600_000, 'a duration in milliseconds'),
    rateLimitPerMinute: integer('RATE_LIMIT_PER_MINUTE', 600, 1, 100_000_000, 'a number of requests'),
    rateLimitAnonymousPerMinute: integer('RATE_LIMIT_ANONYMOUS_PER_MINUTE', 30, 1, 100_000_000, 'a number of requests'),
    rateLimitFailedAuthPerMinute: integer('RATE_LIMIT_FAILED_AUTH_PER_MINUTE', 20, 1, 100_000_000, 'a number of requests'),
  };
  if (config.metricsPort !== undefined && config.metricsPort !== 0 && config.metricsPort === config.port) {
    problems.push(`METRICS_PORT=${config.metricsPort} is PORT too: metrics get a port of their own`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

type Integer = (name: string, fallback: number, min: number, max: number, what: string) => number;

/** Shares are set in whole percent, as the targets are stated; the report compares fractions. */
function supportTargets(integer: Integer): SupportTargets {
  const percent = (name: string, share: number) => integer(name, Math.round(share * 100), 0, 100, 'a percentage') / 100;
  const defaults = DEFAULT_SUPPORT_TARGETS;
  return {
    firstResponseSeconds: integer('SUPPORT_TARGET_FIRST_RESPONSE_SECONDS', defaults.firstResponseSeconds, 1, 31_536_000, 'a number of seconds'),
    resolutionSeconds: integer('SUPPORT_TARGET_RESOLUTION_SECONDS', defaults.resolutionSeconds, 1, 31_536_000, 'a number of seconds'),
    excellentShare: percent('SUPPORT_TARGET_EXCELLENT_PERCENT', defaults.excellentShare),
    contactsPerDay: integer('SUPPORT_TARGET_CONTACTS_PER_DAY', defaults.contactsPerDay, 0, 100_000_000, 'a number of contacts'),
    repeatContactShare: percent('SUPPORT_TARGET_REPEAT_PERCENT', defaults.repeatContactShare),
    closedShare: percent('SUPPORT_TARGET_CLOSED_PERCENT', defaults.closedShare),
    escalationShare: percent('SUPPORT_TARGET_ESCALATION_PERCENT', defaults.escalationShare),
  };
}

const EVENTSTORE_URL = /^(esdb|kurrentdb)(\+discover)?:\/\/\S+$/;
/** Letters and digits only: no dash, so that EventStoreDB's categories stay `<namespace>.<category>`. */
const EVENTSTORE_NAMESPACE = /^[A-Za-z0-9]{1,64}$/;
const MONGODB_URL = /^mongodb(\+srv)?:\/\/\S+$/;

type Choice = <T extends string>(name: string, allowed: readonly T[], fallback: T) => T;

/**
 * A server URL alone selects its store; without one the embedded SQLite file serves. The URLs
 * themselves are never echoed: they may carry credentials.
 */
function storeSelection(env: NodeJS.ProcessEnv, choice: Choice, problems: string[]) {
  const eventStoreUrl = env.EVENTSTORE_URL?.trim() || undefined;
  const eventStoreNamespace = env.EVENTSTORE_NAMESPACE?.trim() || undefined;
  const mongodbUrl = env.MONGODB_URL?.trim() || undefined;
  const eventStore = choice<EventStoreKind>('EVENT_STORE', ['sqlite', 'esdb'], eventStoreUrl ? 'esdb' : 'sqlite');
  const readStore = choice<ReadStoreKind>('READ_STORE', ['sqlite', 'mongo'], mongodbUrl ? 'mongo' : 'sqlite');
  if (eventStore === 'esdb') {
    if (!eventStoreUrl) problems.push('EVENT_STORE=esdb needs EVENTSTORE_URL (e.g. esdb://localhost:2113?tls=false)');
    else if (!EVENTSTORE_URL.test(eventStoreUrl)) problems.push('EVENTSTORE_URL is not an esdb:// or kurrentdb:// connection string');
  }
  if (eventStoreNamespace !== undefined && !EVENTSTORE_NAMESPACE.test(eventStoreNamespace)) {
    problems.push(`EVENTSTORE_NAMESPACE=${eventStoreNamespace} is not 1 to 64 letters and digits`);
  } else if (eventStoreNamespace !== undefined && eventStore !== 'esdb') {
    problems.push('EVENTSTORE_NAMESPACE applies to EventStoreDB only: set EVENTSTORE_URL too');
  }
  if (readStore === 'mongo') {
    if (!mongodbUrl) problems.push('READ_STORE=mongo needs MONGODB_URL (e.g. mongodb://localhost:27017/quality-ledger?replicaSet=rs0)');
    else if (!MONGODB_URL.test(mongodbUrl)) problems.push('MONGODB_URL is not a mongodb:// or mongodb+srv:// connection string');
  }
  return { eventStore, eventStoreUrl, eventStoreNamespace, readStore, mongodbUrl };
}

/**
 * A server URL as logs may show it: scheme, hosts and path. Credentials and the options after `?`
 * (which may carry secrets too) are left out.
 */
export function loggableUrl(url: string): string {
  const parts = /^([a-z][a-z0-9+.-]*:\/\/)(?:[^/?#]*@)?([^/?#]*)([^?#]*)/i.exec(url);
  return parts === null ? '(a URL that is not well-formed)' : `${parts[1]}${parts[2]}${parts[3]}`;
}

/** A checkpoint's first line and the signing key's name (C2SP): no spaces, no plus, as `example.com/log` is. */
function ledgerOrigin(raw: string | undefined, problems: string[]): string | undefined {
  const origin = raw?.trim();
  if (origin === undefined || origin === '') return undefined;
  if (!/^[\x21-\x2a\x2c-\x7e]{1,200}$/.test(origin)) problems.push(`LEDGER_ORIGIN=${origin} must be 1 to 200 printable ASCII characters without spaces or +`);
  return origin;
}

/** A key fixed by configuration. The key itself never appears in a problem: configuration errors end up in logs. */
function fixedKey(name: string, raw: string | undefined, problems: string[]): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < MIN_FIXED_KEY_LENGTH) {
    problems.push(`${name} is too short: it needs at least ${MIN_FIXED_KEY_LENGTH} characters`);
  } else if (!/^[\x21-\x7e]+$/.test(raw)) {
    problems.push(`${name} may only hold printable ASCII characters without spaces`);
  }
  return raw;
}
