import { ValidationError } from '#kernel';
import { addDays, dayOf, isoWeekMonday, isoWeekStart, lastDayOfQuarter, requireDay, startOfDay } from './days.js';

describe('calendar days', () => {
  it('accepts a day that exists, leap days included', () => {
    expect(requireDay('2026-03-31', 'dueOn')).toBe('2026-03-31');
    expect(requireDay('2028-02-29', 'dueOn')).toBe('2028-02-29');
  });

  it.each(['2026-02-29', '2026-04-31', '2026-13-01', '2026-3-1', '2026-03-01T00:00:00Z', 20260301])('refuses %s, naming the field', (value) => {
    expect(() => requireDay(value, 'dueOn')).toThrow(expect.objectContaining({ constructor: ValidationError, errors: [{ field: 'dueOn', message: expect.any(String) }] }));
  });

  it('takes the UTC day of an instant, counts days across months and years, and starts a day at midnight UTC', () => {
    expect(dayOf('2026-03-01T23:59:59.999Z')).toBe('2026-03-01');
    expect(addDays('2026-03-02', 30)).toBe('2026-04-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(startOfDay('2026-03-31')).toBe('2026-03-31T00:00:00.000Z');
  });

  it('starts an ISO week on its Monday, across months, years and the epoch', () => {
    const days = Array.from({ length: 21 }, (_, index) => addDays('2026-12-24', index));
    const mondays = days.map(isoWeekMonday);
    expect(new Set(mondays)).toEqual(new Set(['2026-12-21', '2026-12-28', '2027-01-04', '2027-01-11']));
    for (const [index, day] of days.entries()) {
      expect(new Date(startOfDay(mondays[index]!)).getUTCDay()).toBe(1);
      expect(mondays[index]! <= day && day < addDays(mondays[index]!, 7)).toBe(true);
    }
    expect(isoWeekStart(0)).toBe(-3);
    expect(isoWeekStart(-4)).toBe(-10);
    expect(isoWeekStart(4)).toBe(4);
  });

  it.each([
    ['2026-01-01', '2026-03-31'],
    ['2026-03-31', '2026-03-31'],
    ['2026-04-01', '2026-06-30'],
    ['2026-08-15', '2026-09-30'],
    ['2026-12-31', '2026-12-31'],
  ])('ends the quarter of %s on %s', (day, last) => {
    expect(lastDayOfQuarter(day)).toBe(last);
  });
});
