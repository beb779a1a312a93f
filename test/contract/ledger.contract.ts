import { randomUUID } from 'node:crypto';
import {
  ConcurrencyError,
  FollowingLedger,
  LedgerProofs,
  type EventStore,
  type EventToAppend,
  type Ledger,
  type LedgerLeaf,
  type LedgerSource,
  type LedgerTables,
} from '#kernel';
import {
  eventLeaf,
  Frontier,
  toHex,
  verifyConsistency,
  verifyInclusion,
  type StoredEvent,
} from '#ledger';
import { collect } from '../support/collect.js';
import type { StoreFixture } from './store-fixture.js';

/** An event store and its ledger, empty, as one installation sees them. */
export interface LedgerFixture extends StoreFixture<EventStore> {
  readonly ledger: Ledger;
  /** Resolves once the ledger holds a leaf for every event appended so far (at once where it is written with them). */
  caughtUp(): Promise<void>;
}

/** A ledger following `store` into `tables`, started; `release` disposes of the tables and the store once it stopped. */
export function followingLedgerFixture(store: EventStore & LedgerSource, tables: LedgerTables, release: () => Promise<void>): LedgerFixture {
  const ledger = new FollowingLedger(store, tables, { flushAfterMs: 5 });
  ledger.start();
  return {
    store,
    ledger,
    caughtUp: async () => {
      if (!(await ledger.waitFor(undefined, 10_000))) throw new Error('the following ledger did not catch up');
    },
    cleanup: async () => {
      await ledger.stop();
      await release();
    },
  };
}

function newEvent(n: number, text = 'x'): EventToAppend {
  return {
    eventId: randomUUID(),
    type: 'ThingHappened',
    data: { n, text, nested: { b: [1, 2.5, 'three'], a: null } },
    metadata: {
      occurredAt: '2026-01-05T09:00:00.000Z',
      actor: { id: 'tester', roles: ['admin'] },
      correlationId: randomUUID(),
      causationId: null,
      schemaVersion: 1,
    },
  };
}

async function allLeaves(ledger: Ledger): Promise<LedgerLeaf[]> {
  const leaves: LedgerLeaf[] = [];
  for (;;) {
    const page = await ledger.leaves(leaves.length, 100);
    leaves.push(...page);
    if (page.length < 100) return leaves;
  }
}

/** Appends `count` events in a few streams, in appends of one to three events. */
async function fill(store: EventStore, count: number): Promise<void> {
  const streams = Array.from({ length: 3 }, () => `ledgerThing-${randomUUID()}`);
  for (let n = 0; n < count; ) {
    const size = Math.min(1 + (n % 3), count - n);
    await store.append(streams[n % streams.length]!, Array.from({ length: size }, (_, i) => newEvent(n + i)));
    n += size;
  }
}

