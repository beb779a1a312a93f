import {
  consistencyRanges,
  EMPTY_ROOT,
  inclusionRanges,
  lookupIn,
  nodesOf,
  rangeHash,
  type Checkpoint,
  type EventLeaf,
  type Hash,
  type LeafRange,
  type NewNode,
  type NodeId,
  type StoredEvent,
} from '#ledger';
import { NotFoundError, ValidationError } from './errors.js';
import type { Position } from './events.js';

/** A leaf as the ledger holds it, with its place in the tree: leaves are numbered 0, 1, ... in log order. */
export interface LedgerLeaf extends EventLeaf {
  readonly index: number;
}

/** The tree over the first `treeSize` events of the log. */
export interface TreeHead {
  readonly treeSize: number;
  readonly rootHash: Hash;
}

/** A checkpoint as the log signed it: the C2SP note, and when it was signed. */
export interface SignedCheckpoint extends Checkpoint {
  readonly note: string;
  readonly signedAt: string;
}

export interface CheckpointPage {
  /** Checkpoints of tree sizes above this one; absent: from the first. */
  readonly afterSize?: number;
  readonly limit: number;
}

/**
 * Where a ledger keeps its tree: the leaves, the stored perfect nodes above them, and the signed
 * checkpoints. What is kept never changes once written, so writing the same leaves twice (two
 * followers, or a retry after a crash) changes nothing.
 */
export interface LedgerTables {
  /** How many leaves the tree holds. */
  size(): Promise<number>;
  /** Up to `limit` leaves from leaf `fromIndex` on, in index order. */
  leaves(fromIndex: number, limit: number): Promise<LedgerLeaf[]>;
  /** The hashes of stored perfect nodes, keyed by `nodeKey`; a node of a subtree not yet complete is missing. */
  nodes(ids: readonly NodeId[]): Promise<ReadonlyMap<string, Hash>>;
  /**
   * Adds leaves `fromIndex`, `fromIndex + 1`, ... and the stored nodes they complete. The nodes are
   * kept before the leaves that complete them, so that a tree of any size the leaves show can be
   * continued. `fromIndex` must be the current size.
   */
  appendLeaves(fromIndex: number, leaves: readonly EventLeaf[], nodes: readonly NewNode[]): Promise<void>;
  /** Keeps a signed checkpoint; false when one of its tree size is kept already (it is not replaced). */
  addCheckpoint(checkpoint: SignedCheckpoint): Promise<boolean>;
  latestCheckpoint(): Promise<SignedCheckpoint | undefined>;
  checkpoints(page: CheckpointPage): Promise<SignedCheckpoint[]>;
}

/**
 * The proof side of the event log: an RFC 9162 Merkle tree with one leaf per event, in position
 * order, and the checkpoints signed over it. Every adapter passes the contract suite in
 * `test/contract/ledger.contract.ts`.
 *
 * A ledger stores; it never decides what a proof is. Tree heads and proofs are folded from the
 * perfect nodes it returns by `LedgerProofs`, the same code for every adapter.
 */
export interface Ledger extends Omit<LedgerTables, 'appendLeaves'> {
  /**
   * True when leaves are written in the transaction of their events: an event without a leaf was then
   * slipped into the log. False for a ledger that follows the log and may lag behind it.
   */
  readonly writtenWithEvents: boolean;
  /** The leaf of the event at `position`; undefined when the ledger holds none for it. */
  leafAt(position: Position): Promise<LedgerLeaf | undefined>;
  /** How many leaves have a position at or below `position`: the tree that covers the log up to it. */
  sizeAt(position: Position): Promise<number>;
  /**
   * The log's events as stored, after `after` (exclusive) in position order, a page at a time: the
   * bytes a leaf is made of, for recomputing the leaves. Reads up to the head as it is when reading starts.
   */
  readStored(after?: Position): AsyncIterable<readonly StoredEvent[]>;
  /** Resolves true once the tree holds the event at `position` (or the log's head when absent), false after `timeoutMs`. */
  waitFor(position: Position | undefined, timeoutMs: number): Promise<boolean>;
}

/**
 * How many leaves have a position at or below `position`: a bisection over the leaf index, since
 * positions grow with it. What every ledger answers `sizeAt` and `leafAt` with.
 */
export async function countLeavesAt(tables: Pick<LedgerTables, 'size' | 'leaves'>, position: Position): Promise<number> {
  let [low, high] = [0, await tables.size()];
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const [leaf] = await tables.leaves(middle, 1);
    if (leaf !== undefined && leaf.position <= position) low = middle + 1;
    else high = middle;
  }
  return low;
}

export async function leafAtPosition(tables: Pick<LedgerTables, 'size' | 'leaves'>, position: Position): Promise<LedgerLeaf | undefined> {
  const count = await countLeavesAt(tables, position);
  if (count === 0) return undefined;
  const [leaf] = await tables.leaves(count - 1, 1);
  return leaf?.position === position ? leaf : undefined;
}

