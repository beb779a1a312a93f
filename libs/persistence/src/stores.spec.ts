import { connectWithRetry, type RetryTime } from './connect.js';

function failingTimes(failures: number) {
  const calls = { count: 0 };
  const connect = async () => {
    calls.count += 1;
    if (calls.count <= failures) throw new Error('connection refused');
    return 'connected';
  };
  return { calls, connect };
}

/** Simulated time: sleeping moves the clock at once, so a minute of retries takes no real time. */
function simulatedTime(): RetryTime & { advance(milliseconds: number): void } {
  let now = 0;
  return {
    now: () => now,
    sleep: async (milliseconds) => {
      now += milliseconds;
    },
    advance: (milliseconds) => {
      now += milliseconds;
    },
  };
}

describe('connectWithRetry', () => {
  it('retries a store that does not answer yet, saying so each time', async () => {
    const { calls, connect } = failingTimes(2);
    const logged: string[] = [];

    const result = await connectWithRetry('the read store', connect, { firstDelayMs: 1, log: (message) => logged.push(message) });

    expect(result).toBe('connected');
    expect(calls.count).toBe(3);
    expect(logged).toEqual([
      'the read store does not answer (attempt 1): connection refused; retrying in 1 ms',
      'the read store does not answer (attempt 2): connection refused; retrying in 2 ms',
    ]);
  });

  it('gives up past its bound with a message naming the store', async () => {
    const { connect } = failingTimes(Infinity);

    await expect(connectWithRetry('the read store', connect, { giveUpAfterMs: 0, log: () => undefined })).rejects.toThrow(
      'the read store did not answer after 1 attempts in 0 s, giving up: connection refused',
    );
  });

  it('backs off exponentially up to 10 s between attempts of 3 s each, and starts none past the minute', async () => {
    const time = simulatedTime();
    const startedAt: number[] = [];
    const probe = async () => {
      startedAt.push(time.now());
      time.advance(3000);
      throw new Error('server selection timed out after 3000 ms');
    };

    const failure = await connectWithRetry('the MongoDB read store at mongodb://mongo:27017/ql', probe, { log: () => undefined, time }).catch(
      (error: unknown) => error as Error,
    );

    // Each attempt waits 3 s, then 1, 2, 4, 8, 10, 10 s pass before the next; after the 7th (56 s), 10 s more would pass the minute.
    expect(startedAt).toEqual([0, 4_000, 9_000, 16_000, 27_000, 40_000, 53_000]);
    expect(failure.message).toBe(
      'the MongoDB read store at mongodb://mongo:27017/ql did not answer after 7 attempts in 56 s, giving up: ' +
        'server selection timed out after 3000 ms',
    );
  });
});
