import type { Position } from './events.js';

/**
 * The callers waiting for a runner's checkpoint to reach a position, each for a bounded time: what
 * read-your-writes and the tests wait on.
 */
export class PositionWaiters {
  private waiters: { position: Position; resolve: (reached: boolean) => void }[] = [];

  /** Resolves true once `settle` sees a checkpoint at or past `position`, false after `timeoutMs` or when the runner stops. */
  wait(position: Position, checkpoint: Position | undefined, timeoutMs: number): Promise<boolean> {
    if (checkpoint !== undefined && checkpoint >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        position,
        resolve: (reached: boolean) => {
          clearTimeout(timer);
          resolve(reached);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Answers the callers the checkpoint has reached, and every caller once the runner has stopped. */
  settle(checkpoint: Position | undefined, stopped: boolean): void {
    this.waiters = this.waiters.filter((waiter) => {
      const reached = checkpoint !== undefined && checkpoint >= waiter.position;
      if (reached || stopped) waiter.resolve(reached);
      return !(reached || stopped);
    });
  }
}

/** Waits `milliseconds`, or less when `signal` aborts meanwhile. */
export function sleepUnlessAborted(milliseconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, milliseconds);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
