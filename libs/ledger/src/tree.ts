import { EMPTY_ROOT, nodeHash, type Hash } from './hashing.js';

/**
 * The shape of an RFC 9162 Merkle tree over leaves 0, 1, 2, ...: which subtrees a root or a proof is
 * made of. Only hashes of perfect subtrees (2^level leaves, aligned) are ever stored, and of those only
 * the leaves and every `STORED_LEVEL_STRIDE`-th level above them; every other subtree hash is folded
 * from them here, so a store answers a proof with one batched read and an append writes a leaf and,
 * on average, a fifteenth of a node.
 */

/** The perfect subtree of 2^level leaves starting at leaf `index * 2^level`. */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

/** The leaves `start` (inclusive) to `end` (exclusive): a subtree of the tree, as the RFC's D[start:end]. */
export interface LeafRange {
  readonly start: number;
  readonly end: number;
}

/** A perfect node's hash, found by its id. */
export type NodeLookup = (node: NodeId) => Hash;

/** Levels 0, 4, 8, ... are stored; a node between is at most 2^3 stored nodes and 7 hashes away. */
export const STORED_LEVEL_STRIDE = 4;

export function isStoredLevel(level: number): boolean {
  return level % STORED_LEVEL_STRIDE === 0;
}

/** The stored nodes a perfect node is folded from: itself when its level is stored, else its descendants at the stored level below. */
export function storedNodesOf(node: NodeId): NodeId[] {
  const depth = node.level % STORED_LEVEL_STRIDE;
  const level = node.level - depth;
  const width = 2 ** depth;
  return Array.from({ length: width }, (_, offset) => ({ level, index: node.index * width + offset }));
}

