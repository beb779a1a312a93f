import { hrefOf, placeOf } from '../../apps/console/src/place.js';

const at = (href: string) => {
  const url = new URL(href, 'http://console.test');
  return placeOf({ pathname: url.pathname, search: url.search });
};

describe("the console's place in the URL", () => {
  it('reads back every view and moment it writes', () => {
    const asOf = '2026-03-02T09:00:00.000Z';
    const places = [
      { view: { kind: 'meetings' }, asOf: undefined },
      { view: { kind: 'pack', meetingId: 'meeting 1/2' }, asOf },
      { view: { kind: 'programs' }, asOf },
      { view: { kind: 'program', programId: 'program-001' }, asOf: undefined },
      { view: { kind: 'plan', programId: 'program-001' }, asOf },
      { view: { kind: 'metrics' }, asOf },
      { view: { kind: 'metrics', query: { route: '/metrics/inspections', groupBy: 'week', from: '2025-11-01', to: '2026-01-19' } }, asOf },
      { view: { kind: 'metrics', query: { route: '/metrics/surveys/tags', groupBy: '', from: '', to: '' } }, asOf: undefined },
      { view: { kind: 'audit' }, asOf: undefined },
      { view: { kind: 'decision', decisionId: 'd-1' }, asOf },
      { view: { kind: 'stream', streamId: 'careCase-c-1' }, asOf },
    ] as const;
    for (const place of places) expect(at(hrefOf(place))).toEqual(place);
  });

  it('leaves out the empty fields of a metric query, and asks no route the explorer does not offer', () => {
    expect(hrefOf({ view: { kind: 'metrics', query: { route: '/metrics/support', groupBy: '', from: '2026-01-01', to: '' } }, asOf: undefined })).toBe(
      '/console/metrics?route=%2Fmetrics%2Fsupport&from=2026-01-01',
    );
    expect(at('/console/metrics?route=/api-keys&groupBy=week')).toEqual({ view: { kind: 'metrics' }, asOf: undefined });
  });
});
