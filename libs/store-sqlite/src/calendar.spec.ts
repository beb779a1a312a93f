import { ValidationError } from '#kernel';
import { parseIsoTime } from './calendar.js';

describe('parseIsoTime', () => {
  it.each([
    ['2025-03-01', Date.UTC(2025, 2, 1)],
    ['2025-03-01T23:59:59.999Z', Date.UTC(2025, 2, 1, 23, 59, 59, 999)],
    ['2025-03-01T10:00+02:00', Date.UTC(2025, 2, 1, 8)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['2000-02-29', Date.UTC(2000, 1, 29)],
    ['2025-12-31T00:00:00.000Z', Date.UTC(2025, 11, 31)],
  ])('reads %s', (value, ms) => {
    expect(parseIsoTime(value, 'at')).toBe(ms);
  });

  it.each(['2025-02-29', '1900-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', '2025-03-01T10:00', 'yesterday'])(
    'rejects %s rather than rolling it over to another day',
    (value) => {
      expect(() => parseIsoTime(value, 'at')).toThrow(ValidationError);
    },
  );
});
