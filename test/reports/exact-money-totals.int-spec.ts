import fc from 'fast-check';
import { ProjectionRunner, type EventToAppend, type RecordedEvent } from '#kernel';
import { decidedHistory } from '#kernel/testing.js';
import { careCaseDecider, type CareCaseCommand } from '#domain/care/index.js';
import { maxMinorUnits, type Money } from '#domain/shared/money.js';
import { careCases } from '#projections/care/care-cases.projection.js';
import { refundRetentionQuery, refundRetentionReport } from '#projections/care/refund-retention.report.js';
import { openTempStores, type TempStores } from '../support/temp-stores.js';

/**
 * Money totals through the live path: commands decided (and so capped) by the care decider, events in
 * the embedded log, the care projection run over them, and the refund-retention report over its facts.
 * Amounts near the cap of a four-decimal currency pass 2^53 within a thousand events; the expected
 * totals are summed here in BigInt from the very amounts the commands carried.
 */
const CASES_PER_CURRENCY = 1_100;

function nearCap(currency: string, seed: number): Money[] {
  const cap = maxMinorUnits(currency);
  return fc.sample(fc.integer({ min: Math.floor(cap * 0.9), max: cap }), { numRuns: CASES_PER_CURRENCY, seed }).map((minor) => ({ minor, currency }));
}

function totalOf(amounts: readonly Money[]): bigint {
  return amounts.reduce((sum, amount) => sum + BigInt(amount.minor), 0n);
}

/** Cases opened and closed as the care desk would: refunded, or retained, with one amount each. */
function closedCases(prefix: string, amounts: readonly Money[], outcome: 'refund' | 'retain', dayOf: (i: number) => string): CareCaseCommand[] {
  return amounts.flatMap((amount, i): CareCaseCommand[] => {
    const caseId = `${prefix}-${i}`;
    const at = `${dayOf(i)}T10:00:00.000Z`;
    const open: CareCaseCommand = { type: 'OpenCareCase', caseId, clientId: `client-${i}`, productId: 'course-sales', kind: 'refund-request', at };
    const closed: CareCaseCommand =
      outcome === 'refund'
        ? { type: 'IssueRefund', caseId, amount, full: true, reason: 'The course did not help', at }
        : { type: 'RetainClient', caseId, method: 'discount', retained: amount, at };
    return [open, closed];
  });
}

async function appendByStream(stores: TempStores, history: readonly RecordedEvent[]): Promise<void> {
  const streams = new Map<string, EventToAppend[]>();
  for (const { streamId, eventId, type, data, metadata } of history) {
    const { recordedAt: _recordedAt, ...toAppend } = metadata;
    streams.set(streamId, [...(streams.get(streamId) ?? []), { eventId, type, data, metadata: toAppend }]);
  }
  for (const [streamId, events] of streams) await stores.events.append(streamId, events, 'no_stream');
}

describe('exact money totals, from capped commands to the refund-retention report', () => {
  let stores: TempStores;
  const refundsClf = nearCap('CLF', 1);
  const retainedUyw = nearCap('UYW', 2);
  /** What releases before the cap accepted: RUB refunds of 2^53 - 1 kopecks, far above today's cap. */
  const legacyRub = [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER].map((minor) => ({ minor, currency: 'RUB' }));

  beforeAll(async () => {
    stores = openTempStores();
    const commands = [
      // Every CLF refund on one day: one series of the read store holds them all.
      ...closedCases('clf', refundsClf, 'refund', () => '2026-03-02'),
      // The UYW retentions over ten days: series summed with each other.
      ...closedCases('uyw', retainedUyw, 'retain', (i) => `2026-03-${String(10 + (i % 10)).padStart(2, '0')}`),
    ];
    const decided = decidedHistory(careCaseDecider(), { streamOf: (command) => `careCase-${command.caseId}`, roles: ['care-agent'] }, [
      ...commands,
      ...closedCases('legacy', legacyRub.map(() => ({ minor: 1, currency: 'RUB' })), 'refund', () => '2025-12-01'),
    ].map((command) => ['agent-1', command] as const));
    // The decider refuses such amounts now, so the legacy events are decided small and stored as recorded then.
    const history = decided.map((event) =>
      event.streamId.startsWith('careCase-legacy-') && event.type === 'RefundIssued'
        ? { ...event, data: { ...(event.data as object), amount: legacyRub[Number(event.streamId.split('-').at(-1))] } }
        : event,
    );
    await appendByStream(stores, history);
    await new ProjectionRunner({ projection: careCases, events: stores.events, reads: stores.reads }).rebuild();
  });

  afterAll(async () => {
    await stores.cleanup();
  });

  it('still projects refunds recorded above the cap before it existed, and sums them exactly', async () => {
    const [row] = refundRetentionReport(await stores.reads.aggregateFacts(refundRetentionQuery({ to: '2026-01-01' })));
    expect(row?.refunds).toEqual({ count: legacyRub.length, amount: { RUB: totalOf(legacyRub).toString() } });
  });

  it('passes 2^53 with amounts every one of which is within its cap', () => {
    expect(totalOf(refundsClf)).toBeGreaterThan(2n ** 53n);
    expect(totalOf(retainedUyw)).toBeGreaterThan(2n ** 53n);
    expect(refundsClf.every(({ minor }) => minor <= maxMinorUnits('CLF'))).toBe(true);
  });

  it('reports every total to the last minor unit, as decimal strings', async () => {
    const rows = refundRetentionReport(await stores.reads.aggregateFacts(refundRetentionQuery({})));
    expect(rows).toEqual([
      expect.objectContaining({
        refunds: { count: CASES_PER_CURRENCY + legacyRub.length, amount: { CLF: totalOf(refundsClf).toString(), RUB: totalOf(legacyRub).toString() } },
        retained: { count: CASES_PER_CURRENCY, amount: { UYW: totalOf(retainedUyw).toString() } },
      }),
    ]);
  });

  it('reports the totals of each day and as of a past position just as exactly', async () => {
    const byDay = refundRetentionReport(await stores.reads.aggregateFacts(refundRetentionQuery({ groupBy: 'day', from: '2026-01-01' })));
    expect(byDay[0]).toMatchObject({ group: { period: '2026-03-02' }, refunds: { amount: { CLF: totalOf(refundsClf).toString() } } });
    const firstUywDay = retainedUyw.filter((_, i) => i % 10 === 0);
    expect(byDay[1]).toMatchObject({ group: { period: '2026-03-10' }, retained: { amount: { UYW: totalOf(firstUywDay).toString() } } });

    // Each CLF case is two events, opened then refunded: position 2k holds the k-th refund.
    const half = CASES_PER_CURRENCY / 2;
    const [asOfHalf] = refundRetentionReport(await stores.reads.aggregateFacts(refundRetentionQuery({ asOf: BigInt(2 * half) })));
    expect(asOfHalf?.refunds.amount).toEqual({ CLF: totalOf(refundsClf.slice(0, half)).toString() });
  });
});
