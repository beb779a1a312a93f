const IDLE = Symbol('idle');

/**
 * Settles at the next turn of the event loop, and then makes the race in progress end with `IDLE`.
 * It holds one race at a time: `Promise.race` against one shared idle promise would add a reaction
 * to that promise for every item of a batch, all of them run when the loop turns.
 */
class IdleProbe {
  reached = false;
  readonly turn: Promise<void>;
  private wake: ((value: typeof IDLE) => void) | undefined;

  constructor() {
    this.turn = new Promise((resolve) =>
      setImmediate(() => {
        this.reached = true;
        this.wake?.(IDLE);
        resolve();
      }),
    );
  }

  race<R>(next: Promise<R>): Promise<R | typeof IDLE> {
    return new Promise((resolve, reject) => {
      this.wake = resolve;
      next.then(resolve, reject);
    });
  }
}

/**
 * Groups an async iterable into arrays of at most `maxSize`: a batch holds whatever is available
 * without waiting, so catch-up runs in full batches and live events go out one by one at once.
 * End a source that may wait forever through its abort signal, not by breaking out of this loop.
 *
 * Each batch ends with one turn of the event loop, even when the source never waits: that lets
 * timers and I/O run during a long catch-up.
 */
export async function* inBatches<T>(source: AsyncIterable<T>, maxSize: number): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<T>> | undefined;
  let finished = false;
  try {
    while (!finished) {
      const first = await (pending ?? iterator.next());
      pending = undefined;
      if (first.done) return;
      const batch = [first.value];
      const idle = new IdleProbe();
      while (batch.length < maxSize && !idle.reached) {
        pending = iterator.next();
        const next = await idle.race(pending);
        if (next === IDLE) break;
        pending = undefined;
        if (next.done) {
          finished = true;
          break;
        }
        batch.push(next.value);
      }
      yield batch;
      await idle.turn;
    }
  } finally {
    if (!pending) await iterator.return?.();
  }
}
