import { everyItem } from './api.js';
import { useLoad } from './load.js';
import { Link } from './link.js';
import { hrefOf } from './place.js';
import { Status } from './status.js';
import type { MeetingSummary } from './types.js';

/** The meetings as known at the moment, earliest first. */
export function MeetingsView({ asOf }: { asOf: string | undefined }) {
  const meetings = useLoad(() => everyItem<MeetingSummary>('/council/meetings', { asOf }), [asOf]);
  return (
    <section aria-labelledby="meetings-title">
      <h2 id="meetings-title">Council meetings</h2>
      <Status loaded={meetings}>
        {(items) =>
          items.length === 0 ? (
            <p>No meeting was scheduled by then.</p>
          ) : (
            <table class="meetings">
              <caption class="visually-hidden">Meetings, earliest first</caption>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col">Meeting</th>
                  <th scope="col">Status</th>
                  <th scope="col">Proposals adopted</th>
                </tr>
              </thead>
              <tbody>
                {items.map((meeting) => (
                  <tr key={meeting.meetingId} data-meeting={meeting.meetingId}>
                    <td>{meeting.day}</td>
                    <td>
                      <Link href={hrefOf({ view: { kind: 'pack', meetingId: meeting.meetingId }, asOf })}>{meeting.meetingId}</Link>
                    </td>
                    <td data-testid="status">{meeting.status}</td>
                    <td>
                      {meeting.adopted} of {meeting.proposals}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Status>
    </section>
  );
}
