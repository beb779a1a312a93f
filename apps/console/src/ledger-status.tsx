import { getJson } from './api.js';
import type { CheckpointView, Health, LastVerification } from './audit-types.js';
import { formatMoment } from './format.js';
import { useLoad } from './load.js';
import { Status } from './status.js';

/** The latest signed checkpoint, and the last verification of the whole log the api ran. */
export function LedgerStatus() {
  const ledger = useLoad(async () => {
    const [checkpoint, health] = await Promise.all([getJson<CheckpointView>('/ledger/checkpoint'), getJson<Health>('/health')]);
    return { checkpoint, lastVerification: health.ledger.lastVerification };
  }, []);
  return (
    <section class="ledger-status" aria-labelledby="ledger-title">
      <h3 id="ledger-title">Ledger</h3>
      <Status loaded={ledger}>
        {({ checkpoint, lastVerification }) => (
          <dl>
            <dt>Latest signed checkpoint</dt>
            <dd data-testid="checkpoint" data-tree-size={checkpoint.treeSize}>
              {checkpoint.treeSize} events, signed {formatMoment(checkpoint.signedAt)} by {checkpoint.origin}
              <details>
                <summary>Signed note (keep a copy outside the system)</summary>
                <pre>{checkpoint.note}</pre>
              </details>
            </dd>
            <dt>Last verification</dt>
            <dd data-testid="verification">{verificationText(lastVerification)}</dd>
          </dl>
        )}
      </Status>
    </section>
  );
}

function verificationText(run: LastVerification | null): string {
  if (run === null) return 'none since the api started (POST /ledger/verifications runs one)';
  if (run.state === 'running') return 'running';
  const when = run.finishedAt === null ? '' : `, ${formatMoment(run.finishedAt)}`;
  if (run.result === null) return `could not run${when}`;
  const { intact, eventsChecked, checkpointsChecked, tampering } = run.result;
  const counts = `${eventsChecked} events and ${checkpointsChecked} checkpoints checked${when}`;
  return intact ? `intact: ${counts}` : `TAMPERED (${tampering?.kind ?? 'unknown'} at ${tampering?.position ?? '?'}): ${counts}`;
}
