import { useEffect, useState } from 'preact/hooks';
import { METRIC_GROUPINGS } from './metric-routes.js';

/** Where the console is: the view, and the moment it is read as of; both live in the URL, so a link reproduces them. */

type View =
  | { readonly kind: 'meetings' }
  | { readonly kind: 'pack'; readonly meetingId: string }
  | { readonly kind: 'programs' }
  | { readonly kind: 'program'; readonly programId: string }
  | { readonly kind: 'plan'; readonly programId: string }
  | { readonly kind: 'metrics'; readonly query?: MetricQuery }
  | { readonly kind: 'audit' }
  | { readonly kind: 'decision'; readonly decisionId: string }
  | { readonly kind: 'stream'; readonly streamId: string };

/** What the metrics explorer asks a metric route. */
export interface MetricQuery {
  /** One of the routes of `METRIC_GROUPINGS`. */
  readonly route: string;
  /** Empty: one row over the whole range. */
  readonly groupBy: string;
  readonly from: string;
  readonly to: string;
}

const METRIC_QUERY_FIELDS = ['route', 'groupBy', 'from', 'to'] as const;

export interface Place {
  readonly view: View;
  /** An ISO-8601 time; absent: as known now. */
  readonly asOf: string | undefined;
}

const BASE = '/console';

export function placeOf({ pathname, search }: { pathname: string; search: string }): Place {
  const parameters = new URLSearchParams(search);
  const asOf = parameters.get('asOf') ?? undefined;
  const [kind, id, part] = pathname.slice(BASE.length).split('/').filter(Boolean).map(decodeURIComponent);
  if (kind === 'meetings' && id !== undefined) return { view: { kind: 'pack', meetingId: id }, asOf };
  if (kind === 'programs' && id !== undefined) return { view: { kind: part === 'plan' ? 'plan' : 'program', programId: id }, asOf };
  if (kind === 'programs') return { view: { kind: 'programs' }, asOf };
  if (kind === 'metrics') return { view: { kind: 'metrics', ...metricQueryOf(parameters) }, asOf };
  if (kind === 'audit') return { view: { kind: 'audit' }, asOf };
  if (kind === 'decisions' && id !== undefined) return { view: { kind: 'decision', decisionId: id }, asOf };
  if (kind === 'streams' && id !== undefined) return { view: { kind: 'stream', streamId: id }, asOf };
  return { view: { kind: 'meetings' }, asOf };
}

export function hrefOf({ view, asOf }: Place): string {
  const path = {
    meetings: () => BASE,
    pack: () => `${BASE}/meetings/${encodeURIComponent((view as { meetingId: string }).meetingId)}`,
    programs: () => `${BASE}/programs`,
    program: () => `${BASE}/programs/${encodeURIComponent((view as { programId: string }).programId)}`,
    plan: () => `${BASE}/programs/${encodeURIComponent((view as { programId: string }).programId)}/plan`,
    metrics: () => `${BASE}/metrics`,
    audit: () => `${BASE}/audit`,
    decision: () => `${BASE}/decisions/${encodeURIComponent((view as { decisionId: string }).decisionId)}`,
    stream: () => `${BASE}/streams/${encodeURIComponent((view as { streamId: string }).streamId)}`,
  }[view.kind]();
  const parameters = new URLSearchParams();
  if (view.kind === 'metrics' && view.query !== undefined) {
    for (const field of METRIC_QUERY_FIELDS) if (view.query[field] !== '') parameters.set(field, view.query[field]);
  }
  if (asOf !== undefined) parameters.set('asOf', asOf);
  const search = parameters.toString();
  return search === '' ? path : `${path}?${search}`;
}

/** The explorer's query a link carries; a route the explorer does not offer is not asked. */
function metricQueryOf(parameters: URLSearchParams): { query?: MetricQuery } {
  const route = parameters.get('route');
  if (route === null || !Object.hasOwn(METRIC_GROUPINGS, route)) return {};
  const [groupBy, from, to] = (['groupBy', 'from', 'to'] as const).map((field) => parameters.get(field) ?? '');
  return { query: { route, groupBy: groupBy!, from: from!, to: to! } };
}

/** Moves to a place; a new view is a step back in the browser's history, a new moment replaces the current one. */
export function go(place: Place, { replace = false } = {}): void {
  history[replace ? 'replaceState' : 'pushState'](null, '', hrefOf(place));
  dispatchEvent(new PopStateEvent('popstate'));
}

export function usePlace(): Place {
  const [place, setPlace] = useState(() => placeOf(location));
  useEffect(() => {
    const follow = () => setPlace(placeOf(location));
    addEventListener('popstate', follow);
    return () => removeEventListener('popstate', follow);
  }, []);
  return place;
}
