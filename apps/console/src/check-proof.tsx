import { useState } from 'preact/hooks';
import { ApiProblem, getJson } from './api.js';
import type { CheckpointView } from './audit-types.js';
import { checkDecisionProof, type InclusionProof, type LedgeredEvent, type LedgerPublicKey, type ProofCheck } from './proof.js';

type CheckState =
  | { readonly state: 'idle' }
  | { readonly state: 'checking' }
  | { readonly state: 'checked'; readonly check: ProofCheck };

/**
 * "Check proof": fetches the ledger's public key, its latest signed checkpoint, the decision's event
 * with its stored bytes and its audit path at the checkpoint's size, and verifies them here, in this
 * browser, with WebCrypto (`proof.ts`). The server's own verdicts take no part.
 */
export function CheckProof({ decisionId, position }: { decisionId: string; position: string }) {
  const [state, setState] = useState<CheckState>({ state: 'idle' });
  const run = async () => {
    setState({ state: 'checking' });
    setState({ state: 'checked', check: await checkedProof(decisionId, position).catch(unreachable) });
  };
  return (
    <div class="check-proof">
      <button type="button" onClick={run} disabled={state.state === 'checking'}>
        Check proof
      </button>
      <p role="status" data-testid="proof-result" data-holds={state.state === 'checked' ? String(state.check.holds) : ''}>
        {resultText(state)}
      </p>
    </div>
  );
}

async function checkedProof(decisionId: string, position: string): Promise<ProofCheck> {
  const [key, checkpoint, event] = await Promise.all([
    getJson<LedgerPublicKey>('/ledger/public-key'),
    getJson<CheckpointView>('/ledger/checkpoint'),
    getJson<LedgeredEvent>(`/events/${encodeURIComponent(position)}`),
  ]);
  // The size asked for is the server's word; the check walks the path to the size and root the signed note states.
  const proof = await getJson<InclusionProof>('/ledger/proofs/inclusion', { position, treeSize: String(checkpoint.treeSize) });
  return checkDecisionProof({ decisionId, key, note: checkpoint.note, event, proof });
}

/** A proof the API would not give, the network lost or this browser cannot check holds nothing either. */
function unreachable(error: unknown): ProofCheck {
  const reason = error instanceof ApiProblem ? `${error.message} (${error.code})` : String(error);
  return { holds: false, reason: `the proof could not be fetched or checked: ${reason}` };
}

function resultText(state: CheckState): string {
  if (state.state === 'idle') return '';
  if (state.state === 'checking') return 'Checking…';
  const { check } = state;
  if (check.holds) {
    return `Proof checked in this browser: the decision is in the log the ledger signed at tree size ${check.treeSize} (leaf ${check.leafIndex}, log ${check.origin}).`;
  }
  return `Proof check failed in this browser: ${check.reason}.`;
}
