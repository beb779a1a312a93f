import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiProblem, getJson, type Query } from './api.js';
import type { AuditEntry, AuditPage } from './audit-types.js';
import { formatMoment } from './format.js';
import { LedgerStatus } from './ledger-status.js';
import { Link } from './link.js';
import { hrefOf } from './place.js';
import { DECISION_EVENT_TYPES } from './proof.js';

/** Entries per page: a screenful and more, so that scrolling reaches the next page rather than starting on it. */
export const AUDIT_PAGE_SIZE = 50;

/** The filters of `GET /audit` the form offers; empty fields are left out. */
export interface AuditFilters {
  readonly category: string;
  readonly type: string;
  readonly actor: string;
  /** Days (YYYY-MM-DD) of business time, the first inclusive, the second exclusive. */
  readonly occurredFrom: string;
  readonly occurredTo: string;
}

const NO_FILTERS: AuditFilters = { category: '', type: '', actor: '', occurredFrom: '', occurredTo: '' };

/** The audit trail, newest first, with the ledger's status above it. */
export function AuditView({ asOf }: { asOf: string | undefined }) {
  const [filters, setFilters] = useState(NO_FILTERS);
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">Audit trail</h2>
      <LedgerStatus />
      <FilterForm onApply={setFilters} />
      <Trail filters={filters} asOf={asOf} />
    </section>
  );
}

export function auditQuery(filters: AuditFilters, asOf: string | undefined): Query {
  const given = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const dayStart = (day: string) => (given(day) === undefined ? undefined : `${day}T00:00:00Z`);
  return {
    category: given(filters.category),
    type: given(filters.type),
    actor: given(filters.actor),
    occurredFrom: dayStart(filters.occurredFrom),
    occurredTo: dayStart(filters.occurredTo),
    asOf,
    limit: String(AUDIT_PAGE_SIZE),
  };
}

function FilterForm({ onApply }: { onApply: (filters: AuditFilters) => void }) {
  return (
    <form
      class="audit-filters"
      aria-label="Filters"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const read = (name: keyof AuditFilters) => String(data.get(name) ?? '');
        onApply({ category: read('category'), type: read('type'), actor: read('actor'), occurredFrom: read('occurredFrom'), occurredTo: read('occurredTo') });
      }}
    >
      <label>
        Stream category
        <input name="category" placeholder="careCase" />
      </label>
      <label>
        Event type
        <input name="type" placeholder="DecisionAdopted" />
      </label>
      <label>
        Actor
        <input name="actor" placeholder="apiKey:…" />
      </label>
      <label>
        Occurred from
        <input name="occurredFrom" type="date" />
      </label>
      <label>
        Occurred before
        <input name="occurredTo" type="date" />
      </label>
      <button type="submit">Filter</button>
    </form>
  );
}

interface TrailState {
  readonly entries: readonly AuditEntry[];
  readonly nextCursor: string | null;
  readonly loading: boolean;
  readonly problem?: ApiProblem;
}

/** Pages of the trail, the next loaded when the "More" button comes into view or is pressed. */
function Trail({ filters, asOf }: { filters: AuditFilters; asOf: string | undefined }) {
  const [trail, setTrail] = useState<TrailState>({ entries: [], nextCursor: null, loading: true });
  // The query the shown pages belong to: an answer to an earlier one is dropped.
  const generation = useRef(0);

  const load = (cursor: string | undefined, earlier: readonly AuditEntry[]) => {
    const current = generation.current;
    setTrail({ entries: earlier, nextCursor: null, loading: true });
    getJson<AuditPage>('/audit', { ...auditQuery(filters, asOf), cursor }).then(
      (page) => current === generation.current && setTrail({ entries: [...earlier, ...page.items], nextCursor: page.nextCursor, loading: false }),
      (error: unknown) => current === generation.current && setTrail({ entries: earlier, nextCursor: cursor ?? null, loading: false, problem: problemOf(error) }),
    );
  };

  useEffect(() => {
    generation.current += 1;
    load(undefined, []);
  }, [filters, asOf]);

  const more = () => {
    if (!trail.loading && trail.nextCursor !== null) load(trail.nextCursor, trail.entries);
  };

  return (
    <>
      {trail.entries.length === 0 && !trail.loading && !trail.problem && <p>No entry matches these filters.</p>}
      {trail.entries.length > 0 && <TrailTable entries={trail.entries} asOf={asOf} />}
      {trail.problem && (
        <p class="problem" role="alert">
          {trail.problem.message} <span class="code">({trail.problem.code})</span>
        </p>
      )}
      {trail.loading && <p aria-busy="true">Loading…</p>}
      {trail.nextCursor !== null && !trail.loading && <MoreButton onMore={more} />}
    </>
  );
}

function problemOf(error: unknown): ApiProblem {
  return error instanceof ApiProblem ? error : new ApiProblem(0, 'NETWORK', String(error));
}

/** Loads the next page when it scrolls into view; pressing it does the same, for keyboards. */
function MoreButton({ onMore }: { onMore: () => void }) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const observer = new IntersectionObserver((seen) => seen.some((entry) => entry.isIntersecting) && onMore());
    observer.observe(button.current!);
    return () => observer.disconnect();
  }, [onMore]);
  return (
    <button type="button" ref={button} class="more" onClick={onMore}>
      More
    </button>
  );
}

function TrailTable({ entries, asOf }: { entries: readonly AuditEntry[]; asOf: string | undefined }) {
  return (
    <table class="audit-trail">
      <caption class="visually-hidden">Audit entries, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Position</th>
          <th scope="col">Recorded</th>
          <th scope="col">Occurred</th>
          <th scope="col">What</th>
          <th scope="col">Entity</th>
          <th scope="col">Who</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.position} data-position={entry.position}>
            <td>{entry.position}</td>
            <td>{formatMoment(entry.recordedAt)}</td>
            <td>{formatMoment(entry.occurredAt)}</td>
            <td>
              <WhatCell entry={entry} asOf={asOf} />
            </td>
            <td>
              <Link href={hrefOf({ view: { kind: 'stream', streamId: entry.streamId }, asOf })}>{entry.streamId}</Link>
            </td>
            <td>{entry.actor.id}</td>
            <td>{entry.why ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The event's type; a decision's links to its provenance. */
function WhatCell({ entry, asOf }: { entry: AuditEntry; asOf: string | undefined }) {
  const decisionId = decisionIdOf(entry);
  if (decisionId === undefined) return <>{entry.type}</>;
  return <Link href={hrefOf({ view: { kind: 'decision', decisionId }, asOf })}>{entry.type}</Link>;
}

function decisionIdOf(entry: AuditEntry): string | undefined {
  if (!DECISION_EVENT_TYPES.includes(entry.type)) return undefined;
  const { proposalId } = entry.data as { proposalId?: unknown };
  return typeof proposalId === 'string' ? proposalId : undefined;
}
