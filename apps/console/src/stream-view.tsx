import { useEffect, useState } from 'preact/hooks';
import { ApiProblem, getJson } from './api.js';
import type { StreamEvent, StreamPage } from './audit-types.js';
import { formatMoment } from './format.js';

/** Events per page of a stream's history. */
const STREAM_PAGE_SIZE = 100;

interface HistoryState {
  readonly events: readonly StreamEvent[];
  readonly next: number | null;
  readonly loading: boolean;
  readonly problem?: ApiProblem;
}

/**
 * An entity's event history (`GET /streams/{streamId}`), oldest first. The route reads the log as it is
 * now; travelled to a past moment, the view leaves out what was recorded after it.
 */
export function StreamView({ streamId, asOf }: { streamId: string; asOf: string | undefined }) {
  const [history, setHistory] = useState<HistoryState>({ events: [], next: 0, loading: true });
  const load = (fromRevision: number, earlier: readonly StreamEvent[]) => {
    setHistory({ events: earlier, next: null, loading: true });
    getJson<StreamPage>(`/streams/${encodeURIComponent(streamId)}`, { fromRevision: String(fromRevision), limit: String(STREAM_PAGE_SIZE) }).then(
      (page) => setHistory({ events: [...earlier, ...page.items], next: page.next, loading: false }),
      (error: unknown) => setHistory({ events: earlier, next: fromRevision, loading: false, problem: asProblem(error) }),
    );
  };
  useEffect(() => load(0, []), [streamId]);
  const shown = asOf === undefined ? history.events : history.events.filter((event) => Date.parse(event.metadata.recordedAt) <= Date.parse(asOf));
  return (
    <section aria-labelledby="stream-title">
      <h2 id="stream-title">History of {streamId}</h2>
      {asOf !== undefined && <p>As known at {formatMoment(asOf)}: events recorded later are left out.</p>}
      {shown.length > 0 && <EventTable events={shown} />}
      {history.problem && (
        <p class="problem" role="alert">
          {history.problem.message} <span class="code">({history.problem.code})</span>
        </p>
      )}
      {history.loading && <p aria-busy="true">Loading…</p>}
      {history.next !== null && !history.loading && (
        <button type="button" class="more" onClick={() => load(history.next!, history.events)}>
          More
        </button>
      )}
    </section>
  );
}

function asProblem(error: unknown): ApiProblem {
  return error instanceof ApiProblem ? error : new ApiProblem(0, 'NETWORK', String(error));
}

function EventTable({ events }: { events: readonly StreamEvent[] }) {
  return (
    <table class="listing stream-history">
      <caption class="visually-hidden">Events of the stream, oldest first</caption>
      <thead>
        <tr>
          <th scope="col">Revision</th>
          <th scope="col">Position</th>
          <th scope="col">Recorded</th>
          <th scope="col">Occurred</th>
          <th scope="col">Type</th>
          <th scope="col">Who</th>
          <th scope="col">Data</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={event.revision} data-revision={event.revision}>
            <td>{event.revision}</td>
            <td>{event.position}</td>
            <td>{formatMoment(event.metadata.recordedAt)}</td>
            <td>{formatMoment(event.metadata.occurredAt)}</td>
            <td>{event.type}</td>
            <td>{event.metadata.actor.id}</td>
            <td>
              <code class="event-data">{JSON.stringify(event.data)}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
