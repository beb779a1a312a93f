import {
  eventLeaf,
  Frontier,
  isStoredLevel,
  lookupIn,
  nodeKey,
  nodesOf,
  openCheckpoint,
  sameHash,
  toBase64,
  type Checkpoint,
  type EventLeaf,
  type Hash,
  type NewNode,
  type NoteVerifierKey,
  type StoredEvent,
} from '#ledger';
import type { Position } from './events.js';
import { LedgerProofs, type Ledger, type LedgerLeaf, type SignedCheckpoint } from './ledger.js';

/** How the log differs from what its ledger and checkpoints say it was. */
export type TamperKind =
  /** An event's payload bytes are not those its leaf was made of. */
  | 'payload-changed'
  /** An event's metadata, or its envelope (id, stream, revision, type, recording time), is not what its leaf was made of. */
  | 'metadata-changed'
  /** The ledger holds a leaf for a position the log no longer has, with later events still there. */
  | 'event-missing'
  /** The log holds an event the ledger never hashed. */
  | 'event-added'
  /** An event holds the payload another leaf was made of: events were swapped or moved. */
  | 'order-changed'
  /** The log ends before the ledger or a checkpoint says it did. */
  | 'log-truncated'
  /** A stored checkpoint's signature does not verify, or its note does not say what is stored beside it. */
  | 'checkpoint-invalid'
  /** The tree recomputed from the log has another root than a checkpoint, or another node than the ledger stores. */
  | 'tree-mismatch';

export interface Tampering {
  readonly kind: TamperKind;
  /** The first position found wrong; undefined when the log is wrong before any event (an empty log against a checkpoint). */
  readonly position: Position | undefined;
  readonly detail: string;
}

export interface VerificationReport {
  readonly intact: boolean;
  /** Events whose leaves were recomputed. */
  readonly eventsChecked: number;
  /** Leaves the ledger held when verification started. */
  readonly treeSize: number;
  /** Where verification started: after the leaves it trusted. */
  readonly fromIndex: number;
  readonly checkpointsChecked: number;
  /** The trusted checkpoint, when one was given and the log holds it. */
  readonly trustedCheckpoint?: Checkpoint;
  readonly tampering?: Tampering;
}

export interface VerificationProgress {
  readonly checked: number;
  readonly total: number;
}

/**
 * Leaves recomputed from the events as stored, packed as they cross threads: from leaf `fromIndex`
 * on, each one's position and its 32-byte hash.
 */
export interface LeafBatch {
  readonly fromIndex: number;
  readonly positions: BigUint64Array;
  readonly leafHashes: Uint8Array;
}

/**
 * Recomputes the leaves `fromIndex` to `toIndex` (exclusive) from the events as stored, compares them
 * with the ledger's, and hands each page of them to `onLeaves`; answers the first tampering found. The
 * ranges of one log can be checked apart, and at once (see `VerifyOptions.checkLeaves`): batches of
 * different ranges may come in any order, those of one range come in order.
 */
export type LeafRangeCheck = (fromIndex: number, toIndex: number, onLeaves: (batch: LeafBatch) => void) => Promise<Tampering | undefined>;

const HASH_BYTES = 32;

export interface VerifyOptions {
  /** The log's public key: every stored checkpoint must carry its signature. */
  readonly key: NoteVerifierKey;
  /** A checkpoint kept outside the system, opened with `key` by the caller; the log must hold it. */
  readonly trusted?: Checkpoint;
  /** Recompute the leaves from this position on, trusting the stored tree before it. */
  readonly from?: Position;
  readonly onProgress?: (progress: VerificationProgress) => void;
  /** How often `onProgress` is called, in events; default 10,000. */
  readonly progressEvery?: number;
  readonly signal?: AbortSignal;
  /** Where the leaves are recomputed, e.g. in worker threads, one range each; default: here, in one go. */
  readonly checkLeaves?: LeafRangeCheck;
}

const PAGE = 2000;

/** Tampering found: ends the pass that found it. */
class Found extends Error {
  constructor(readonly tampering: Tampering) {
    super(tampering.detail);
  }
}

/** Runs a pass that throws `Found`; answers what it found. */
async function firstFound(pass: () => Promise<void>): Promise<Tampering | undefined> {
  try {
    await pass();
    return undefined;
  } catch (error) {
    if (error instanceof Found) return error.tampering;
    throw error;
  }
}

/**
 * Two passes over the log, which may run at once: the leaves recomputed from the bytes the log holds
 * and compared with the ledger's (`checkLeaves`), and the tree folded again from the ledger's leaves,
 * its root compared with every stored checkpoint (whose signatures are checked) and with a trusted
 * one, and its nodes with the stored ones. Together they prove the checkpoints roots of the log as it
 * is; equal roots also prove the checkpoints consistent with each other, each a prefix of one tree.
 * Reports the first position found wrong.
 */
