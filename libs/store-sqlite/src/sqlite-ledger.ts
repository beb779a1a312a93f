import {
  eventLeaf,
  Frontier,
  isStoredLevel,
  leafOf,
  lookupIn,
  nodeKey,
  nodesOf,
  type EventLeaf,
  type Hash,
  type LeafHeader,
  type NewNode,
  type NodeId,
  type StoredEvent,
} from '#ledger';
import {
  LedgerOnTables,
  type CheckpointPage,
  type Ledger,
  type LedgerLeaf,
  type LedgerTables,
  type Position,
  type SignedCheckpoint,
} from '#kernel';
import { openDatabase, type SqliteDatabase } from './database.js';

/**
 * The ledger's tables, in the file of the events they hash. Leaves and the perfect nodes above them
 * are written in the transaction that appends their events, so a commit holds both or neither.
 * Level 0 of the tree is `ledger_leaves`; `ledger_nodes` holds the stored levels above (see
 * `STORED_LEVEL_STRIDE`). Leaf positions grow with their index, so a position is found by bisection
 * rather than through an index that every append would have to update.
 */
export const LEDGER_SCHEMA = `
  CREATE TABLE IF NOT EXISTS ledger_leaves (
    leaf_index    INTEGER PRIMARY KEY,
    position      INTEGER NOT NULL,
    digests       BLOB    NOT NULL -- leaf hash, payload SHA-256, metadata SHA-256: 96 bytes, read in one piece
  ) STRICT;
  CREATE TABLE IF NOT EXISTS ledger_nodes (
    level      INTEGER NOT NULL,
    node_index INTEGER NOT NULL,
    hash       BLOB    NOT NULL,
    PRIMARY KEY (level, node_index)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS ledger_checkpoints (
    tree_size INTEGER PRIMARY KEY,
    origin    TEXT    NOT NULL,
    root_hash BLOB    NOT NULL,
    note      TEXT    NOT NULL,
    signed_at TEXT    NOT NULL
  ) STRICT;
`;

/**
 * A stored event in the order of `STORED_COLUMNS`. Payload and metadata come as the UTF-8 text the
 * file holds (the store writes nothing else into them): the leaf hashes that text's UTF-8 bytes, which
 * are the stored ones, without a buffer per column and event.
 */
type StoredRow = readonly [
  position: bigint,
  eventId: string,
  streamId: string,
  revision: bigint,
  type: string,
  recordedAt: string,
  metadata: string,
  payload: string,
];

const STORED_COLUMNS = 'position, event_id, stream_id, revision, type, recorded_at, metadata, data';

type LeafRow = readonly [index: bigint, position: bigint, digests: Buffer];

const DIGEST_BYTES = 32;

interface CheckpointRow {
  readonly tree_size: number;
  readonly origin: string;
  readonly root_hash: Buffer;
  readonly note: string;
  readonly signed_at: string;
}

const PAGE_SIZE = 1000;

function prepare(db: SqliteDatabase) {
  return {
    size: db.prepare<[], number>('SELECT COALESCE(MAX(leaf_index) + 1, 0) FROM ledger_leaves').pluck(),
    insertLeaf: db.prepare<[number, bigint, Buffer]>('INSERT INTO ledger_leaves (leaf_index, position, digests) VALUES (?, ?, ?)'),
    upsertNode: db.prepare<[number, number, Hash]>('INSERT OR IGNORE INTO ledger_nodes (level, node_index, hash) VALUES (?, ?, ?)'),
    leafHash: db.prepare<[number], Buffer>(`SELECT substr(digests, 1, ${DIGEST_BYTES}) FROM ledger_leaves WHERE leaf_index = ?`).pluck(),
    nodeHash: db.prepare<[number, number], Buffer>('SELECT hash FROM ledger_nodes WHERE level = ? AND node_index = ?').pluck(),
    leaves: db
      .prepare<[number, number], LeafRow>(
        'SELECT leaf_index, position, digests FROM ledger_leaves WHERE leaf_index >= ? ORDER BY leaf_index LIMIT ?',
      )
      .raw(true)
      .safeIntegers(true),
    insertCheckpoint: db.prepare<[number, string, Hash, string, string]>(
      'INSERT OR IGNORE INTO ledger_checkpoints (tree_size, origin, root_hash, note, signed_at) VALUES (?, ?, ?, ?, ?)',
    ),
    latestCheckpoint: db.prepare<[], CheckpointRow>('SELECT * FROM ledger_checkpoints ORDER BY tree_size DESC LIMIT 1'),
    checkpoints: db.prepare<[number, number], CheckpointRow>(
      'SELECT * FROM ledger_checkpoints WHERE tree_size > ? ORDER BY tree_size LIMIT ?',
    ),
  };
}

