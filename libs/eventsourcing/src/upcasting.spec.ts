import { recorded } from './testing.js';
import { UpcasterRegistry } from './upcasting.js';

describe('UpcasterRegistry', () => {
  const registry = new UpcasterRegistry([
    { type: 'RefundIssued', fromVersion: 1, upcast: (data) => ({ ...(data as object), currency: 'EUR' }) },
    {
      type: 'RefundIssued',
      fromVersion: 2,
      upcast: (data) => {
        const { amount, currency } = data as { amount: number; currency: string };
        return { amount: { minor: amount, currency } };
      },
    },
  ]);

  it('upcasts an old event step by step to the current version', () => {
    const old = recorded({ type: 'RefundIssued', data: { amount: 500 } });
    const upcast = registry.upcast(old);
    expect(upcast.data).toEqual({ amount: { minor: 500, currency: 'EUR' } });
    expect(upcast.metadata.schemaVersion).toBe(3);
    expect(old.data).toEqual({ amount: 500 });
  });

  it('leaves current events and unknown types untouched', () => {
    const current = recorded({ type: 'RefundIssued', data: { amount: { minor: 1, currency: 'EUR' } } }, { metadata: { schemaVersion: 3 } });
    expect(registry.upcast(current)).toBe(current);
    const other = recorded({ type: 'ClientRetained', data: {} });
    expect(registry.upcast(other)).toBe(other);
  });

  it('knows the version new events are written with', () => {
    expect(registry.currentVersion('RefundIssued')).toBe(3);
    expect(registry.currentVersion('ClientRetained')).toBe(1);
  });

  it('refuses two upcasters for the same step', () => {
    expect(() => registry.register({ type: 'RefundIssued', fromVersion: 1, upcast: (d) => d })).toThrow(/already registered/);
  });
});
