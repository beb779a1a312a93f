import { getJson } from './api.js';
import type { StreamEvent, StreamPage } from './audit-types.js';
import { formatMoment } from './format.js';
import { usePages } from './load.js';
import { ProblemNote } from './status.js';

/** Events per page of a stream's history. */
const STREAM_PAGE_SIZE = 100;

/**
 * An entity's event history (`GET /streams/{streamId}`), oldest first. The route reads the log as it is
 * now; travelled to a past moment, the view leaves out what was recorded after it.
 */
export function StreamView({ streamId, asOf }: { streamId: string; asOf: string | undefined }) {
  const history = usePages<StreamEvent, number>(
    (fromRevision = 0) =>
      getJson<StreamPage>(`/streams/${encodeURIComponent(streamId)}`, { fromRevision: String(fromRevision), limit: String(STREAM_PAGE_SIZE) }),
    [streamId],
  );
  const shown = asOf === undefined ? history.items : history.items.filter((event) => Date.parse(event.metadata.recordedAt) <= Date.parse(asOf));
  return (
    <section aria-labelledby="stream-title">
      <h2 id="stream-title">History of {streamId}</h2>
      {asOf !== undefined && <p>As known at {formatMoment(asOf)}: events recorded later are left out.</p>}
      {shown.length > 0 && <EventTable events={shown} />}
      {history.problem && <ProblemNote problem={history.problem} />}
      {history.loading && <p aria-busy="true">Loading…</p>}
      {history.hasMore && (
        <button type="button" class="more" onClick={history.more}>
          More
        </button>
      )}
    </section>
  );
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