type Statements = ReturnType<typeof prepare>;

/** The statements that read the log itself, in the event store's file. */
function prepareLog(db: SqliteDatabase) {
  return {
    storedPage: db
      .prepare<[bigint, bigint, number], StoredRow>(
        `SELECT ${STORED_COLUMNS} FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?`,
      )
      .raw(true)
      .safeIntegers(true),
    head: db.prepare<[], bigint | null>('SELECT MAX(position) FROM events').pluck().safeIntegers(true),
  };
}

/**
 * The ledger's tables on a SQLite connection: in the event store's own file for `SqliteLedger`, or in
 * a file of their own for a ledger that follows another event store.
 */
export class SqliteLedgerTables implements LedgerTables {
  private readonly statements: Statements;
  private readonly appendBatch: (fromIndex: number, leaves: readonly EventLeaf[], nodes: readonly NewNode[]) => void;

  constructor(
    db: SqliteDatabase,
    private readonly assertOpen: () => void,
  ) {
    db.exec(LEDGER_SCHEMA);
    this.statements = prepare(db);
    this.appendBatch = db.transaction((fromIndex: number, leaves: readonly EventLeaf[], nodes: readonly NewNode[]) => {
      const size = this.storedSize();
      if (fromIndex > size) throw new Error(`leaves from ${fromIndex} cannot follow a tree of ${size}`);
      for (const node of nodes) this.statements.upsertNode.run(node.level, node.index, node.hash);
      leaves.forEach((leaf, offset) => {
        if (fromIndex + offset >= size) this.statements.insertLeaf.run(fromIndex + offset, leaf.position, digestsOf(leaf));
      });
    }).immediate;
  }

  static open(file: string, options: { durable?: boolean } = {}): SqliteLedgerTables & { close(): void } {
    const db = openDatabase(file, options);
    let closed = false;
    const tables = new SqliteLedgerTables(db, () => {
      if (closed) throw new Error('the SQLite ledger tables are closed');
    });
    return Object.assign(tables, {
      close() {
        closed = true;
        db.close();
      },
    });
  }

  /** The size of the tree as the file holds it now. */
  storedSize(): number {
    return this.statements.size.get()!;
  }

  /** The frontier of the tree as the file holds it now; inside a write transaction, the one appends continue. */
  frontier(): Frontier {
    const size = this.storedSize();
    return Frontier.of(size, lookupIn(this.storedNodes(nodesOf([{ start: 0, end: size }]))));
  }

  /** Adds the leaf of an event just inserted, and the stored nodes it completes; inside the append's transaction. */
  record(frontier: Frontier, header: LeafHeader): void {
    const leaf = leafOf(header);
    const index = frontier.size;
    const [, ...completed] = frontier.append(leaf.leafHash);
    this.statements.insertLeaf.run(index, leaf.position, digestsOf(leaf));
    for (const node of completed) {
      if (isStoredLevel(node.level)) this.statements.upsertNode.run(node.level, node.index, node.hash);
    }
  }

  async size(): Promise<number> {
    this.assertOpen();
    return this.storedSize();
  }

  async leaves(fromIndex: number, limit: number): Promise<LedgerLeaf[]> {
    this.assertOpen();
    return this.statements.leaves.all(fromIndex, limit).map(toLeaf);
  }

  async nodes(ids: readonly NodeId[]): Promise<ReadonlyMap<string, Hash>> {
    this.assertOpen();
    return this.storedNodes(ids);
  }

  async appendLeaves(fromIndex: number, leaves: readonly EventLeaf[], nodes: readonly NewNode[]): Promise<void> {
    this.assertOpen();
    this.appendBatch(fromIndex, leaves, nodes);
  }