/** The contract every `Ledger` adapter passes, with the event store whose log it hashes. */
export function ledgerContract(name: string, open: () => Promise<LedgerFixture>): void {
  describe(`Ledger contract: ${name}`, () => {
    let fixture: LedgerFixture;
    let proofs: LedgerProofs;

    beforeEach(async () => {
      fixture = await open();
      proofs = new LedgerProofs(fixture.ledger);
    });

    afterEach(async () => {
      await fixture.cleanup();
    });

    it('starts empty, with the root of the empty tree', async () => {
      expect(await fixture.ledger.size()).toBe(0);
      expect(toHex((await proofs.head()).rootHash)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
      expect(await fixture.ledger.latestCheckpoint()).toBeUndefined();
    });

    it('holds one leaf per event, in log order, each the hash of the event as stored', async () => {
      await fill(fixture.store, 40);
      await fixture.caughtUp();
      const events = await collect(fixture.store.readAll());
      const stored = (await collect(fixture.ledger.readStored())).flat();
      const leaves = await allLeaves(fixture.ledger);

      expect(await fixture.ledger.size()).toBe(40);
      expect(leaves.map((leaf) => leaf.index)).toEqual(events.map((_, index) => index));
      expect(leaves.map((leaf) => leaf.position)).toEqual(events.map((event) => event.position));
      expect(stored.map((event) => event.eventId)).toEqual(events.map((event) => event.eventId));
      stored.forEach((event, index) => {
        expect(toHex(eventLeaf(event).leafHash)).toBe(toHex(leaves[index]!.leafHash));
        expect(JSON.parse(Buffer.from(event.payload).toString('utf8'))).toEqual(events[index]!.data);
      });
    });

    it('stores payloads as RFC 8785 canonical JSON: members sorted, no whitespace', async () => {
      await fixture.store.append(`ledgerThing-${randomUUID()}`, [newEvent(7, 'é "quoted"')]);
      const [event] = (await collect(fixture.ledger.readStored())).flat();
      expect(Buffer.from((event as StoredEvent).payload).toString('utf8')).toBe(
        '{"n":7,"nested":{"a":null,"b":[1,2.5,"three"]},"text":"é \\"quoted\\""}',
      );
    });

    it('has the root of its leaves at every size, as the frontier folds them', async () => {
      await fill(fixture.store, 37);
      await fixture.caughtUp();
      const leaves = await allLeaves(fixture.ledger);
      const frontier = Frontier.empty();
      for (const [index, leaf] of leaves.entries()) {
        frontier.append(leaf.leafHash);
        expect(toHex((await proofs.head(index + 1)).rootHash)).toBe(toHex(frontier.root()));
      }
    });

    it('proves every event in the current tree and in an older one', async () => {
      await fill(fixture.store, 23);
      await fixture.caughtUp();
      const head = await proofs.head();
      const older = await proofs.head(9);
      for (const leaf of await allLeaves(fixture.ledger)) {
        const proof = await proofs.inclusion(leaf.position);
        expect(verifyInclusion(leaf.index, head.treeSize, leaf.leafHash, proof.proof, head.rootHash)).toBeUndefined();
        if (leaf.index < 9) {
          const inOlder = await proofs.inclusion(leaf.position, 9);
          expect(verifyInclusion(leaf.index, 9, leaf.leafHash, inOlder.proof, older.rootHash)).toBeUndefined();
        }
      }
    });

    it('proves every older tree consistent with the current one', async () => {
      await fill(fixture.store, 21);
      await fixture.caughtUp();
      const head = await proofs.head();
      for (let size = 0; size <= head.treeSize; size++) {
        const proof = await proofs.consistency(size, head.treeSize);
        expect(verifyConsistency(size, head.treeSize, proof.from.rootHash, head.rootHash, proof.proof)).toBeUndefined();
      }
    });

    it('tells the tree that covers the log up to a position', async () => {
      await fill(fixture.store, 10);
      await fixture.caughtUp();
      const leaves = await allLeaves(fixture.ledger);
      expect(await fixture.ledger.sizeAt(leaves[0]!.position - 1n)).toBe(0);
      expect(await fixture.ledger.sizeAt(leaves[4]!.position)).toBe(5);
      expect(await fixture.ledger.sizeAt(leaves[9]!.position + 1000n)).toBe(10);
      expect((await proofs.headAt(leaves[4]!.position)).treeSize).toBe(5);
      expect(await fixture.ledger.leafAt(leaves[9]!.position + 1n)).toBeUndefined();
    });

    it('hashes only what was committed when concurrent appends to a stream conflict', async () => {
      const stream = `ledgerThing-${randomUUID()}`;
      await fixture.store.append(stream, [newEvent(0)], 'no_stream');
      const attempts = await Promise.allSettled(
        Array.from({ length: 12 }, (_, n) => fixture.store.append(stream, [newEvent(n + 1), newEvent(n + 100)], 0)),
      );
      expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
      expect(attempts.filter((attempt) => attempt.status === 'rejected' && attempt.reason instanceof ConcurrencyError)).toHaveLength(11);
      await fixture.caughtUp();
      const events = await collect(fixture.store.readAll());
      expect(await fixture.ledger.size()).toBe(events.length);
      expect((await allLeaves(fixture.ledger)).map((leaf) => leaf.position)).toEqual(events.map((event) => event.position));
    });

    it('refuses proofs beyond its tree and for positions it holds no event at', async () => {
      await fill(fixture.store, 3);
      await fixture.caughtUp();
      const [first] = await allLeaves(fixture.ledger);
      await expect(proofs.head(4)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(proofs.inclusion(first!.position, 0)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(proofs.consistency(3, 2)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(proofs.inclusion(first!.position + 10_000n)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('keeps signed checkpoints by tree size, first one kept, paged in order', async () => {
      const checkpoint = (treeSize: number, note = `note ${treeSize}`) => ({
        origin: 'quality-ledger.test/log',
        treeSize,
        rootHash: new Uint8Array(32).fill(treeSize),
        note,
        signedAt: `2026-01-0${Math.min(treeSize, 9)}T00:00:00.000Z`,
      });
      expect(await fixture.ledger.addCheckpoint(checkpoint(2))).toBe(true);
      expect(await fixture.ledger.addCheckpoint(checkpoint(5))).toBe(true);
      expect(await fixture.ledger.addCheckpoint(checkpoint(3))).toBe(true);
      expect(await fixture.ledger.addCheckpoint(checkpoint(5, 'another note'))).toBe(false);

      expect((await fixture.ledger.latestCheckpoint())?.note).toBe('note 5');
      const first = await fixture.ledger.checkpoints({ limit: 2 });
      expect(first.map((kept) => kept.treeSize)).toEqual([2, 3]);
      const next = await fixture.ledger.checkpoints({ afterSize: 3, limit: 2 });
      expect(next.map((kept) => [kept.treeSize, kept.note, toHex(kept.rootHash)])).toEqual([[5, 'note 5', toHex(checkpoint(5).rootHash)]]);
    });
  });
}
