import { getJson } from './api.js';
import { EvidenceList } from './evidence.js';
import { formatMoment } from './format.js';
import { Link } from './link.js';
import { useLoad } from './load.js';
import { hrefOf } from './place.js';
import { Status } from './status.js';
import type { Agenda, MeetingDetail, Proposal } from './types.js';
import { DissentList, VoteTable } from './votes.js';

interface RecordProps {
  readonly meetingId: string;
  readonly asOf: string | undefined;
  /** Whether the key reads decisions' provenance (`GET /audit/decisions/{id}`), so a decision links to it. */
  readonly readsDecisions: boolean;
}

/** A meeting's agenda and its proposals with their votes, both as known at the moment travelled to. */
export function MeetingRecord(props: RecordProps) {
  return (
    <>
      <Proposals {...props} />
      <AgendaSection meetingId={props.meetingId} asOf={props.asOf} />
    </>
  );
}

function Proposals({ meetingId, asOf, readsDecisions }: RecordProps) {
  const meeting = useLoad(() => getJson<MeetingDetail>(`/council/meetings/${encodeURIComponent(meetingId)}`, { asOf }), [meetingId, asOf]);
  return (
    <section aria-labelledby="proposals-title">
      <h2 id="proposals-title">Proposals and decisions</h2>
      <Status loaded={meeting}>
        {({ status, present, proposals }) => (
          <>
            <p>
              Meeting {status}
              {present && `, ${present.length} present (${present.join(', ')})`}.
            </p>
            {proposals.length === 0 ? (
              <p>No proposal was made.</p>
            ) : (
              <ol class="proposals">
                {proposals.map((proposal) => (
                  <ProposalItem key={proposal.proposalId} proposal={proposal} asOf={asOf} readsDecisions={readsDecisions} />
                ))}
              </ol>
            )}
          </>
        )}
      </Status>
    </section>
  );
}

function ProposalItem({ proposal, asOf, readsDecisions }: { proposal: Proposal; asOf: string | undefined; readsDecisions: boolean }) {
  const titleId = `proposal-${proposal.proposalId}`;
  return (
    <li class="proposal" data-proposal={proposal.proposalId} aria-labelledby={titleId}>
      <h3 id={titleId}>
        {proposal.proposalId} <span class={`proposal-status ${proposal.status}`} data-testid="proposal-status">{proposal.status}</span>
      </h3>
      <p>
        Proposed by {proposal.proposerId}: {proposal.text}
      </p>
      <p>Rationale: {proposal.rationale}</p>
      <Outcome proposal={proposal} asOf={asOf} readsDecisions={readsDecisions} />
      <h4>Votes</h4>
      {proposal.votes.length === 0 ? <p>No vote cast.</p> : <VoteTable votes={proposal.votes} caption={`Votes on ${proposal.proposalId} with their reasons`} />}
      <DissentList dissent={proposal.dissent} heading="h4" />
      <h4>Evidence</h4>
      <EvidenceList evidence={proposal.evidence} asOf={asOf} />
    </li>
  );
}

/** The tally and the decision; the decision links to its provenance for a key that may read it. */
function Outcome({ proposal, asOf, readsDecisions }: { proposal: Proposal; asOf: string | undefined; readsDecisions: boolean }) {
  const { tally, decidedAt, status } = proposal;
  if (tally === undefined || decidedAt === undefined) return null;
  const decided = `${status === 'adopted' ? 'Adopted' : 'Rejected'} ${formatMoment(decidedAt)}`;
  return (
    <p data-testid="tally">
      {readsDecisions ? <Link href={hrefOf({ view: { kind: 'decision', decisionId: proposal.proposalId }, asOf })}>{decided}</Link> : decided}:{' '}
      {tally.for} for, {tally.against} against, {tally.abstain} abstaining, of {tally.present} present.
    </p>
  );
}

function AgendaSection({ meetingId, asOf }: { meetingId: string; asOf: string | undefined }) {
  const agenda = useLoad(() => getJson<Agenda>(`/council/meetings/${encodeURIComponent(meetingId)}/agenda`, { asOf }), [meetingId, asOf]);
  return (
    <section aria-labelledby="agenda-title">
      <h2 id="agenda-title">Agenda</h2>
      <Status loaded={agenda}>{(value) => <AgendaItems agenda={value} asOf={asOf} />}</Status>
    </section>
  );
}

function AgendaItems({ agenda, asOf }: { agenda: Agenda; asOf: string | undefined }) {
  const programHref = (programId: string) => hrefOf({ view: { kind: 'program', programId }, asOf });
  return (
    <>
      <p>Metrics pack {agenda.packPosition === null ? 'not pinned yet: the meeting has not opened' : `pinned at position ${agenda.packPosition}`}.</p>
      <h3>Proposals to decide</h3>
      {agenda.proposals.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul>
          {agenda.proposals.map((proposal) => (
            <li key={proposal.proposalId} data-agenda-proposal={proposal.proposalId}>
              {proposal.proposalId}: {proposal.text}
            </li>
          ))}
        </ul>
      )}
      <h3>Open improvement actions</h3>
      {agenda.openActions.length === 0 ? (
        <p>None.</p>
      ) : (
        <table class="listing agenda-actions">
          <caption class="visually-hidden">Open improvement actions of the running programs</caption>
          <thead>
            <tr>
              <th scope="col">Program</th>
              <th scope="col">Action</th>
              <th scope="col">Owner</th>
              <th scope="col">Deadline</th>
              <th scope="col">Standing</th>
            </tr>
          </thead>
          <tbody>
            {agenda.openActions.map((action) => (
              <tr key={`${action.programId}-${action.actionId}`} data-action={action.actionId}>
                <td>
                  <Link href={programHref(action.programId)}>{action.programTitle}</Link>
                </td>
                <td>{action.description}</td>
                <td>{action.ownerId}</td>
                <td>{action.deadline}</td>
                <td>{overdueText(agenda, action)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CarriedOver agenda={agenda} programHref={programHref} />
    </>
  );
}

/** Overdue on the meeting day, stale when overdue for longer than two meetings, with what this meeting did about it. */
function overdueText(agenda: Agenda, action: Agenda['openActions'][number]): string {
  if (!action.overdue) return 'on time';
  const overdue = agenda.overdueActions.find((entry) => entry.programId === action.programId && entry.actionId === action.actionId);
  if (overdue?.stale !== true) return 'overdue';
  return overdue.resolution === undefined ? 'stale: to resolve' : `stale: ${overdue.resolution}`;
}

function CarriedOver({ agenda, programHref }: { agenda: Agenda; programHref: (programId: string) => string }) {
  if (agenda.carriedOver.length === 0) return null;
  return (
    <>
      <h3>Carried over or escalated</h3>
      <ul>
        {agenda.carriedOver.map((item) => (
          <li key={`${item.programId}-${item.actionId}`}>
            <Link href={programHref(item.programId)}>{item.programId}</Link> {item.actionId}: {item.resolution} at {item.meetingId} ({item.day}):{' '}
            {item.note}
          </li>
        ))}
      </ul>
    </>
  );
}
