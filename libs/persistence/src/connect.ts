import { Logger } from '@nestjs/common';

/** Connects to MongoDB with retries, reporting each failure in the log of the stores. */
export function connectToMongo<T>(what: string, connect: () => Promise<T>): Promise<T> {
  const logger = new Logger('Stores');
  return connectWithRetry(what, connect, { log: (message) => logger.warn(message) });
}

/** Time as the retries see it; tests pass a simulated one. */
export interface RetryTime {
  now(): number;
  sleep(milliseconds: number): Promise<void>;
}

const realTime: RetryTime = {
  now: () => Date.now(),
  sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)),
};

export interface ConnectRetryOptions {
  /** Give up once this long has passed since the first attempt; default 60 s. */
  readonly giveUpAfterMs?: number;
  /** Wait after the first failure; it doubles up to `maxDelayMs`. Default 1 s, up to 10 s. */
  readonly firstDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly log: (message: string) => void;
  readonly time?: RetryTime;
}

/**
 * Connects to a server that may still be starting (compose starts everything at once), saying so at
 * every failure, with exponential backoff. No attempt starts past the bound: then it fails with a
 * message naming the store, so that the process exits with it instead of restarting without a word.
 * `what` ends up in logs: it must carry no credentials.
 */
export async function connectWithRetry<T>(what: string, connect: () => Promise<T>, options: ConnectRetryOptions): Promise<T> {
  const time = options.time ?? realTime;
  const started = time.now();
  const giveUpAt = started + (options.giveUpAfterMs ?? 60_000);
  let delay = options.firstDelayMs ?? 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await connect();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (time.now() + delay > giveUpAt) {
        const seconds = Math.round((time.now() - started) / 1000);
        throw new Error(`${what} did not answer after ${attempt} attempts in ${seconds} s, giving up: ${reason}`, { cause: error });
      }
      options.log(`${what} does not answer (attempt ${attempt}): ${reason}; retrying in ${delay} ms`);
      await time.sleep(delay);
      delay = Math.min(delay * 2, options.maxDelayMs ?? 10_000);
    }
  }
}