/** Tree sizes and leaf indexes are exact integers; the log will not outgrow 2^53 events. */
function assertCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a whole number >= 0, got ${value}`);
}

/** The largest power of two smaller than `n` (n >= 2): the RFC's k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The perfect subtrees a subtree of the tree consists of, largest first. `range.start` is a multiple of
 * the smallest power of two not below the range's size, as for every subtree in RFC 9162's recursion.
 */
export function perfectNodes(range: LeafRange): NodeId[] {
  const nodes: NodeId[] = [];
  let start = range.start;
  while (start < range.end) {
    let level = 0;
    while (start % 2 ** (level + 1) === 0 && start + 2 ** (level + 1) <= range.end) level += 1;
    nodes.push({ level, index: start / 2 ** level });
    start += 2 ** level;
  }
  return nodes;
}

/**
 * MTH(D[start:end]): the right fold of its perfect subtrees, which is what the RFC's recursion on the
 * split point computes, since the left part of every split is itself perfect.
 */
export function rangeHash(range: LeafRange, lookup: NodeLookup): Hash {
  const nodes = perfectNodes(range);
  if (nodes.length === 0) return EMPTY_ROOT;
  let hash = lookup(nodes[nodes.length - 1]!);
  for (let i = nodes.length - 2; i >= 0; i--) hash = nodeHash(lookup(nodes[i]!), hash);
  return hash;
}

/** The subtrees whose hashes make up the inclusion proof of leaf `index` in a tree of `size`: RFC 9162 §2.1.3.1, PATH(m, D[n]). */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  assertCount(index, 'the leaf index');
  assertCount(size, 'the tree size');
  if (index >= size) throw new RangeError(`leaf ${index} is not in a tree of ${size} leaves`);
  const ranges: LeafRange[] = [];
  let start = 0;
  let n = size;
  let m = index;
  while (n > 1) {
    const k = splitPoint(n);
    if (m < k) {
      ranges.push({ start: start + k, end: start + n });
      n = k;
    } else {
      ranges.push({ start, end: start + k });
      start += k;
      m -= k;
      n -= k;
    }
  }
  return ranges.reverse();
}

/**
 * The subtrees whose hashes make up the consistency proof from a tree of `from` leaves to one of `to`:
 * RFC 9162 §2.1.4.1, PROOF(m, D[n]) = SUBPROOF(m, D[n], true). Empty when `from` is 0 or equals `to`.
 */
export function consistencyRanges(from: number, to: number): LeafRange[] {
  assertCount(from, 'the first tree size');
  assertCount(to, 'the second tree size');
  if (from > to) throw new RangeError(`a tree of ${from} leaves cannot grow into one of ${to}`);
  if (from === 0 || from === to) return [];
  const ranges: LeafRange[] = [];
  let start = 0;
  let n = to;
  let m = from;
  let whole = true;
  while (m !== n) {
    const k = splitPoint(n);
    if (m <= k) {
      ranges.push({ start: start + k, end: start + n });
      n = k;
    } else {
      ranges.push({ start, end: start + k });
      start += k;
      m -= k;
      n -= k;
      whole = false;
    }
  }
  if (!whole) ranges.push({ start, end: start + n });
  return ranges.reverse();
}

/** Every stored node the hashes of `ranges` need, each once: what a store reads in one batch. */
export function nodesOf(ranges: readonly LeafRange[]): NodeId[] {
  const seen = new Map<string, NodeId>();
  for (const range of ranges) {
    for (const node of perfectNodes(range).flatMap(storedNodesOf)) seen.set(nodeKey(node), node);
  }
  return [...seen.values()];
}

export function nodeKey(node: NodeId): string {
  return `${node.level}:${node.index}`;
}

/**
 * A lookup of any perfect node over a batch of stored nodes read from a store, folding the levels
 * between the stored ones; a stored node missing from the batch is a store defect.
 */
export function lookupIn(nodes: ReadonlyMap<string, Hash>): NodeLookup {
  const stored = (node: NodeId) => {
    const hash = nodes.get(nodeKey(node));
    if (hash === undefined) throw new Error(`the tree has no node at level ${node.level}, index ${node.index}`);
    return hash;
  };
  return (node) => {
    let level = storedNodesOf(node).map(stored);
    while (level.length > 1) level = Array.from({ length: level.length / 2 }, (_, i) => nodeHash(level[2 * i]!, level[2 * i + 1]!));
    return level[0]!;
  };
}

/** A perfect node a leaf completed, with its hash: what an append stores. */
export interface NewNode extends NodeId {
  readonly hash: Hash;
}

/**
 * The right edge of the tree: the roots of the perfect subtrees that make up its leaves so far, one per
 * set bit of the size. Appending a leaf completes the nodes above it whose right child it finishes,
 * O(log n) hashes, and the root is their fold.
 */
export class Frontier {
  private constructor(
    private treeSize: number,
    /** By level; only the levels of the size's set bits hold a hash. */
    private readonly edge: (Hash | undefined)[],
  ) {}

  static empty(): Frontier {
    return new Frontier(0, []);
  }

  /** The frontier of a tree of `size` leaves whose perfect nodes `lookup` finds. */
  static of(size: number, lookup: NodeLookup): Frontier {
    assertCount(size, 'the tree size');
    const edge: (Hash | undefined)[] = [];
    for (const node of perfectNodes({ start: 0, end: size })) edge[node.level] = lookup(node);
    return new Frontier(size, edge);
  }

  /** The perfect nodes a frontier of `size` leaves is made of. */
  static nodesOf(size: number): NodeId[] {
    return perfectNodes({ start: 0, end: size });
  }

  get size(): number {
    return this.treeSize;
  }

  /** Adds the next leaf and answers every perfect node it completes, the leaf itself first. */
  append(leaf: Hash): NewNode[] {
    const index = this.treeSize;
    const completed: NewNode[] = [{ level: 0, index, hash: leaf }];
    let carry = leaf;
    let level = 0;
    while (this.edge[level] !== undefined) {
      carry = nodeHash(this.edge[level]!, carry);
      this.edge[level] = undefined;
      level += 1;
      completed.push({ level, index: (index + 1) / 2 ** level - 1, hash: carry });
    }
    this.edge[level] = carry;
    this.treeSize += 1;
    return completed;
  }

  root(): Hash {
    let root: Hash | undefined;
    for (const hash of this.edge) {
      if (hash !== undefined) root = root === undefined ? hash : nodeHash(hash, root);
    }
    return root ?? EMPTY_ROOT;
  }

  copy(): Frontier {
    return new Frontier(this.treeSize, [...this.edge]);
  }
}
