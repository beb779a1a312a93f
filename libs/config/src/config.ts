import { resolve } from 'node:path';

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
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

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

  const rawPort = env.PORT?.trim() || '3000';
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`PORT=${rawPort} is not a port number (0-65535)`);
  }

  const config: AppConfig = {
    port,
    dataDir: resolve(env.DATA_DIR?.trim() || './data'),
    eventStore: choice('EVENT_STORE', ['sqlite'], 'sqlite'),
    readStore: choice('READ_STORE', ['sqlite'], 'sqlite'),
    projections: choice('PROJECTIONS', ['inline', 'off'], 'inline'),
    durable: choice('DURABLE_COMMIT', ['true', 'false'], 'true') === 'true',
    logLevel: choice('LOG_LEVEL', LOG_LEVELS, 'info'),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
