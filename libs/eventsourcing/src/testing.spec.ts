import { tally, type TallyCommand, type TallyEvent, type TallyState } from '../../../test/support/tally.decider.js';
import { DomainRuleError, NotFoundError } from './errors.js';
import { decidedHistory, deciderSpec, projectionSpec, recorded } from './testing.js';
import type { Projection } from './projection.js';

const { given } = deciderSpec(tally);
const opened: TallyEvent = { type: 'TallyOpened', data: { tallyId: 't1', name: 'refunds' } };

describe('deciderSpec', () => {
  it('passes when the decider emits the expected events', () => {
    given([opened])
      .when({ type: 'CountUp', tallyId: 't1', by: 2 })
      .then([{ type: 'CountedUp', data: { tallyId: 't1', by: 2, total: 2 } }]);
  });

  it('fails when the events differ', () => {
    expect(() =>
      given([opened])
        .when({ type: 'CountUp', tallyId: 't1', by: 2 })
        .then([{ type: 'CountedUp', data: { tallyId: 't1', by: 2, total: 3 } }]),
    ).toThrow();
  });

  it('checks the error class and rule of a rejected command', () => {
    given([]).when({ type: 'CountUp', tallyId: 't1', by: 1 }).thenThrows(NotFoundError);
    given([opened, { type: 'TallyClosed', data: { tallyId: 't1', total: 0 } }])
      .when({ type: 'CountUp', tallyId: 't1', by: 1 })
      .thenThrows(DomainRuleError, 'TALLY_CLOSED');
  });

  it('fails when a command expected to be rejected is accepted, or rejected otherwise', () => {
    expect(() => given([opened]).when({ type: 'CountUp', tallyId: 't1', by: 1 }).thenThrows(DomainRuleError)).toThrow(
      /was accepted/,
    );
    expect(() => given([]).when({ type: 'CountUp', tallyId: 't1', by: 1 }).thenThrows(DomainRuleError)).toThrow(
      /expected DomainRuleError, got NotFoundError/,
    );
    expect(() =>
      given([opened, opened]).when({ type: 'OpenTally', tallyId: 't1', name: 'x' }).thenThrows(DomainRuleError, 'OTHER'),
    ).toThrow();
  });

  it('checks the fields bad input names, and fails for other fields, another error or an accepted command', () => {
    given([opened]).when({ type: 'CountUp', tallyId: 't1', by: 0 }).thenRejects(['by']);
    expect(() => given([opened]).when({ type: 'CountUp', tallyId: 't1', by: 0 }).thenRejects(['tallyId'])).toThrow();
    expect(() => given([]).when({ type: 'CountUp', tallyId: 't1', by: 0 }).thenRejects(['by'])).toThrow(/got NotFoundError/);
    expect(() => given([opened]).when({ type: 'CountUp', tallyId: 't1', by: 1 }).thenRejects(['by'])).toThrow(/was accepted/);
  });
});

describe('projectionSpec', () => {
  const totals: Projection<{ total: number }> = {
    name: 'totals',
    version: 1,
    handles: ['CountedUp', 'TallyClosed'],
    documentId: (event) => (event.data as { tallyId: string }).tallyId,
    evolve: (doc, event) =>
      event.type === 'TallyClosed' ? null : { total: (doc?.total ?? 0) + (event.data as { by: number }).by },
    facts: (event, { before, after }) =>
      event.type === 'CountedUp'
        ? [{ metric: 'counted', occurredAt: event.metadata.occurredAt, dims: {}, measures: { by: (after?.total ?? 0) - (before?.total ?? 0) } }]
        : [],
  };

  it('folds documents, skips unhandled types, deletes on null and collects facts', () => {
    const spec = projectionSpec(totals).given([
      recorded({ type: 'TallyOpened', data: { tallyId: 'a' } }),
      recorded({ type: 'CountedUp', data: { tallyId: 'a', by: 2 } }),
      recorded({ type: 'CountedUp', data: { tallyId: 'b', by: 5 } }),
      recorded({ type: 'CountedUp', data: { tallyId: 'a', by: 1 } }),
      recorded({ type: 'TallyClosed', data: { tallyId: 'b' } }),
    ]);
    spec.thenDocuments({ a: { total: 3 } }).thenDocument('b', null);
    expect(spec.facts.map((fact) => fact.measures.by)).toEqual([2, 5, 1]);
    expect(() => spec.thenDocument('a', { total: 4 })).toThrow();
  });
});

describe('decidedHistory', () => {
  type DatedTallyCommand = TallyCommand & { readonly at: string };
  const history = decidedHistory<DatedTallyCommand, TallyEvent, TallyState>(
    tally,
    { streamOf: (command) => `tally-${command.tallyId}`, roles: ['auditor'] },
    [
      ['ann', { type: 'OpenTally', tallyId: 't1', name: 'refunds', at: '2026-01-05T09:00:00.000Z' }],
      ['bob', { type: 'OpenTally', tallyId: 't2', name: 'saves', at: '2026-01-06T09:00:00.000Z' }],
      ['ann', { type: 'CountUp', tallyId: 't1', by: 2, at: '2026-01-07T09:00:00.000Z' }],
    ],
  );

  it('records what the decider appends, each event in the stream its command addresses, on the state of that stream', () => {
    expect(history.map(({ type, data, streamId, revision, position }) => ({ type, data, streamId, revision, position }))).toEqual([
      { type: 'TallyOpened', data: { tallyId: 't1', name: 'refunds' }, streamId: 'tally-t1', revision: 0, position: 1n },
      { type: 'TallyOpened', data: { tallyId: 't2', name: 'saves' }, streamId: 'tally-t2', revision: 0, position: 2n },
      { type: 'CountedUp', data: { tallyId: 't1', by: 2, total: 2 }, streamId: 'tally-t1', revision: 1, position: 3n },
    ]);
  });

  it("dates each event by its command and names the step's actor", () => {
    expect(history.map(({ metadata }) => [metadata.occurredAt, metadata.actor])).toEqual([
      ['2026-01-05T09:00:00.000Z', { id: 'ann', roles: ['auditor'] }],
      ['2026-01-06T09:00:00.000Z', { id: 'bob', roles: ['auditor'] }],
      ['2026-01-07T09:00:00.000Z', { id: 'ann', roles: ['auditor'] }],
    ]);
  });
});
