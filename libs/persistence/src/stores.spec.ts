import { connectWithRetry } from './stores.js';

function failingTimes(failures: number) {
  const calls = { count: 0 };
  const connect = async () => {
    calls.count += 1;
    if (calls.count <= failures) throw new Error('connection refused');
    return 'connected';
  };
  return { calls, connect };
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
      'the read store did not answer after 1 attempts, giving up: connection refused',
    );
  });
});
