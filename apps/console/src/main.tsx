import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { everyItem, forgetKey, getJson, storedKey } from './api.js';
import { AuditView } from './audit-view.js';
import { DecisionView } from './decision-view.js';
import { Link } from './link.js';
import { useLoad } from './load.js';
import { MeetingRecord } from './meeting-record.js';
import { MeetingsView } from './meetings-view.js';
import { MetricsView } from './metrics-view.js';
import { PackView } from './pack-view.js';
import { go, hrefOf, usePlace, type Place } from './place.js';
import { PlanView } from './plan-view.js';
import { ProgramView } from './program-view.js';
import { ProgramsView } from './programs-view.js';
import { SignIn } from './sign-in.js';
import { Status } from './status.js';
import { StreamView } from './stream-view.js';
import { TimeTravel } from './time-travel.js';
import { COUNCIL_READERS, LOG_READERS, METRICS_READERS, type LoggedEvent, type MeetingSummary, type OwnKey } from './types.js';
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

/** The views the key's roles may read: the council's, and the metrics explorer. */
function Console({ roles }: { roles: OwnKey['roles'] }) {
  const place = usePlace();
  const readsCouncil = roles.some((role) => COUNCIL_READERS.includes(role));
  const readsMetrics = roles.some((role) => METRICS_READERS.includes(role));
  const readsLog = roles.some((role) => LOG_READERS.includes(role));
  if (!readsCouncil && !readsMetrics) {
    return <p>This key's roles ({roles.join(', ')}) read none of the console's views: they are the council's and the metrics.</p>;
  }
  return (
    <>
      <nav aria-label="Views">
        {readsCouncil && <Link href={hrefOf({ view: { kind: 'meetings' }, asOf: place.asOf })}>Meetings</Link>}
        {readsCouncil && <Link href={hrefOf({ view: { kind: 'programs' }, asOf: place.asOf })}>Programs</Link>}
        {readsMetrics && <Link href={hrefOf({ view: { kind: 'metrics' }, asOf: place.asOf })}>Metrics</Link>}
        {readsLog && <Link href={hrefOf({ view: { kind: 'audit' }, asOf: place.asOf })}>Audit</Link>}
        {readsCouncil && <OpenPlan asOf={place.asOf} />}
      </nav>
      <History place={place} readsLog={readsLog} readsCouncil={readsCouncil} />
      <CurrentView place={place} readsCouncil={readsCouncil} readsLog={readsLog} />
    </>
  );
}

/** `readsLog`: the roles that read the log read decisions' provenance too (`GET /audit/decisions/{id}`). */
function CurrentView({ place: { view, asOf }, readsCouncil, readsLog }: { place: Place; readsCouncil: boolean; readsLog: boolean }) {
  // A key that reads metrics but not the council lands on the metrics, whatever view the link named.
  if (view.kind === 'metrics' || !readsCouncil) return <MetricsView query={view.kind === 'metrics' ? view.query : undefined} asOf={asOf} />;
  if (view.kind === 'audit') return <AuditView asOf={asOf} />;
  if (view.kind === 'decision') return <DecisionView decisionId={view.decisionId} asOf={asOf} />;
  if (view.kind === 'stream') return <StreamView streamId={view.streamId} asOf={asOf} />;
  if (view.kind === 'pack') {
    return (
      <>
        <PackView meetingId={view.meetingId} asOf={asOf} />
        <MeetingRecord meetingId={view.meetingId} asOf={asOf} readsDecisions={readsLog} />
      </>
    );
  }
  if (view.kind === 'programs') return <ProgramsView asOf={asOf} />;
  if (view.kind === 'program') return <ProgramView programId={view.programId} asOf={asOf} />;
  if (view.kind === 'plan') return <PlanView programId={view.programId} asOf={asOf} />;
  return <MeetingsView asOf={asOf} />;
}

/**
 * The time line: every meeting as known now, from the log's first event (or the first meeting, for a
 * key that reads no log; a year back, for a key that reads neither log nor meetings).
 */
function History({ place, readsLog, readsCouncil }: { place: Place; readsLog: boolean; readsCouncil: boolean }) {
  const timeline = useLoad(async () => {
    const meetings = readsCouncil ? await everyItem<MeetingSummary>('/council/meetings') : [];
    const first = readsLog ? (await getJson<{ items: LoggedEvent[] }>('/events', { limit: '1' })).items[0] : undefined;
    const start = first?.metadata.recordedAt ?? meetings[0]?.scheduledAt ?? yearBefore(new Date());
    const meetingMoments = meetings.flatMap((meeting) => (meeting.openedAt === undefined ? [] : [meeting.openedAt]));
    return { start, meetingMoments };
  }, [readsLog, readsCouncil]);
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

function yearBefore(moment: Date): string {
  return new Date(Date.UTC(moment.getUTCFullYear() - 1, moment.getUTCMonth(), moment.getUTCDate())).toISOString();
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
