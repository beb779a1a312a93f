import { Link } from './link.js';
import { hrefOf } from './place.js';
import type { EvidenceLink } from './types.js';

/** Evidence kinds whose id, after the kind, names a stream of the log (an assessment is a part of another stream). */
const EVIDENCE_STREAMS: readonly string[] = ['inspection', 'careCase', 'survey', 'trainingPlan', 'supportTicket'];

/** Evidence links, each linked to its entity's history when the entity is a stream of its own. */
export function EvidenceList({ evidence, asOf }: { evidence: readonly EvidenceLink[]; asOf: string | undefined }) {
  if (evidence.length === 0) return <p>No evidence linked.</p>;
  return (
    <ul class="evidence">
      {evidence.map(({ kind, id }) => (
        <li key={`${kind}-${id}`} data-evidence={`${kind}-${id}`}>
          {EVIDENCE_STREAMS.includes(kind) ? (
            <Link href={hrefOf({ view: { kind: 'stream', streamId: `${kind}-${id}` }, asOf })}>{`${kind} ${id}`}</Link>
          ) : (
            `${kind} ${id}`
          )}
        </li>
      ))}
    </ul>
  );
}