/** What every ledger answers from its tables alike; an adapter adds how it reads the log and keeps up with it. */
export abstract class LedgerOnTables<T extends LedgerTables = LedgerTables> implements Omit<Ledger, 'writtenWithEvents' | 'readStored' | 'waitFor'> {
  constructor(readonly tables: T) {}

  size(): Promise<number> {
    return this.tables.size();
  }

  leaves(fromIndex: number, limit: number): Promise<LedgerLeaf[]> {
    return this.tables.leaves(fromIndex, limit);
  }

  nodes(ids: readonly NodeId[]): Promise<ReadonlyMap<string, Hash>> {
    return this.tables.nodes(ids);
  }

  leafAt(position: Position): Promise<LedgerLeaf | undefined> {
    return leafAtPosition(this.tables, position);
  }

  sizeAt(position: Position): Promise<number> {
    return countLeavesAt(this.tables, position);
  }

  addCheckpoint(checkpoint: SignedCheckpoint): Promise<boolean> {
    return this.tables.addCheckpoint(checkpoint);
  }

  latestCheckpoint(): Promise<SignedCheckpoint | undefined> {
    return this.tables.latestCheckpoint();
  }

  checkpoints(page: CheckpointPage): Promise<SignedCheckpoint[]> {
    return this.tables.checkpoints(page);
  }
}

/** An inclusion proof: the leaf, the tree it is proven in, and the path between them. */
export interface InclusionProof {
  readonly leaf: LedgerLeaf;
  readonly head: TreeHead;
  readonly proof: readonly Hash[];
}

export interface ConsistencyProof {
  readonly from: TreeHead;
  readonly to: TreeHead;
  readonly proof: readonly Hash[];
}

/** Tree heads and proofs over any ledger, folded from the perfect nodes it stores in one read each. */
export class LedgerProofs {
  constructor(private readonly ledger: Ledger) {}

  /** The tree head over the first `treeSize` leaves; the current one without a size. */
  async head(treeSize?: number): Promise<TreeHead> {
    const size = await this.checkedSize(treeSize ?? (await this.ledger.size()), 'treeSize');
    const [rootHash] = await this.hashesOf([{ start: 0, end: size }]);
    return { treeSize: size, rootHash: rootHash! };
  }

  /** The tree head that covers the log up to `position`: what a pinned position is proven against. */
  async headAt(position: Position): Promise<TreeHead> {
    return this.head(await this.ledger.sizeAt(position));
  }

  /** Proves the event at `position` in the tree of `treeSize` leaves (default: the current tree). */
  async inclusion(position: Position, treeSize?: number): Promise<InclusionProof> {
    const leaf = await this.ledger.leafAt(position);
    if (leaf === undefined) throw new NotFoundError('ledger leaf at position', position.toString());
    const size = await this.checkedSize(treeSize ?? (await this.ledger.size()), 'treeSize');
    if (leaf.index >= size) {
      throw new ValidationError(`the event at position ${position} is leaf ${leaf.index}, outside a tree of ${size} leaves`, [
        { field: 'treeSize', message: `must be above ${leaf.index} to hold the event at position ${position}` },
      ]);
    }
    const ranges = inclusionRanges(leaf.index, size);
    const [rootHash, ...proof] = await this.hashesOf([{ start: 0, end: size }, ...ranges]);
    return { leaf, head: { treeSize: size, rootHash: rootHash! }, proof };
  }

  /** Proves the tree of `from` leaves a prefix of the tree of `to` leaves. */
  async consistency(from: number, to: number): Promise<ConsistencyProof> {
    const toSize = await this.checkedSize(to, 'to');
    if (!Number.isSafeInteger(from) || from < 0 || from > toSize) {
      throw new ValidationError(`from ${from} is not a tree size between 0 and ${toSize}`, [{ field: 'from', message: `must be between 0 and to (${toSize})` }]);
    }
    const [fromRoot, toRoot, ...proof] = await this.hashesOf([{ start: 0, end: from }, { start: 0, end: toSize }, ...consistencyRanges(from, toSize)]);
    return { from: { treeSize: from, rootHash: fromRoot! }, to: { treeSize: toSize, rootHash: toRoot! }, proof };
  }

  private async hashesOf(ranges: readonly LeafRange[]): Promise<Hash[]> {
    const lookup = lookupIn(await this.ledger.nodes(nodesOf(ranges)));
    return ranges.map((range) => (range.end === 0 ? EMPTY_ROOT : rangeHash(range, lookup)));
  }

  private async checkedSize(treeSize: number, field: string): Promise<number> {
    const size = await this.ledger.size();
    if (!Number.isSafeInteger(treeSize) || treeSize < 0 || treeSize > size) {
      throw new ValidationError(`${field} ${treeSize} is not a tree size of this ledger, which holds ${size} leaves`, [
        { field, message: `must be a whole number between 0 and ${size}` },
      ]);
    }
    return treeSize;
  }
}
