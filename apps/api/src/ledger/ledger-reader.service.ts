import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '#config';
import { LedgerProofs, NotFoundError, type ConsistencyProof, type InclusionProof, type Position, type TreeHead } from '#kernel';
import type { LogCheckpoint } from '#domain/shared/log-checkpoint.js';
import { EMPTY_ROOT, toBase64 } from '#ledger';
import { APP_CONFIG, STORES, type Stores } from '#persistence';
import { LedgerBehindError } from '../platform/http-errors.js';
import { checkpointView, DEFAULT_CHECKPOINT_PAGE, type CheckpointPage, type CheckpointPageQuery, type CheckpointView } from './ledger.dto.js';

/** A position of the log with the ledger's tree up to it: what a command pins its reads to and records. */
export interface PinnedHead {
  readonly position: Position;
  readonly checkpoint: LogCheckpoint;
}

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

  /**
   * The log as it is now, for a command to read at and record: its last position (0 before anything
   * was recorded) and the ledger's tree up to it, as events record it, once the ledger holds it.
   */
  async pinnedHead(): Promise<PinnedHead> {
    const head = await this.stores.events.headPosition();
    return { position: head ?? 0n, checkpoint: logCheckpointOf(await this.treeAt(head)) };
  }

  async latestCheckpoint(): Promise<CheckpointView> {
    const latest = await this.stores.ledger.latestCheckpoint();
    if (latest === undefined) throw new NotFoundError('checkpoint', 'latest');
    return checkpointView(latest);
  }

  /** A page of the signed checkpoints, oldest first: one more is read to know whether another page follows. */
  async checkpointPage({ cursor, limit = DEFAULT_CHECKPOINT_PAGE }: CheckpointPageQuery): Promise<CheckpointPage> {
    const page = await this.stores.ledger.checkpoints({ ...(cursor !== undefined ? { afterSize: Number(cursor) } : {}), limit: limit + 1 });
    const items = page.slice(0, limit).map(checkpointView);
    return { items, nextCursor: page.length > limit ? String(items.at(-1)!.treeSize) : null };
  }

  async inclusion(position: Position, treeSize?: number): Promise<InclusionProof> {
    return this.proofs.inclusion(position, treeSize);
  }

  async consistency(from: number, to: number): Promise<ConsistencyProof> {
    return this.proofs.consistency(from, to);
  }

  /** Before anything was recorded the tree is empty, and there is nothing for the ledger to reach. */
  private async treeAt(position: Position | undefined): Promise<TreeHead> {
    if (position === undefined) return { treeSize: 0, rootHash: EMPTY_ROOT };
    await this.reach(position);
    return this.proofs.headAt(position);
  }

  private async reach(position: Position): Promise<void> {
    const timeoutMs = this.config.readYourWritesTimeoutMs;
    if (!(await this.stores.ledger.waitFor(position, timeoutMs))) throw new LedgerBehindError(position, timeoutMs);
  }
}

function logCheckpointOf(tree: TreeHead): LogCheckpoint {
  return { treeSize: tree.treeSize, rootHash: toBase64(tree.rootHash) };
}
