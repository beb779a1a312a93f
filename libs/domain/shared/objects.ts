/**
 * Drops the keys whose value is undefined. Event data and documents are JSON: a `"key": undefined`
 * disappears on the way through the store, so leaving it out keeps what was decided equal to what is read back.
 */
export function withoutAbsent<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
