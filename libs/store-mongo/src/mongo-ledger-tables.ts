import { Binary, MongoClient, type AnyBulkWriteOperation, type Collection } from 'mongodb';
import { nodeKey, type EventLeaf, type Hash, type NewNode, type NodeId } from '#ledger';
import type { CheckpointPage, LedgerLeaf, LedgerTables, Position, SignedCheckpoint } from '#kernel';
import { databaseName, isDuplicateKey } from './mongo-read-store.js';

export interface MongoLedgerTablesOptions {
  readonly url: string;
  /** Default: the database of the URL, else `quality_ledger`. */
  readonly database?: string;
}

interface LeafDocument {
  readonly _id: number;
  readonly position: bigint;
  readonly leafHash: Binary;
  readonly payloadHash: Binary;
  readonly metadataHash: Binary;
}

interface NodeDocument {
  /** `level:index`, as `nodeKey` writes it. */
  readonly _id: string;
  readonly hash: Binary;
}

interface CheckpointDocument {
  readonly _id: number;
  readonly origin: string;
  readonly rootHash: Binary;
  readonly note: string;
  readonly signedAt: string;
}

export const LEDGER_COLLECTIONS = { leaves: 'ledger_leaves', nodes: 'ledger_nodes', checkpoints: 'ledger_checkpoints' } as const;

/**
 * The tables of a ledger that follows EventStoreDB, on MongoDB beside the read models. Every write
 * is an upsert of a value that never changes once computed, so followers in several processes, or a
 * retry after a crash, write the same documents without a transaction. Nodes are written before the
 * leaves that complete them, and leaves in order (an ordered bulk write stops at its first failure),
 * so the leaves present always form a prefix whose frontier nodes are all there.
 */
export class MongoLedgerTables implements LedgerTables {
  private constructor(
    private readonly client: MongoClient,
    private readonly leafDocs: Collection<LeafDocument>,
    private readonly nodeDocs: Collection<NodeDocument>,
    private readonly checkpointDocs: Collection<CheckpointDocument>,
  ) {}

  static async connect(options: MongoLedgerTablesOptions): Promise<MongoLedgerTables> {
    const client = new MongoClient(options.url, { useBigInt64: true });
    try {
      await client.connect();
      const db = client.db(databaseName(options.url, options.database));
      return new MongoLedgerTables(
        client,
        db.collection(LEDGER_COLLECTIONS.leaves),
        db.collection(LEDGER_COLLECTIONS.nodes),
        db.collection(LEDGER_COLLECTIONS.checkpoints),
      );
    } catch (error) {
      await client.close().catch(() => undefined);
      throw error;
    }
  }

  async size(): Promise<number> {
    const last = await this.leafDocs.findOne({}, { sort: { _id: -1 }, projection: { _id: 1 } });
    return last === null ? 0 : last._id + 1;
  }

  async leaves(fromIndex: number, limit: number): Promise<LedgerLeaf[]> {
    const docs = await this.leafDocs.find({ _id: { $gte: fromIndex } }, { sort: { _id: 1 }, limit }).toArray();
    return docs.map(toLeaf);
  }

  async nodes(ids: readonly NodeId[]): Promise<ReadonlyMap<string, Hash>> {
    const leafIndexes = ids.filter((id) => id.level === 0).map((id) => id.index);
    const nodeIds = ids.filter((id) => id.level > 0).map(nodeKey);
    const [leaves, nodes] = await Promise.all([
      leafIndexes.length === 0 ? [] : this.leafDocs.find({ _id: { $in: leafIndexes } }, { projection: { leafHash: 1 } }).toArray(),
      nodeIds.length === 0 ? [] : this.nodeDocs.find({ _id: { $in: nodeIds } }).toArray(),
    ]);
    const found = new Map<string, Hash>();
    for (const leaf of leaves) found.set(nodeKey({ level: 0, index: leaf._id }), bytes(leaf.leafHash));
    for (const node of nodes) found.set(node._id, bytes(node.hash));
    return found;
  }

  async appendLeaves(fromIndex: number, leaves: readonly EventLeaf[], nodes: readonly NewNode[]): Promise<void> {
    const size = await this.size();
    if (fromIndex > size) throw new Error(`leaves from ${fromIndex} cannot follow a tree of ${size}`);
    if (nodes.length > 0) {
      const upserts: AnyBulkWriteOperation<NodeDocument>[] = nodes.map((node) => ({
        updateOne: { filter: { _id: nodeKey(node) }, update: { $setOnInsert: { hash: binary(node.hash) } }, upsert: true },
      }));
      await this.nodeDocs.bulkWrite(upserts, { ordered: true });
    }
    if (leaves.length > 0) {
      const upserts: AnyBulkWriteOperation<LeafDocument>[] = leaves.map((leaf, offset) => ({
        updateOne: {
          filter: { _id: fromIndex + offset },
          update: {
            $setOnInsert: {
              position: leaf.position,
              leafHash: binary(leaf.leafHash),
              payloadHash: binary(leaf.payloadHash),
              metadataHash: binary(leaf.metadataHash),
            },
          },
          upsert: true,
        },
      }));
      await this.leafDocs.bulkWrite(upserts, { ordered: true });
    }
  }

  async addCheckpoint(checkpoint: SignedCheckpoint): Promise<boolean> {
    try {
      await this.checkpointDocs.insertOne({
        _id: checkpoint.treeSize,
        origin: checkpoint.origin,
        rootHash: binary(checkpoint.rootHash),
        note: checkpoint.note,
        signedAt: checkpoint.signedAt,
      });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async latestCheckpoint(): Promise<SignedCheckpoint | undefined> {
    const doc = await this.checkpointDocs.findOne({}, { sort: { _id: -1 } });
    return doc === null ? undefined : toCheckpoint(doc);
  }

  async checkpoints(page: CheckpointPage): Promise<SignedCheckpoint[]> {
    const docs = await this.checkpointDocs.find({ _id: { $gt: page.afterSize ?? -1 } }, { sort: { _id: 1 }, limit: page.limit }).toArray();
    return docs.map(toCheckpoint);
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

function binary(hash: Uint8Array): Binary {
  return new Binary(Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength));
}

function bytes(value: Binary): Hash {
  return new Uint8Array(value.buffer);
}

function toLeaf(doc: LeafDocument): LedgerLeaf {
  return {
    index: doc._id,
    position: doc.position as Position,
    leafHash: bytes(doc.leafHash),
    payloadHash: bytes(doc.payloadHash),
    metadataHash: bytes(doc.metadataHash),
  };
}

function toCheckpoint(doc: CheckpointDocument): SignedCheckpoint {
  return { treeSize: doc._id, origin: doc.origin, rootHash: bytes(doc.rootHash), note: doc.note, signedAt: doc.signedAt };
}
