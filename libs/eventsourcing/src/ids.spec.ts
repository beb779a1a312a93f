import { validate, version } from 'uuid';
import { newId } from './ids.js';

describe('newId', () => {
  it('makes distinct version 7 UUIDs that sort in the order they were made, within a millisecond too', () => {
    const ids = Array.from({ length: 20_000 }, () => newId());
    expect(ids.every((id) => validate(id) && version(id) === 7)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    const millisecondOf = (id: string) => id.replaceAll('-', '').slice(0, 12);
    const sharing = ids.filter((id, index) => index > 0 && millisecondOf(id) === millisecondOf(ids[index - 1]!));
    expect(sharing.length).toBeGreaterThan(0);
  });

  it('carries the time it was made in its first 48 bits', () => {
    const before = Date.now();
    const id = newId();
    const made = Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);
    expect(made).toBeGreaterThanOrEqual(before);
    expect(made).toBeLessThanOrEqual(Date.now() + 1);
  });
});
