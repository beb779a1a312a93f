import { KnownHead } from './known-head.js';

describe('KnownHead', () => {
  it('knows nothing at first: every backward read goes on', () => {
    expect(new KnownHead().below(0n)).toBeUndefined();
  });

  it('answers with the head for a read that reached the floor, and knows nothing above it', () => {
    const known = new KnownHead();
    known.learn(900n, 400n);

    expect(known.below(900n)).toEqual({ head: 400n });
    expect(known.below(500n)).toEqual({ head: 400n });
    expect(known.below(901n)).toBeUndefined();
  });

  it('remembers that there is no own event up to the floor', () => {
    const known = new KnownHead();
    known.learn(900n, undefined);

    expect(known.below(120n)).toEqual({ head: undefined });
  });

  it('takes an own event it sees as the head up to its position', () => {
    const known = new KnownHead();
    known.learn(900n, undefined);
    known.saw(1200n);

    expect(known.below(1100n)).toEqual({ head: 1200n });
  });

  it('keeps the higher floor: what it learned from a later read is never replaced by an earlier one', () => {
    const known = new KnownHead();
    known.learn(900n, 700n);
    known.learn(800n, undefined);
    known.saw(600n);

    expect(known.below(900n)).toEqual({ head: 700n });
  });
});
