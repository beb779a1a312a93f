import type { Dissent, Vote } from './types.js';

/** Every vote with its reason, as a table captioned for the proposal it belongs to. */
export function VoteTable({ votes, caption }: { votes: readonly Vote[]; caption: string }) {
  return (
    <table class="listing votes">
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Member</th>
          <th scope="col">Vote</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        {votes.map((vote) => (
          <tr key={vote.memberId} data-member={vote.memberId}>
            <td>{vote.memberId}</td>
            <td data-testid="choice">{vote.choice}</td>
            <td data-testid="reason">{vote.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The dissenting opinions members wrote; nothing when there are none. */
export function DissentList({ dissent, heading: Heading }: { dissent: readonly Dissent[]; heading: 'h4' | 'h5' }) {
  if (dissent.length === 0) return null;
  return (
    <>
      <Heading>Dissent</Heading>
      <ul class="dissent">
        {dissent.map((entry) => (
          <li key={entry.memberId} data-member={entry.memberId}>
            {entry.memberId}: {entry.opinion}
          </li>
        ))}
      </ul>
    </>
  );
}