export async function verifyLedger(ledger: Ledger, options: VerifyOptions): Promise<VerificationReport> {
  const treeSize = await ledger.size();
  const fromIndex = options.from === undefined ? 0 : await ledger.sizeAt(options.from - 1n);
  const fold = new TreeFold(ledger, options, fromIndex);
  const total = treeSize - fromIndex;
  const every = options.progressEvery ?? 10_000;
  let eventsChecked = 0;
  const onLeaves = (batch: LeafBatch) => {
    const before = Math.floor(eventsChecked / every);
    eventsChecked += batch.positions.length;
    if (Math.floor(eventsChecked / every) > before || eventsChecked === total) options.onProgress?.({ checked: eventsChecked, total });
    fold.receive(batch);
  };
  const checkLeaves = options.checkLeaves ?? ((from, to, leaves) => checkLeafRange(ledger, from, to, { signal: options.signal, onLeaves: leaves }));
  const started = await firstFound(() => fold.start());
  const found = started ?? (fromIndex < treeSize ? await checkLeaves(fromIndex, treeSize, onLeaves) : undefined);
  const folded = started ?? (await firstFound(() => fold.finish(treeSize, found === undefined)));
  const tampering = earliestTampering([found, folded, await eventsAfter(ledger, fold.lastPosition)]);
  return {
    intact: tampering === undefined,
    eventsChecked,
    treeSize,
    fromIndex,
    checkpointsChecked: fold.checkpointsChecked,
    ...(options.trusted ? { trustedCheckpoint: options.trusted } : {}),
    ...(tampering ? { tampering } : {}),
  };
}

