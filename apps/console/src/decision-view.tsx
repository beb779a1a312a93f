import { getJson } from './api.js';
import type { DecisionProvenance } from './audit-types.js';
import { CheckProof } from './check-proof.js';
import { EvidenceList } from './evidence.js';
import { formatDeviation, formatMoment, formatValue } from './format.js';
import { Link } from './link.js';
import { useLoad } from './load.js';
import { hrefOf } from './place.js';
import { Status } from './status.js';
import { DissentList, VoteTable } from './votes.js';

/**
 * A council decision's provenance (`GET /audit/decisions/{id}`): what was decided, the votes and their
 * reasons, the pack the council was shown, the signed minutes, and its place in the ledger. A decision
 * does not change once recorded, so the moment travelled to does not apply; links keep it.
 */
export function DecisionView({ decisionId, asOf }: { decisionId: string; asOf: string | undefined }) {
  const decision = useLoad(() => getJson<DecisionProvenance>(`/audit/decisions/${encodeURIComponent(decisionId)}`), [decisionId]);
  return (
    <section aria-labelledby="decision-title">
      <h2 id="decision-title">Decision {decisionId}</h2>
      <Status loaded={decision}>{(value) => <Provenance decision={value} asOf={asOf} />}</Status>
    </section>
  );
}

function Provenance({ decision, asOf }: { decision: DecisionProvenance; asOf: string | undefined }) {
  return (
    <>
      <p class="decision-outcome" data-testid="outcome">
        <strong>{decision.outcome === 'adopted' ? 'Adopted' : 'Rejected'}</strong> {formatMoment(decision.decidedAt)} at meeting{' '}
        <Link href={hrefOf({ view: { kind: 'pack', meetingId: decision.meetingId }, asOf })}>{decision.meetingId}</Link>
      </p>
      <blockquote>{decision.text}</blockquote>
      <p>Rationale: {decision.rationale}</p>
      <Votes decision={decision} />
      <Evidence decision={decision} asOf={asOf} />
      <RecordedPack decision={decision} />
      <Minutes decision={decision} />
      <section aria-labelledby="proof-title">
        <h3 id="proof-title">In the ledger</h3>
        <p>
          Recorded at position {decision.ledger.position}
          {decision.ledger.leafIndex === null ? ', not yet in the ledger.' : `, leaf ${decision.ledger.leafIndex} of the tree.`}
        </p>
        <CheckProof decisionId={decision.decisionId} position={decision.ledger.position} />
      </section>
    </>
  );
}

function Votes({ decision }: { decision: DecisionProvenance }) {
  const { tally } = decision;
  return (
    <section aria-labelledby="votes-title">
      <h3 id="votes-title">Votes</h3>
      <p data-testid="tally">
        {tally.for} for, {tally.against} against, {tally.abstain} abstaining, of {tally.present} present
      </p>
      <VoteTable votes={decision.votes} caption="Votes with their reasons" />
      <DissentList dissent={decision.dissent} heading="h4" />
    </section>
  );
}

function Evidence({ decision, asOf }: { decision: DecisionProvenance; asOf: string | undefined }) {
  return (
    <section aria-labelledby="evidence-title">
      <h3 id="evidence-title">Evidence</h3>
      <EvidenceList evidence={decision.evidence} asOf={asOf} />
    </section>
  );
}

function RecordedPack({ decision }: { decision: DecisionProvenance }) {
  const { pack } = decision;
  return (
    <section aria-labelledby="decision-pack-title">
      <h3 id="decision-pack-title">The pack as recorded</h3>
      <p>
        Week {pack.periods.current.from} to {pack.periods.current.to} (exclusive), recorded {formatMoment(pack.recordedAt)} at position{' '}
        {pack.then.asOf.position ?? 'none'}.
      </p>
      <table class="listing">
        <caption class="visually-hidden">Indicators of the pack the decision was based on</caption>
        <thead>
          <tr>
            <th scope="col">Indicator</th>
            <th scope="col">Value</th>
            <th scope="col">Target</th>
            <th scope="col">Deviation</th>
          </tr>
        </thead>
        <tbody>
          {pack.then.indicators.map(({ indicator, unit, target, current }) => (
            <tr key={indicator}>
              <td>{indicator}</td>
              <td>{formatValue(current.value, unit)}</td>
              <td>{target === null ? 'none' : formatValue(target, unit)}</td>
              <td>{formatDeviation(current.deviation, unit) || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Minutes({ decision }: { decision: DecisionProvenance }) {
  const { minutes } = decision;
  return (
    <section aria-labelledby="minutes-title">
      <h3 id="minutes-title">Signed minutes</h3>
      {minutes === null ? (
        <p>Not signed yet.</p>
      ) : (
        <>
          <p>
            Signed by {minutes.chairId} {formatMoment(minutes.signedAt)}
            {minutes.checkpoint && `, over the ledger's tree of ${minutes.checkpoint.treeSize} events with root ${minutes.checkpoint.rootHash}`}.
          </p>
          <pre class="minutes">{minutes.text}</pre>
        </>
      )}
    </section>
  );
}
