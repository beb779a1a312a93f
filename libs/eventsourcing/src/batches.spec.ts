import { inBatches } from './batches.js';

async function collect<T>(source: AsyncIterable<T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const batch of source) out.push(batch);
  return out;
}

async function* ready(count: number) {
  for (let i = 0; i < count; i++) yield i;
}

describe('inBatches', () => {
  it('fills batches up to the maximum with what is available at once', async () => {
    const batches = await collect(inBatches(ready(7), 3));
    expect(batches).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
  });

  it('hands out what it has instead of waiting for a slow source', async () => {
    async function* slow() {
      yield 1;
      yield 2;
      await new Promise((resolve) => setTimeout(resolve, 30));
      yield 3;
    }
    const batches = await collect(inBatches(slow(), 10));
    expect(batches).toEqual([[1, 2], [3]]);
  });

  it('yields nothing for an empty source', async () => {
    expect(await collect(inBatches(ready(0), 5))).toEqual([]);
  });

  it('lets the event loop turn between batches of a source that never waits', async () => {
    let turns = 0;
    const tick = () => {
      turns += 1;
      if (turns < 1_000) setImmediate(tick);
    };
    setImmediate(tick);
    const turnsSeen: number[] = [];
    for await (const _batch of inBatches(ready(1_000), 100)) turnsSeen.push(turns);
    expect(turnsSeen[turnsSeen.length - 1]).toBeGreaterThan(turnsSeen[0]!);
  });
});