  async addCheckpoint(checkpoint: SignedCheckpoint): Promise<boolean> {
    this.assertOpen();
    const { treeSize, origin, rootHash, note, signedAt } = checkpoint;
    return this.statements.insertCheckpoint.run(treeSize, origin, rootHash, note, signedAt).changes === 1;
  }

  async latestCheckpoint(): Promise<SignedCheckpoint | undefined> {
    this.assertOpen();
    const row = this.statements.latestCheckpoint.get();
    return row === undefined ? undefined : toCheckpoint(row);
  }

  async checkpoints(page: CheckpointPage): Promise<SignedCheckpoint[]> {
    this.assertOpen();
    return this.statements.checkpoints.all(page.afterSize ?? -1, page.limit).map(toCheckpoint);
  }

  private storedNodes(ids: readonly NodeId[]): Map<string, Hash> {
    const found = new Map<string, Hash>();
    for (const id of ids) {
      const hash = id.level === 0 ? this.statements.leafHash.get(id.index) : this.statements.nodeHash.get(id.level, id.index);
      if (hash !== undefined) found.set(nodeKey(id), new Uint8Array(hash));
    }
    return found;
  }
}

/**
 * The ledger of a SQLite event store, in its file: the store calls `tables.frontier` and
 * `tables.record` inside its append transaction, so leaves are written with their events.
 */
export class SqliteLedger extends LedgerOnTables<SqliteLedgerTables> implements Ledger {
  readonly writtenWithEvents = true;
  private readonly statements: ReturnType<typeof prepareLog>;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly assertOpen: () => void,
  ) {
    super(new SqliteLedgerTables(db, assertOpen));
    this.statements = prepareLog(db);
  }

  /**
   * Hashes a log written before it had a ledger, in one transaction: only while the ledger is empty, so
   * that an event slipped into the file later is never adopted into the tree (verify reports it).
   */
  hashUnledgeredLog(): void {
    this.db
      .transaction(() => {
        if (this.tables.storedSize() > 0) return;
        const frontier = Frontier.empty();
        for (const page of this.storedPages(0n, this.statements.head.get() ?? 0n)) {
          for (const event of page) {
            const { payloadHash, metadataHash } = eventLeaf(event);
            this.tables.record(frontier, { ...event, payloadHash, metadataHash });
          }
        }
      })
      .immediate();
  }

  /** Written with the events: whatever the log holds, the tree holds. */
  async waitFor(): Promise<boolean> {
    this.assertOpen();
    return true;
  }

  async *readStored(after: Position = 0n): AsyncGenerator<readonly StoredEvent[]> {
    this.assertOpen();
    yield* this.storedPages(after, this.statements.head.get() ?? 0n);
  }

  private *storedPages(after: Position, upTo: Position): Generator<StoredEvent[]> {
    let cursor = after;
    while (cursor < upTo) {
      this.assertOpen();
      const rows = this.statements.storedPage.all(cursor, upTo, PAGE_SIZE);
      if (rows.length === 0) return;
      yield rows.map(toStoredEvent);
      cursor = rows[rows.length - 1]![0];
    }
  }
}

function toStoredEvent(row: StoredRow): StoredEvent {
  const [position, eventId, streamId, revision, type, recordedAt, metadata, payload] = row;
  return { position, eventId, streamId, revision: Number(revision), type, recordedAt, metadata, payload };
}

function toLeaf(row: LeafRow): LedgerLeaf {
  const [index, position, digests] = row;
  return {
    index: Number(index),
    position,
    leafHash: digests.subarray(0, DIGEST_BYTES),
    payloadHash: digests.subarray(DIGEST_BYTES, 2 * DIGEST_BYTES),
    metadataHash: digests.subarray(2 * DIGEST_BYTES),
  };
}

function digestsOf(leaf: EventLeaf): Buffer {
  return Buffer.concat([leaf.leafHash, leaf.payloadHash, leaf.metadataHash]);
}

function toCheckpoint(row: CheckpointRow): SignedCheckpoint {
  return { treeSize: row.tree_size, origin: row.origin, rootHash: new Uint8Array(row.root_hash), note: row.note, signedAt: row.signed_at };
}