/** The first position found wrong; a problem before the first event comes first. */
export function earliestTampering(found: readonly (Tampering | undefined)[]): Tampering | undefined {
  const problems = found.filter((tampering): tampering is Tampering => tampering !== undefined);
  problems.sort((a, b) => (a.position === undefined ? -1 : b.position === undefined ? 1 : a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  return problems[0];
}

/**
 * An event after the last leaf that a ledger written with its events does not hold was slipped into
 * the log. One appended since verification began has its leaf by now.
 */
async function eventsAfter(ledger: Ledger, lastPosition: Position | undefined): Promise<Tampering | undefined> {
  if (!ledger.writtenWithEvents) return undefined;
  for await (const [event] of ledger.readStored(lastPosition)) {
    if (event === undefined) continue;
    return (await ledger.leafAt(event.position)) === undefined ? added(event) : undefined;
  }
  return undefined;
}

/**
 * The leaves `fromIndex` to `toIndex` recomputed from the events as stored, compared with the
 * ledger's: the work of `verifyLedger` that costs, one range at a time.
 */
export async function checkLeafRange(
  ledger: Ledger,
  fromIndex: number,
  toIndex: number,
  options: { readonly signal?: AbortSignal; readonly onLeaves?: (batch: LeafBatch) => void } = {},
): Promise<Tampering | undefined> {
  return firstFound(async () => {
    const [before] = fromIndex === 0 ? [] : await ledger.leaves(fromIndex - 1, 1);
    const pages = ledger.readStored(before?.position)[Symbol.asyncIterator]();
    let page: readonly StoredEvent[] = [];
    let at = 0;
    try {
      for (let index = fromIndex; index < toIndex; ) {
        const leaves = await ledger.leaves(index, Math.min(PAGE, toIndex - index));
        if (leaves.length === 0) return;
        const batch = { fromIndex: index, positions: new BigUint64Array(leaves.length), leafHashes: new Uint8Array(leaves.length * HASH_BYTES) };
        for (let offset = 0; offset < leaves.length; offset++) {
          const leaf = leaves[offset]!;
          if (at === page.length) [page, at] = [(await pages.next()).value ?? [], 0];
          const event = page[at];
          if (event === undefined) throw new Found(truncation(leaf));
          if (event.position > leaf.position) throw new Found(missing(leaf));
          if (event.position < leaf.position) throw new Found(added(event));
          const recomputed = eventLeaf(event);
          if (!sameHash(recomputed.leafHash, leaf.leafHash)) throw new Found(await leafDifference(ledger, event, recomputed, leaf));
          batch.positions[offset] = leaf.position;
          batch.leafHashes.set(recomputed.leafHash, offset * HASH_BYTES);
          at += 1;
        }
        index += leaves.length;
        options.onLeaves?.(batch);
        options.signal?.throwIfAborted();
        // A store read synchronously would otherwise hold the event loop for the whole range.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      await pages.return?.();
    }
  });
}

/** What differs between an event and its leaf: its payload (changed, or another event's), its metadata, or its envelope. */
async function leafDifference(ledger: Ledger, event: StoredEvent, recomputed: EventLeaf, leaf: LedgerLeaf): Promise<Tampering> {
  const { position } = event;
  if (!sameHash(recomputed.payloadHash, leaf.payloadHash)) {
    const owner = await leafWithPayload(ledger, recomputed.payloadHash);
    return owner === undefined
      ? { kind: 'payload-changed', position, detail: `the payload of the event at position ${position} is not the one its leaf was made of` }
      : {
          kind: 'order-changed',
          position,
          detail: `the event at position ${position} holds the payload of the event at position ${owner.position}: events were swapped or moved`,
        };
  }
  const part = sameHash(recomputed.metadataHash, leaf.metadataHash) ? 'envelope (id, stream, revision, type or recording time)' : 'metadata';
  return { kind: 'metadata-changed', position, detail: `the ${part} of the event at position ${position} is not what its leaf was made of` };
}

async function leafWithPayload(ledger: Ledger, payloadHash: Hash): Promise<EventLeaf | undefined> {
  for (let index = 0; ; index += PAGE) {
    const page = await ledger.leaves(index, PAGE);
    const found = page.find((leaf) => sameHash(leaf.payloadHash, payloadHash));
    if (found !== undefined || page.length < PAGE) return found;
  }
}

/**
 * The tree folded again from the recomputed leaves, checked against every checkpoint and the stored
 * nodes. Batches come as the leaf checks deliver them; each is folded once the ones before it are.
 */
class TreeFold {
  checkpointsChecked = 0;
  lastPosition: Position | undefined;
  private frontier: Frontier = Frontier.empty();
  private readonly checkpointsBySize = new Map<number, SignedCheckpoint>();
  private readonly waiting = new Map<number, LeafBatch>();
  private folding: Promise<void> = Promise.resolve();
  private found: Found | undefined;

  constructor(
    private readonly ledger: Ledger,
    private readonly options: VerifyOptions,
    private readonly fromIndex: number,
  ) {}

  /** Checks the checkpoints' signatures and what lies below `fromIndex`, before any leaf comes. */
  async start(): Promise<void> {
    await this.loadCheckpoints();
    await this.startAfterTrustedPrefix();
  }

  receive(batch: LeafBatch): void {
    this.waiting.set(batch.fromIndex, batch);
    this.folding = this.folding.then(() => this.foldWaiting());
  }

  /** Once every batch came: what the fold found, and, when every leaf was there, what it could not reach. */
  async finish(treeSize: number, complete: boolean): Promise<void> {
    await this.folding;
    if (this.found) throw this.found;
    if (complete) this.checkEnd(treeSize);
  }

  private async foldWaiting(): Promise<void> {
    for (let batch = this.waiting.get(this.frontier.size); batch !== undefined && !this.found; batch = this.waiting.get(this.frontier.size)) {
      this.waiting.delete(batch.fromIndex);
      try {
        await this.fold(batch);
      } catch (error) {
        if (!(error instanceof Found)) throw error;
        this.found = error;
      }
    }
  }

  private async fold(batch: LeafBatch): Promise<void> {
    const completed: NewNode[] = [];
    for (let offset = 0; offset < batch.positions.length; offset++) {
      const leafHash = batch.leafHashes.subarray(offset * HASH_BYTES, (offset + 1) * HASH_BYTES);
      for (const node of this.frontier.append(leafHash)) if (node.level > 0 && isStoredLevel(node.level)) completed.push(node);
      this.lastPosition = batch.positions[offset]!;
      this.checkCheckpointsAt(this.frontier.size, this.lastPosition);
    }
    await this.compareNodes(completed);
  }

  /** Every stored checkpoint, its signature checked now; its root is checked when the fold reaches its size. */
  private async loadCheckpoints(): Promise<void> {
    for (let afterSize: number | undefined; ; ) {
      const page = await this.ledger.checkpoints({ afterSize, limit: 500 });
      for (const checkpoint of page) {
        const problem = signatureProblem(checkpoint, this.options.key);
        if (problem !== undefined) {
          throw new Found({ kind: 'checkpoint-invalid', position: await this.positionOfSize(checkpoint.treeSize), detail: `checkpoint of tree size ${checkpoint.treeSize}: ${problem}` });
        }
        this.checkpointsBySize.set(checkpoint.treeSize, checkpoint);
      }
      if (page.length < 500) return;
      afterSize = page[page.length - 1]!.treeSize;
    }
  }

  /** Below `fromIndex` the stored tree is trusted: checkpoints there are checked against it, and the fold starts from its frontier. */
  private async startAfterTrustedPrefix(): Promise<void> {
    if (this.fromIndex === 0) return;
    const proofs = new LedgerProofs(this.ledger);
    const earlier = [...this.checkpointsBySize.values(), ...(this.options.trusted ? [this.options.trusted] : [])].filter(
      (checkpoint) => checkpoint.treeSize <= this.fromIndex,
    );
    for (const checkpoint of earlier) {
      this.compareRoot(checkpoint.treeSize, checkpoint.rootHash, (await proofs.head(checkpoint.treeSize)).rootHash, 'checkpoint');
    }
    const prefix = { start: 0, end: this.fromIndex };
    this.frontier = Frontier.of(this.fromIndex, lookupIn(await this.ledger.nodes(nodesOf([prefix]))));
    this.lastPosition = (await this.ledger.leaves(this.fromIndex - 1, 1))[0]?.position;
  }

  private checkCheckpointsAt(size: number, position: Position): void {
    const stored = this.checkpointsBySize.get(size);
    if (stored !== undefined) {
      this.compareRoot(size, stored.rootHash, this.frontier.root(), 'checkpoint', position);
      this.checkpointsChecked += 1;
    }
    if (this.options.trusted?.treeSize === size) this.compareRoot(size, this.options.trusted.rootHash, this.frontier.root(), 'trusted checkpoint', position);
  }

  private compareRoot(size: number, expected: Hash, actual: Hash, what: string, position?: Position): void {
    if (sameHash(expected, actual)) return;
    throw new Found({
      kind: 'tree-mismatch',
      position,
      detail:
        `the log up to tree size ${size} has root ${toBase64(actual)}, the ${what} says ${toBase64(expected)}: ` +
        'events at or before this position were changed and their leaves rewritten to match',
    });
  }

  /** The stored nodes must be the ones the leaves complete: proofs are answered from them. */
  private async compareNodes(completed: readonly NewNode[]): Promise<void> {
    if (completed.length === 0) return;
    const stored = await this.ledger.nodes(completed);
    for (const node of completed) {
      const hash = stored.get(nodeKey(node));
      if (hash === undefined || !sameHash(hash, node.hash)) {
        const [firstLeaf] = await this.ledger.leaves(node.index * 2 ** node.level, 1);
        throw new Found({
          kind: 'tree-mismatch',
          position: firstLeaf?.position,
          detail: `the stored tree node at level ${node.level}, index ${node.index} is not the one its leaves make: proofs from it would fail`,
        });
      }
    }
  }

  /** What the fold could not reach: checkpoints and a trusted checkpoint of more leaves than the log holds. */
  private checkEnd(treeSize: number): void {
    const beyond = [...this.checkpointsBySize.keys(), this.options.trusted?.treeSize ?? 0].filter((size) => size > treeSize);
    if (beyond.length === 0) return;
    const largest = Math.max(...beyond);
    const after = this.lastPosition === undefined ? 'the start of the log' : `position ${this.lastPosition}`;
    throw new Found({
      kind: 'log-truncated',
      position: this.lastPosition === undefined ? undefined : this.lastPosition + 1n,
      detail: `a checkpoint covers ${largest} events, the log holds ${treeSize}: the events after ${after} are gone`,
    });
  }

  private async positionOfSize(size: number): Promise<Position | undefined> {
    return size === 0 ? undefined : (await this.ledger.leaves(size - 1, 1))[0]?.position;
  }
}

/** The log ended before the leaves did: every later leaf lost its event. */
function truncation(leaf: LedgerLeaf): Tampering {
  return {
    kind: 'log-truncated',
    position: leaf.position,
    detail: `the log ends before position ${leaf.position}: the ledger holds leaves of events no longer in it, from leaf ${leaf.index} on`,
  };
}

function signatureProblem(checkpoint: SignedCheckpoint, key: NoteVerifierKey): string | undefined {
  try {
    const signed = openCheckpoint(checkpoint.note, key);
    if (signed.treeSize !== checkpoint.treeSize || !sameHash(signed.rootHash, checkpoint.rootHash)) {
      return 'its signed note states another tree than the one stored beside it';
    }
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function missing(leaf: LedgerLeaf): Tampering {
  return { kind: 'event-missing', position: leaf.position, detail: `the event at position ${leaf.position} (leaf ${leaf.index}) is missing from the log` };
}

function added(event: StoredEvent): Tampering {
  return { kind: 'event-added', position: event.position, detail: `the event at position ${event.position} is in the log but was never hashed into the ledger` };
}
