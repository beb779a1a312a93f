import { readFileSync } from 'node:fs';
import { codeFiles } from './source-files.js';

/*
 * A read route declares the read model it serves (`@ReadModel`) and the read pipeline waits for it
 * (read-your-writes, `asOf`) through `ProjectionProgress`, which bounds every wait and answers 503 when
 * it runs out. Only the kernel's projection runner and its shared feed catch a projection up.
 */

const CODE_ROOTS = ['apps', 'libs', 'projections'];
const CATCHING_UP = /\bcatchUp\(/;

describe('the read pipeline', () => {
  it('leaves catching a projection up to the kernel: two files, both in libs/eventsourcing', () => {
    const catchingUp = CODE_ROOTS.flatMap((root) => codeFiles(root)).filter((file) => CATCHING_UP.test(readFileSync(file, 'utf8')));
    expect(catchingUp.sort()).toEqual(['libs/eventsourcing/src/projection-feed.ts', 'libs/eventsourcing/src/projection-runner.ts']);
  });
});
