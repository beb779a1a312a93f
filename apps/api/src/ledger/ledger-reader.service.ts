import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '#config';
import { LedgerProofs, type ConsistencyProof, type InclusionProof, type Position, type TreeHead } from '#kernel';
import type { LogCheckpoint } from '#domain/council/index.js';
import { EMPTY_ROOT, toBase64 } from '#ledger';
import { APP_CONFIG, STORES, type Stores } from '#persistence';
import { LedgerBehindError } from '../platform/http-errors.js';

/**
 * Tree heads and proofs for the api's routes and commands. A ledger that follows the log
 * (EventStoreDB) may lag behind it: what needs the tree up to a position waits for it, bounded as
 * read-your-writes is, then answers 503.
 */
@Injectable()
export class LedgerReader {
  readonly proofs: LedgerProofs;

  constructor(
    @Inject(STORES) private readonly stores: Stores,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.proofs = new LedgerProofs(stores.ledger);
  }

  /** The tree over the log up to `position`, once the ledger holds it. */
  async treeAt(position: Position | undefined): Promise<TreeHead> {
    if (position === undefined) return { treeSize: 0, rootHash: EMPTY_ROOT };
    await this.reach(position);
    return this.proofs.headAt(position);
  }

  /** The tree over the whole log as it is now. */
  async currentTree(): Promise<TreeHead> {
    return this.treeAt(await this.stores.events.headPosition());
  }

  /** The tree up to `position` as events record it: its size and base64 root. */
  async checkpointAt(position: Position | undefined): Promise<LogCheckpoint> {
    return logCheckpointOf(await this.treeAt(position));
  }

  /** The tree over the whole log now, as events record it. */
  async currentCheckpoint(): Promise<LogCheckpoint> {
    return logCheckpointOf(await this.currentTree());
  }

  async inclusion(position: Position, treeSize?: number): Promise<InclusionProof> {
    return this.proofs.inclusion(position, treeSize);
  }

  async consistency(from: number, to: number): Promise<ConsistencyProof> {
    return this.proofs.consistency(from, to);
  }

  private async reach(position: Position): Promise<void> {
    const timeoutMs = this.config.readYourWritesTimeoutMs;
    if (!(await this.stores.ledger.waitFor(position, timeoutMs))) throw new LedgerBehindError(position, timeoutMs);
  }
}

function logCheckpointOf(tree: TreeHead): LogCheckpoint {
  return { treeSize: tree.treeSize, rootHash: toBase64(tree.rootHash) };
}
