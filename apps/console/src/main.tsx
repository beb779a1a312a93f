import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { everyItem, forgetKey, getJson, storedKey } from './api.js';
import { Link } from './link.js';
import { useLoad } from './load.js';
import { MeetingsView } from './meetings-view.js';
import { PackView } from './pack-view.js';
import { go, hrefOf, usePlace, type Place } from './place.js';
import { PlanView } from './plan-view.js';
import { SignIn } from './sign-in.js';
import { Status } from './status.js';
import { TimeTravel } from './time-travel.js';
import { COUNCIL_READERS, LOG_READERS, type LoggedEvent, type MeetingSummary, type OwnKey } from './types.js';
import './styles.css';

function App() {
  const [key, setKey] = useState<OwnKey | undefined>();
  const [checking, setChecking] = useState(() => storedKey() !== null);
  useEffect(() => {
    if (!checking) return;
    getJson<OwnKey>('/api-keys/me')
      .then(setKey, forgetKey)
      .finally(() => setChecking(false));
  }, []);
  if (checking) return <p aria-busy="true">Loading…</p>;
  return (
    <>
      <header>
        <h1>Quality Ledger</h1>
        {key && (
          <p class="who">
            Signed in as {key.name} ({key.roles.join(', ')}){' '}
            <button
              type="button"
              onClick={() => {
                forgetKey();
                setKey(undefined);
              }}
            >
              Sign out
            </button>
          </p>
        )}
      </header>
      <main>{key ? <Console roles={key.roles} /> : <SignIn onSignedIn={setKey} />}</main>
    </>
  );
}

/** The views the key's roles may read: only the council's for now. */
function Console({ roles }: { roles: OwnKey['roles'] }) {
  const place = usePlace();
  if (!roles.some((role) => COUNCIL_READERS.includes(role))) {
    return <p>This key's roles ({roles.join(', ')}) read none of the console's views: they are the council's.</p>;
  }
  return (
    <>
      <nav aria-label="Views">
        <Link href={hrefOf({ view: { kind: 'meetings' }, asOf: place.asOf })}>Meetings</Link>
        <OpenPlan asOf={place.asOf} />
      </nav>
      <History place={place} readsLog={roles.some((role) => LOG_READERS.includes(role))} />
      <CurrentView place={place} />
    </>
  );
}

function CurrentView({ place: { view, asOf } }: { place: Place }) {
  if (view.kind === 'pack') return <PackView meetingId={view.meetingId} asOf={asOf} />;
  if (view.kind === 'plan') return <PlanView programId={view.programId} asOf={asOf} />;
  return <MeetingsView asOf={asOf} />;
}

/** The time line: every meeting as known now, from the log's first event (or the first meeting, for a key that reads no log). */
function History({ place, readsLog }: { place: Place; readsLog: boolean }) {
  const timeline = useLoad(async () => {
    const meetings = await everyItem<MeetingSummary>('/council/meetings');
    const first = readsLog ? (await getJson<{ items: LoggedEvent[] }>('/events', { limit: '1' })).items[0] : undefined;
    const start = first?.metadata.recordedAt ?? meetings[0]?.scheduledAt ?? new Date().toISOString();
    const meetingMoments = meetings.flatMap((meeting) => (meeting.openedAt === undefined ? [] : [meeting.openedAt]));
    return { start, meetingMoments };
  }, [readsLog]);
  return (
    <Status loaded={timeline}>
      {({ start, meetingMoments }) => (
        <TimeTravel
          start={start}
          meetingMoments={meetingMoments}
          asOf={place.asOf}
          onMove={(asOf) => go({ ...place, asOf }, { replace: true })}
        />
      )}
    </Status>
  );
}

/** A program's printable plan, by its id. */
function OpenPlan({ asOf }: { asOf: string | undefined }) {
  return (
    <form
      class="open-plan"
      onSubmit={(event) => {
        event.preventDefault();
        const field = event.currentTarget.elements.namedItem('program-id') as HTMLInputElement;
        if (field.value.trim() !== '') go({ view: { kind: 'plan', programId: field.value.trim() }, asOf });
      }}
    >
      <label for="program-id">Program plan</label>
      <input id="program-id" name="program-id" placeholder="program id" />
      <button type="submit">Open</button>
    </form>
  );
}

render(<App />, document.getElementById('app')!);
