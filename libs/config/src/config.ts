import { resolve } from 'node:path';
import { DEFAULT_OBSERVATION_WINDOW_DAYS } from '#libs/domain/care/care-case.decider.js';

export type EventStoreKind = 'sqlite';
export type ReadStoreKind = 'sqlite';
export type ProjectionsMode = 'inline' | 'off';

export interface AppConfig {
  readonly port: number;
  readonly dataDir: string;
  readonly eventStore: EventStoreKind;
  readonly readStore: ReadStoreKind;
  readonly projections: ProjectionsMode;
  /** fsync every commit before acknowledging it. */
  readonly durable: boolean;
  readonly logLevel: string;
  /** A fixed admin API key that always works; never stored as an event. */
  readonly bootstrapAdminKey: string | undefined;
  /** Largest request body accepted, in bytes; a larger one gets 413. */
  readonly bodyLimit: number;
  /** How long a read waits for the projections to reach its `minPosition` before answering 503. */
  readonly readYourWritesTimeoutMs: number;
  /** Days after a retention during which a refund is still accepted, as a lost save. */
  readonly careObservationWindowDays: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
export const MIN_BOOTSTRAP_ADMIN_KEY_LENGTH = 24;
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
    eventStore: choice('EVENT_STORE', ['sqlite'], 'sqlite'),
    readStore: choice('READ_STORE', ['sqlite'], 'sqlite'),
    projections: choice('PROJECTIONS', ['inline', 'off'], 'inline'),
    durable: choice('DURABLE_COMMIT', ['true', 'false'], 'true') === 'true',
    logLevel: choice('LOG_LEVEL', LOG_LEVELS, 'info'),
    bootstrapAdminKey: bootstrapAdminKey(env.BOOTSTRAP_ADMIN_KEY, problems),
    bodyLimit: integer('BODY_LIMIT', MEBIBYTE, 1024, 100 * MEBIBYTE, 'a size in bytes'),
    readYourWritesTimeoutMs: integer('READ_YOUR_WRITES_TIMEOUT_MS', 5000, 1, 60_000, 'a duration in milliseconds'),
    careObservationWindowDays: integer('CARE_OBSERVATION_WINDOW_DAYS', DEFAULT_OBSERVATION_WINDOW_DAYS, 1, 3650, 'a number of days'),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** The key itself never appears in a problem: configuration errors end up in logs. */
function bootstrapAdminKey(raw: string | undefined, problems: string[]): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < MIN_BOOTSTRAP_ADMIN_KEY_LENGTH) {
    problems.push(`BOOTSTRAP_ADMIN_KEY is too short: it needs at least ${MIN_BOOTSTRAP_ADMIN_KEY_LENGTH} characters`);
  } else if (!/^[\x21-\x7e]+$/.test(raw)) {
    problems.push('BOOTSTRAP_ADMIN_KEY may only hold printable ASCII characters without spaces');
  }
  return raw;
}
