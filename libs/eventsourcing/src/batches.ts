const IDLE = Symbol('idle');

function nextMacrotask(): Promise<typeof IDLE> {
  return new Promise((resolve) => setImmediate(() => resolve(IDLE)));
}

/**
 * Groups an async iterable into arrays of at most `maxSize`: a batch holds whatever is available
 * without waiting, so catch-up runs in full batches and live events go out one by one at once.
 * End a source that may wait forever through its abort signal, not by breaking out of this loop.
 *
 * Each batch ends with one turn of the event loop, even when the source never waits: that bounds
 * what the idle probe holds on to, and lets timers and I/O run during a long catch-up.
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
      const idle = nextMacrotask();
      while (batch.length < maxSize) {
        pending = iterator.next();
        const next = await Promise.race([pending, idle]);
        if (next === IDLE) break;
        pending = undefined;
        if (next.done) {
          finished = true;
          break;
        }
        batch.push(next.value);
      }
      yield batch;
      await idle;
    }
  } finally {
    if (!pending) await iterator.return?.();
  }
}
