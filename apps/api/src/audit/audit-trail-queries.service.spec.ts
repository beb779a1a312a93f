import { ValidationError } from '#kernel';
import { trailFilter } from './audit-trail-queries.service.js';
import { checkTimeRanges, type AuditFilterQuery } from './audit.dto.js';

const query = (fields: Partial<AuditFilterQuery>) => fields as AuditFilterQuery;

describe('trailFilter', () => {
  it('filters nothing without filters', () => {
    expect(trailFilter(query({}))).toEqual({});
  });

  it('turns every filter into a condition on the trail entry, all of them to hold', () => {
    expect(
      trailFilter(
        query({
          stream: 'careCase-case-1',
          category: ['careCase', 'inspection'],
          entityId: 'case-1',
          actor: 'apiKey:key-7',
          type: ['RefundIssued'],
          occurredFrom: '2026-03-02T12:00:00+03:00',
          occurredTo: '2026-03-09T00:00:00Z',
          recordedTo: '2026-03-10T00:00:00.5Z',
        }),
      ),
    ).toEqual({
      streamId: 'careCase-case-1',
      category: { $in: ['careCase', 'inspection'] },
      entityId: 'case-1',
      actorId: 'apiKey:key-7',
      type: { $in: ['RefundIssued'] },
      occurredAt: { $gte: '2026-03-02T09:00:00.000Z', $lt: '2026-03-09T00:00:00.000Z' },
      recordedAt: { $lt: '2026-03-10T00:00:00.500Z' },
    });
  });

  it('bounds a time range on one side only when only one side is given', () => {
    expect(trailFilter(query({ recordedFrom: '2026-03-02T00:00:00Z' }))).toEqual({ recordedAt: { $gte: '2026-03-02T00:00:00.000Z' } });
  });
});

describe('checkTimeRanges', () => {
  it('accepts ranges that hold an instant, in any offsets', () => {
    expect(() => checkTimeRanges(query({ occurredFrom: '2026-03-02T02:59:59+03:00', occurredTo: '2026-03-02T00:00:00Z' }))).not.toThrow();
    expect(() => checkTimeRanges(query({ recordedTo: '2026-03-02T00:00:00Z' }))).not.toThrow();
  });

  it.each([
    [{ occurredFrom: '2026-03-02T03:00:00+03:00', occurredTo: '2026-03-02T00:00:00Z' }, 'occurredTo'],
    [{ recordedFrom: '2026-03-03T00:00:00Z', recordedTo: '2026-03-02T00:00:00Z' }, 'recordedTo'],
  ])('refuses %j, naming %s', (fields, field) => {
    let thrown: unknown;
    try {
      checkTimeRanges(query(fields));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).errors).toEqual([expect.objectContaining({ field })]);
  });
});
