import { nestsDeeperThan } from './request-limits.js';

describe('nestsDeeperThan', () => {
  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  it('counts arrays and objects, each level once', () => {
    expect(nestsDeeperThan(nested(3), 3)).toBe(false);
    expect(nestsDeeperThan(nested(4), 3)).toBe(true);
    expect(nestsDeeperThan('{"a":{"b":[1,{"c":2}]}}', 4)).toBe(false);
    expect(nestsDeeperThan('{"a":{"b":[1,{"c":2}]}}', 3)).toBe(true);
  });

  it('counts the depth at each place, not the brackets in all', () => {
    expect(nestsDeeperThan(Array.from({ length: 1000 }, () => nested(2)).join(','), 3)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes and backslashes included', () => {
    expect(nestsDeeperThan(JSON.stringify({ text: '[[[[{{{{' }), 2)).toBe(false);
    expect(nestsDeeperThan(JSON.stringify({ text: 'a quote " then [[[[' }), 2)).toBe(false);
    expect(nestsDeeperThan(JSON.stringify({ text: 'a backslash \\' , deeper: [[[]]] }), 2)).toBe(true);
  });

  it('stops at the first level too deep, whatever follows', () => {
    expect(nestsDeeperThan(`${'['.repeat(5)}not json at all`, 4)).toBe(true);
  });
});
