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
} from '#libs/ledger/src/index.js';
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
}

const PAGE = 2000;

/** Tampering found: ends the walk, which reports the first one. */
class Found extends Error {
  constructor(readonly tampering: Tampering) {
    super(tampering.detail);
  }
}

/**
 * Recomputes every leaf from the bytes the log holds and compares it with the ledger, folds the tree
 * again and compares its root with every stored checkpoint (whose signatures it checks) and with a
 * trusted one, and compares the nodes it completes with the stored ones. Reports the first position
 * found wrong. Equal roots at every checkpoint also prove the checkpoints consistent with each other:
 * each is a prefix of the one tree recomputed here.
 */
export async function verifyLedger(ledger: Ledger, options: VerifyOptions): Promise<VerificationReport> {
  const treeSize = await ledger.size();
  const fromIndex = options.from === undefined ? 0 : await ledger.sizeAt(options.from - 1n);
  const walk = new LedgerWalk(ledger, options, treeSize, fromIndex);
  try {
    await walk.run();
    return walk.report();
  } catch (error) {
    if (error instanceof Found) return walk.report(error.tampering);
    throw error;
  }
}

class LedgerWalk {
  private eventsChecked = 0;
  private checkpointsChecked = 0;
  private frontier: Frontier = Frontier.empty();
  private checkpointsBySize = new Map<number, SignedCheckpoint>();
  private lastPosition: Position | undefined;

  constructor(
    private readonly ledger: Ledger,
    private readonly options: VerifyOptions,
    private readonly treeSize: number,
    private readonly fromIndex: number,
  ) {}

  async run(): Promise<void> {
    await this.loadCheckpoints();
    await this.checkTrustedPrefix();
    await this.walkLog();
    this.checkEnd();
  }

  report(tampering?: Tampering): VerificationReport {
    return {
      intact: tampering === undefined,
      eventsChecked: this.eventsChecked,
      treeSize: this.treeSize,
      fromIndex: this.fromIndex,
      checkpointsChecked: this.checkpointsChecked,
      ...(this.options.trusted ? { trustedCheckpoint: this.options.trusted } : {}),
      ...(tampering ? { tampering } : {}),
    };
  }

  /** Every stored checkpoint, its signature checked now; its root is checked when the walk reaches its size. */
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

  /** Below `fromIndex` the stored tree is trusted: checkpoints there are checked against it, and the walk starts from its frontier. */
  private async checkTrustedPrefix(): Promise<void> {
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

  /** The stored events and the leaves side by side, from `fromIndex` to the tree size verification started with. */
  private async walkLog(): Promise<void> {
    const events = this.ledger.readStored(this.lastPosition)[Symbol.asyncIterator]();
    let pending = await events.next();
    for (let index = this.fromIndex; index < this.treeSize; ) {
      const leaves = await this.ledger.leaves(index, Math.min(PAGE, this.treeSize - index));
      if (leaves.length === 0) break;
      const completed: NewNode[] = [];
      for (const leaf of leaves) {
        this.options.signal?.throwIfAborted();
        if (pending.done) throw new Found(await this.truncation(leaf));
        const event = pending.value;
        if (event.position > leaf.position) throw new Found(missing(leaf));
        if (event.position < leaf.position) throw new Found(added(event));
        await this.compareLeaf(event, leaf);
        completed.push(...this.frontier.append(leaf.leafHash).filter((node) => node.level > 0 && isStoredLevel(node.level)));
        this.lastPosition = leaf.position;
        this.eventsChecked += 1;
        this.checkCheckpointsAt(this.frontier.size, leaf.position);
        this.reportProgress();
        pending = await events.next();
      }
      await this.compareNodes(completed);
      index += leaves.length;
      // A store read synchronously would otherwise hold the event loop for the whole walk.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (!pending.done && this.ledger.writtenWithEvents && (await this.ledger.leafAt(pending.value.position)) === undefined) {
      throw new Found(added(pending.value));
    }
    await events.return?.();
  }

  private async compareLeaf(event: StoredEvent, leaf: LedgerLeaf): Promise<void> {
    const recomputed = eventLeaf(event);
    if (!sameHash(recomputed.payloadHash, leaf.payloadHash)) {
      const owner = await this.leafWithPayload(recomputed.payloadHash);
      throw new Found(
        owner === undefined
          ? { kind: 'payload-changed', position: event.position, detail: `the payload of the event at position ${event.position} is not the one its leaf was made of` }
          : {
              kind: 'order-changed',
              position: event.position,
              detail: `the event at position ${event.position} holds the payload of the event at position ${owner.position}: events were swapped or moved`,
            },
      );
    }
    if (!sameHash(recomputed.metadataHash, leaf.metadataHash) || !sameHash(recomputed.leafHash, leaf.leafHash)) {
      const part = sameHash(recomputed.metadataHash, leaf.metadataHash) ? 'envelope (id, stream, revision, type or recording time)' : 'metadata';
      throw new Found({ kind: 'metadata-changed', position: event.position, detail: `the ${part} of the event at position ${event.position} is not what its leaf was made of` });
    }
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

  /** The stored nodes must be the ones the recomputed leaves complete: proofs are answered from them. */
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

  /** The log ended before the leaves did: every later leaf lost its event. */
  private async truncation(leaf: LedgerLeaf): Promise<Tampering> {
    return {
      kind: 'log-truncated',
      position: leaf.position,
      detail: `the log ends before position ${leaf.position}: the ledger holds ${this.treeSize - leaf.index} leaves of events no longer in it`,
    };
  }

  /** What the walk could not reach: checkpoints and a trusted checkpoint of more leaves than the log holds. */
  private checkEnd(): void {
    const beyond = [...this.checkpointsBySize.keys(), this.options.trusted?.treeSize ?? 0].filter((size) => size > this.treeSize);
    if (beyond.length === 0) return;
    const largest = Math.max(...beyond);
    const after = this.lastPosition === undefined ? 'the start of the log' : `position ${this.lastPosition}`;
    throw new Found({
      kind: 'log-truncated',
      position: this.lastPosition === undefined ? undefined : this.lastPosition + 1n,
      detail: `a checkpoint covers ${largest} events, the log holds ${this.treeSize}: the events after ${after} are gone`,
    });
  }

  private async leafWithPayload(payloadHash: Hash): Promise<EventLeaf | undefined> {
    for (let index = 0; ; index += PAGE) {
      const page = await this.ledger.leaves(index, PAGE);
      const found = page.find((leaf) => sameHash(leaf.payloadHash, payloadHash));
      if (found !== undefined || page.length < PAGE) return found;
    }
  }

  private async positionOfSize(size: number): Promise<Position | undefined> {
    return size === 0 ? undefined : (await this.ledger.leaves(size - 1, 1))[0]?.position;
  }

  private reportProgress(): void {
    const every = this.options.progressEvery ?? 10_000;
    const total = this.treeSize - this.fromIndex;
    if (this.eventsChecked % every === 0 || this.eventsChecked === total) this.options.onProgress?.({ checked: this.eventsChecked, total });
  }
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
