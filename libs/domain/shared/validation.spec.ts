import { ValidationError } from '#kernel';
import { requireAudience } from './audience.js';
import { rejectRepeated, requireId, requireList, requireNumber, requireRecord, requireText, requireUtcInstant } from './validation.js';

function fieldErrors(check: () => unknown): readonly { field: string; message: string }[] {
  try {
    check();
  } catch (error) {
    if (error instanceof ValidationError) return error.errors;
    throw error;
  }
  return [];
}

describe('input validation', () => {
  describe('ids', () => {
    it.each(['0190c0de-7f3a-7000-8000-000000000001', 'course-sales', 'emp_7', 'crm:4711', 'a'.repeat(200)])('accepts %s', (id) => {
      expect(requireId(id, 'clientId')).toBe(id);
    });

    it.each<[string, unknown]>([
      ['an empty string', ''],
      ['a number', 42],
      ['201 characters', 'a'.repeat(201)],
      ['whitespace', 'client 42'],
      ['an e-mail address', 'ann@example.com'],
      ['a leading dash', '-42'],
      ['a path', '../etc'],
    ])('rejects %s', (_name, id) => {
      expect(fieldErrors(() => requireId(id, 'clientId'))).toEqual([{ field: 'clientId', message: expect.any(String) }]);
    });
  });

  describe('texts', () => {
    it('accepts text up to the limit and rejects blank or longer text', () => {
      expect(requireText('x'.repeat(10), 'reason', 10)).toBe('x'.repeat(10));
      expect(fieldErrors(() => requireText('x'.repeat(11), 'reason', 10))).toHaveLength(1);
      expect(fieldErrors(() => requireText(' \n', 'reason', 10))).toHaveLength(1);
    });
  });

  describe('UTC instants', () => {
    it('returns the canonical form', () => {
      expect(requireUtcInstant('2026-03-02T09:00:00Z', 'at')).toBe('2026-03-02T09:00:00.000Z');
      expect(requireUtcInstant('2026-03-02T09:00:00.5Z', 'at')).toBe('2026-03-02T09:00:00.500Z');
      expect(requireUtcInstant('2024-02-29T23:59:59.999Z', 'at')).toBe('2024-02-29T23:59:59.999Z');
    });

    it.each(['2026-03-02', '2026-03-02T09:00:00', '2026-03-02T12:00:00+03:00', '2025-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-03-02T24:00:00Z', 'yesterday'])(
      'rejects %s',
      (value) => {
        expect(fieldErrors(() => requireUtcInstant(value, 'at'))).toEqual([{ field: 'at', message: expect.any(String) }]);
      },
    );
  });

  describe('lists', () => {
    it('accepts a list within its bounds and names the field of any other', () => {
      expect(requireList([1, 2], 'criteria', 1, 2)).toEqual([1, 2]);
      expect(fieldErrors(() => requireList([], 'criteria', 1, 2))).toEqual([{ field: 'criteria', message: expect.any(String) }]);
      expect(fieldErrors(() => requireList([1, 2, 3], 'criteria', 1, 2))).toHaveLength(1);
      expect(fieldErrors(() => requireList({ 0: 1 }, 'criteria', 0, 2))).toHaveLength(1);
    });
  });

  describe('objects', () => {
    it('accepts a plain object and refuses null and lists, naming the shape when one is given', () => {
      expect(requireRecord({ kind: 'section', id: 'section-layout' }, 'owner')).toEqual({ kind: 'section', id: 'section-layout' });
      expect(fieldErrors(() => requireRecord(null, 'owner'))).toEqual([{ field: 'owner', message: 'must be an object' }]);
      expect(fieldErrors(() => requireRecord(['section', 'section-layout'], 'owner', '{ kind, id }'))).toEqual([
        { field: 'owner', message: 'must be an object { kind, id }' },
      ]);
    });
  });

  describe('numbers', () => {
    it('accepts a number within its bounds', () => {
      expect(requireNumber(1, 'passMark', { above: 0, atMost: 1 })).toBe(1);
      expect(requireNumber(0.5, 'weight', { above: 0 })).toBe(0.5);
      expect(requireNumber(3, 'version', { atLeast: 1, whole: true })).toBe(3);
    });

    it.each<[string, unknown, Parameters<typeof requireNumber>[2]]>([
      ['a string', '1', {}],
      ['not a number', Number.NaN, {}],
      ['infinity', Number.POSITIVE_INFINITY, {}],
      ['the exclusive lower bound', 0, { above: 0 }],
      ['less than the least', 0, { atLeast: 1 }],
      ['more than the most', 1.01, { atMost: 1 }],
      ['a fraction where a whole number is due', 1.5, { whole: true }],
    ])('rejects %s', (_name, value, bounds) => {
      expect(fieldErrors(() => requireNumber(value, 'weight', bounds))).toEqual([{ field: 'weight', message: expect.any(String) }]);
    });
  });
});

const LISTS = ['positionIds', 'sectionIds'] as const;
const NOBODY = 'names nobody';

describe('an audience', () => {
  it('reads a list left out as empty', () => {
    expect(requireAudience({ sectionIds: ['sales'] }, 'audience', LISTS, 2, NOBODY)).toEqual({ positionIds: [], sectionIds: ['sales'] });
  });

  it('names nobody when every list is empty', () => {
    expect(fieldErrors(() => requireAudience({ positionIds: [] }, 'audience', LISTS, 2, NOBODY))).toEqual([{ field: 'audience', message: NOBODY }]);
  });

  it.each<[string, unknown, string]>([
    ['no object', 'everyone', 'audience'],
    ['a list that is no list', { positionIds: 'line-1' }, 'audience.positionIds'],
    ['a list that is too long', { sectionIds: ['a', 'b', 'c'] }, 'audience.sectionIds'],
    ['an entry that is no id', { positionIds: ['line 1'] }, 'audience.positionIds.0'],
    ['an entry named twice', { sectionIds: ['sales', 'sales'] }, 'audience.sectionIds.1'],
  ])('rejects %s, naming the field', (_name, value, field) => {
    expect(fieldErrors(() => requireAudience(value, 'audience', LISTS, 2, NOBODY))).toEqual([{ field, message: expect.any(String) }]);
  });
});

describe('rejectRepeated', () => {
  const field = (index: number) => `statements.${index}.employeeId`;

  it('names the first entry that repeats an earlier one', () => {
    expect(fieldErrors(() => rejectRepeated(['a', 'b', 'c', 'b', 'a'], field))).toEqual([{ field: 'statements.3.employeeId', message: 'repeats b' }]);
  });

  it("says what repeats in the caller's words when given them", () => {
    expect(fieldErrors(() => rejectRepeated(['a', 'a'], field, 'repeats an employee of this month'))).toEqual([
      { field: 'statements.1.employeeId', message: 'repeats an employee of this month' },
    ]);
  });

  it('takes a list of distinct values, long or empty', () => {
    expect(fieldErrors(() => rejectRepeated(Array.from({ length: 10_000 }, (_, index) => `emp-${index}`), field))).toEqual([]);
    expect(fieldErrors(() => rejectRepeated([], field))).toEqual([]);
  });
});
