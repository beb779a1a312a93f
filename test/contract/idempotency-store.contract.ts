import { randomUUID } from 'node:crypto';
import {
  ManualClock,
  type Clock,
  type IdempotencyClaim,
  type IdempotencyPolicy,
  type IdempotencyStore,
  type IdempotentAnswer,
} from '#kernel';
import type { StoreFixture } from './store-fixture.js';

export interface IdempotencyStoreFixture extends StoreFixture<IdempotencyStore> {
  /** Another store on the same records, as a second process sharing them opens it. */
  another(): Promise<IdempotencyStore>;
}

export type OpenIdempotencyStore = (clock: Clock, policy: IdempotencyPolicy) => Promise<IdempotencyStoreFixture>;

const POLICY: IdempotencyPolicy = { retentionMs: 3_600_000, leaseMs: 10_000 };

const CREATED: IdempotentAnswer = { status: 201, body: { id: 'case-1', revision: 0, position: '42' } };
const PROBLEM: IdempotentAnswer = {
  status: 409,
  body: { type: 'tag:quality-ledger,2026:problem:domain-rule-violated', status: 409, code: 'CARE_CASE_REFUNDED', errors: [] },
};

function claimed(claim: IdempotencyClaim): string {
  if (claim.outcome !== 'claimed') throw new Error(`expected a claim, got ${claim.outcome}`);
  return claim.token;
}

/**
 * The behaviour every IdempotencyStore adapter must show, written against the port only. `open` gives
 * a store on fresh records whose times come from `clock`; `cleanup` closes it (and every other store
 * `another` opened) and removes what it created.
 */
export function idempotencyStoreContract(name: string, open: OpenIdempotencyStore): void {
  describe(`IdempotencyStore contract: ${name}`, () => {
    let clock: ManualClock;
    let fixture: IdempotencyStoreFixture;
    let store: IdempotencyStore;
    let scope: string;

    beforeEach(async () => {
      // Real time, so that a server's own expiry of records finds none of them old.
      clock = new ManualClock(new Date());
      fixture = await open(clock, POLICY);
      store = fixture.store;
      scope = `scope-${randomUUID()}`;
    });

    afterEach(async () => {
      await fixture.cleanup();
    });

    it('claims a scope once, then replays the answer kept under it to the same request', async () => {
      const token = claimed(await store.claim(scope, 'hash-a'));
      await store.complete(scope, token, CREATED);

      expect(await store.claim(scope, 'hash-a')).toEqual({ outcome: 'answered', answer: CREATED });
      expect(await store.claim(scope, 'hash-a')).toEqual({ outcome: 'answered', answer: CREATED });
    });

    it('keeps a problem document and an answer without a body exactly as they were', async () => {
      const other = `${scope}-empty`;
      await store.complete(scope, claimed(await store.claim(scope, 'hash-a')), PROBLEM);
      await store.complete(other, claimed(await store.claim(other, 'hash-a')), { status: 204 });

      expect(await store.claim(scope, 'hash-a')).toEqual({ outcome: 'answered', answer: PROBLEM });
      expect(await store.claim(other, 'hash-a')).toEqual({ outcome: 'answered', answer: { status: 204 } });
    });

    it('refuses another request under the scope, while it runs and once it is answered', async () => {
      const token = claimed(await store.claim(scope, 'hash-a'));
      expect(await store.claim(scope, 'hash-b')).toEqual({ outcome: 'mismatch' });

      await store.complete(scope, token, CREATED);
      expect(await store.claim(scope, 'hash-b')).toEqual({ outcome: 'mismatch' });
    });

    it('tells a retry that the first attempt still runs while its lease holds', async () => {
      claimed(await store.claim(scope, 'hash-a'));
      clock.advance(POLICY.leaseMs - 1);

      expect(await store.claim(scope, 'hash-a')).toEqual({ outcome: 'in-progress' });
    });

    it('lets a retry of the same request take over a claim whose lease ran out; the first attempt can no longer answer', async () => {
      const first = claimed(await store.claim(scope, 'hash-a'));
      clock.advance(POLICY.leaseMs);
      expect(await store.claim(scope, 'hash-b')).toEqual({ outcome: 'mismatch' });

      const retry = claimed(await store.claim(scope, 'hash-a'));
      expect(retry).not.toBe(first);
      await store.complete(scope, first, PROBLEM);
      await store.release(scope, first);
      expect(await store.claim(scope, 'hash-a')).toEqual({ outcome: 'in-progress' });

      await store.complete(scope, retry, CREATED);
      expect(await store.claim(scope, 'hash-a')).toEqual({ outcome: 'answered', answer: CREATED });
    });

    it('frees a released scope, so that the next attempt, whatever its request, runs', async () => {
      await store.release(scope, claimed(await store.claim(scope, 'hash-a')));

      const next = claimed(await store.claim(scope, 'hash-b'));
      await store.complete(scope, next, CREATED);
      expect(await store.claim(scope, 'hash-b')).toEqual({ outcome: 'answered', answer: CREATED });
    });

    it('forgets a record once its retention has passed, and not before', async () => {
      await store.complete(scope, claimed(await store.claim(scope, 'hash-a')), CREATED);

      clock.advance(POLICY.retentionMs - 1);
      expect(await store.claim(scope, 'hash-b')).toEqual({ outcome: 'mismatch' });

      clock.advance(1);
      claimed(await store.claim(scope, 'hash-b'));
    });

    it('forgets a claim left running once its retention has passed', async () => {
      claimed(await store.claim(scope, 'hash-a'));
      clock.advance(POLICY.retentionMs);

      claimed(await store.claim(scope, 'hash-b'));
    });

    it('keeps scopes apart', async () => {
      await store.complete(scope, claimed(await store.claim(scope, 'hash-a')), CREATED);

      claimed(await store.claim(`${scope}-other`, 'hash-a'));
    });

    it('grants exactly one of concurrent claims of one scope, from several stores on the same records', async () => {
      const stores = [store, await fixture.another(), await fixture.another()];
      const claims = await Promise.all(stores.flatMap((each) => [1, 2, 3].map(() => each.claim(scope, 'hash-a'))));

      expect(claims.filter((claim) => claim.outcome === 'claimed')).toHaveLength(1);
      expect(claims.filter((claim) => claim.outcome === 'in-progress')).toHaveLength(claims.length - 1);
    });
  });
}
