import fc from 'fast-check';
import { ValueCopy, type ValueRow } from './value-copy.js';

/** The cell totals of the facts at or below `end` by position, added up one fact at a time. */
function naiveTotals(rows: readonly ValueRow[], end: number, threshold: number) {
  const byPosition = [...rows].sort((a, b) => a.position - b.position).slice(0, end);
  const totals = new Map<string, [facts: number, count: number, sum: number, atMost: number]>();
  for (const row of byPosition) {
    const key = `${row.day}/${row.rest}`;
    const [facts, count, sum, atMost] = totals.get(key) ?? [0, 0, 0, 0];
    const value = Number(row.value);
    const weight = row.weight!;
    totals.set(key, [facts + 1, count + weight, sum + value * weight, atMost + (value <= threshold ? weight : 0)]);
  }
  return totals;
}

describe('ValueCopy', () => {
  it('keeps cell totals nearest to any number of facts by position, across blocks, late facts and facts in between', () => {
    const row = fc.record({
      value: fc.integer({ min: 0, max: 50 }).map(String),
      weight: fc.constantFrom(1, 1, 1, -1),
      day: fc.integer({ min: 20_000, max: 20_003 }),
      rest: fc.constantFrom('{}', '{"site":"PAR"}'),
    });
    fc.assert(
      fc.property(fc.array(fc.array(row, { minLength: 1, maxLength: 9 }), { minLength: 1, maxLength: 8 }), fc.boolean(), (batches, inBetween) => {
        const copy = new ValueCopy(4);
        const rows: ValueRow[] = [];
        let position = 0;
        batches.forEach((batch, index) => {
          // Now and then a batch lands between positions already taken, as from a second generation.
          const start = inBetween && index % 3 === 2 ? 0.5 : position;
          const added = batch.map((fields, i) => ({ ...fields, position: start + (start === 0.5 ? i / 100 : i + 1) }));
          if (start !== 0.5) position += batch.length;
          copy.takeIn(added);
          rows.push(...added);
          for (let known = 0; known <= copy.size; known++) {
            const kept = copy.nearestTotals(known, [25]);
            expect(Math.abs(kept.end - known)).toBeLessThanOrEqual(Math.max(2, copy.size - known));
            const naive = naiveTotals(rows, kept.end, 25);
            for (let cell = 0; cell < copy.cellDay.length; cell++) {
              const [facts, count, sum, atMost] = naive.get(`${copy.cellDay[cell]}/${JSON.stringify(copy.restDims[copy.cellRest[cell]!])}`) ?? [0, 0, 0, 0];
              expect([kept.facts[cell] ?? 0, kept.counts[cell] ?? 0, kept.sums[cell] ?? 0, kept.atMost[0]![cell] ?? 0]).toEqual([facts, count, sum, atMost]);
            }
          }
        });
      }),
      { numRuns: 60 },
    );
  });
});
