import { statSync } from 'node:fs';

/* The README is a newcomer's first page: what the project is and how to run it. Depth goes to docs/. */
const README_LIMIT_BYTES = 20 * 1024;

describe('the README', () => {
  it('stays under 20 KB', () => {
    expect(statSync('README.md').size).toBeLessThan(README_LIMIT_BYTES);
  });
});
