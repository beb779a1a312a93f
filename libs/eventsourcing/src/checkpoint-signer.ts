import { verifyConsistency, type Checkpoint } from '#ledger';
import type { Clock } from './clock.js';
import { LedgerProofs, type Ledger, type SignedCheckpoint } from './ledger.js';
import { sleepUnlessAborted } from './position-waiters.js';

/** The tree the ledger holds now is not an extension of the last checkpoint: signing it would sign a rewritten log. */
export class LedgerInconsistentError extends Error {
  constructor(
    readonly signedSize: number,
    readonly currentSize: number,
    reason: string,
  ) {
    super(`the ledger of ${currentSize} leaves is not consistent with the checkpoint signed at ${signedSize}: ${reason}; no checkpoint is signed until it is verified`);
    this.name = 'LedgerInconsistentError';
  }
}

export interface CheckpointSignerOptions {
  readonly ledger: Ledger;
  readonly origin: string;
  /** The C2SP note of a checkpoint, signed with the log's key. */
  readonly sign: (checkpoint: Checkpoint) => string;
  readonly clock: Clock;
  /** At most one checkpoint per interval, and only when the log grew. */
  readonly intervalMs: number;
  readonly onError?: (error: unknown) => void;
  readonly onSigned?: (checkpoint: SignedCheckpoint) => void;
}

/**
 * Signs a checkpoint of the ledger whenever it grew, at most once per interval. Before signing, it
 * proves the new tree consistent with the last checkpoint signed: a log must never sign two trees
 * that are not one the prefix of the other (C2SP tlog-checkpoint).
 */
export class CheckpointSigner {
  private readonly proofs: LedgerProofs;
  private abort = new AbortController();
  private running: Promise<void> | undefined;

  constructor(private readonly options: CheckpointSignerOptions) {
    this.proofs = new LedgerProofs(options.ledger);
  }

  /** Signs the current tree unless a checkpoint of its size exists; answers the checkpoint signed, if any. */
  async signNow(): Promise<SignedCheckpoint | undefined> {
    const { ledger, origin, sign, clock } = this.options;
    const head = await this.proofs.head();
    const latest = await ledger.latestCheckpoint();
    if (head.treeSize === 0 || (latest !== undefined && latest.treeSize >= head.treeSize)) return undefined;
    if (latest !== undefined) {
      const { proof } = await this.proofs.consistency(latest.treeSize, head.treeSize);
      const failure = verifyConsistency(latest.treeSize, head.treeSize, latest.rootHash, head.rootHash, proof);
      if (failure !== undefined) throw new LedgerInconsistentError(latest.treeSize, head.treeSize, failure);
    }
    const checkpoint = { origin, treeSize: head.treeSize, rootHash: head.rootHash };
    const signed: SignedCheckpoint = { ...checkpoint, note: sign(checkpoint), signedAt: clock.now().toISOString() };
    if (!(await ledger.addCheckpoint(signed))) return undefined;
    this.options.onSigned?.(signed);
    return signed;
  }

  start(): void {
    if (this.running) return;
    this.abort = new AbortController();
    this.running = this.loop(this.abort.signal);
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
    this.running = undefined;
  }

  private async loop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.signNow();
      } catch (error) {
        this.options.onError?.(error);
      }
      await sleepUnlessAborted(this.options.intervalMs, signal);
    }
  }
}
