import { useEffect, useRef, useState } from 'preact/hooks';
import { getJson, type Query } from './api.js';
import { AUDIT_PAGE_SIZE, type AuditEntry, type AuditPage } from './audit-types.js';
import { formatMoment } from './format.js';
import { LedgerStatus } from './ledger-status.js';
import { Link } from './link.js';
import { usePages } from './load.js';
import { hrefOf } from './place.js';
import { DECISION_EVENT_TYPES } from './proof.js';
import { ProblemNote } from './status.js';


/** The filters of `GET /audit` the form offers; empty fields are left out. */
interface AuditFilters {
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

function auditQuery(filters: AuditFilters, asOf: string | undefined): Query {
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

/** Pages of the trail, the next loaded when the "More" button comes into view or is pressed. */
function Trail({ filters, asOf }: { filters: AuditFilters; asOf: string | undefined }) {
  const trail = usePages<AuditEntry, string>(
    (cursor) => getJson<AuditPage>('/audit', { ...auditQuery(filters, asOf), cursor }).then((page) => ({ items: page.items, next: page.nextCursor })),
    [filters, asOf],
  );
  return (
    <>
      {trail.items.length === 0 && !trail.loading && !trail.problem && <p>No entry matches these filters.</p>}
      {trail.items.length > 0 && <TrailTable entries={trail.items} asOf={asOf} />}
      {trail.problem && <ProblemNote problem={trail.problem} />}
      {trail.loading && <p aria-busy="true">Loading…</p>}
      {trail.hasMore && <MoreButton onMore={trail.more} />}
    </>
  );
}

/** Loads the next page when it scrolls into view; pressing it does the same, for keyboards. */
function MoreButton({ onMore }: { onMore: () => void }) {
  const button = useRef<HTMLButtonElement>(null);
  // The observer outlives renders; it calls whatever `onMore` the latest render gave.
  const latest = useRef(onMore);
  latest.current = onMore;
  useEffect(() => {
    const observer = new IntersectionObserver((seen) => seen.some((entry) => entry.isIntersecting) && latest.current());
    observer.observe(button.current!);
    return () => observer.disconnect();
  }, []);
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
