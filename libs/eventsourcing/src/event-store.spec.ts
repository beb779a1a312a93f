import { matchesExpected } from './event-store.js';

describe('matchesExpected', () => {
  it.each([
    ['any', -1, true],
    ['any', 3, true],
    ['no_stream', -1, true],
    ['no_stream', 0, false],
    ['exists', -1, false],
    ['exists', 0, true],
    [2, 2, true],
    [2, 1, false],
    [0, -1, false],
  ] as const)('checks %p against current revision %p: %p', (expected, current, matches) => {
    expect(matchesExpected(expected, current)).toBe(matches);
  });
});
