import { sameJson, withoutAbsent } from './objects.js';

describe('withoutAbsent', () => {
  it('drops the keys whose value is undefined, keeps every other value and the order of the keys', () => {
    const kept = withoutAbsent({ a: 1, b: undefined, c: null, d: false, e: 0, f: '', g: { h: undefined } });
    expect(Object.entries(kept)).toEqual([
      ['a', 1],
      ['c', null],
      ['d', false],
      ['e', 0],
      ['f', ''],
      ['g', { h: undefined }],
    ]);
  });

  it('copies an own __proto__ key as a key', () => {
    const kept = withoutAbsent(JSON.parse('{"__proto__": {"admin": true}, "a": 1}') as object);
    expect(Object.getPrototypeOf(kept)).toBe(Object.prototype);
    expect(Object.keys(kept)).toEqual(['__proto__', 'a']);
  });

  it('leaves the object it is given as it was', () => {
    const given = { a: undefined, b: 2 };
    expect(withoutAbsent(given)).not.toBe(given);
    expect(Object.keys(given)).toEqual(['a', 'b']);
  });
});

describe('sameJson', () => {
  it('compares JSON values whatever the order of their members', () => {
    expect(sameJson({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 2 })).toBe(false);
  });
});
