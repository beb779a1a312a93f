import type { AppConfig } from '#config';
import type { ApiKeyState } from '#domain/access/index.js';
import type { Clock } from '#kernel';
import type { Stores } from '#persistence';
import type { CommandRunner } from '../platform/command-runner.service.js';
import { UnauthenticatedError } from '../platform/http-errors.js';
import type { ProjectionProgress } from '../platform/projection-progress.service.js';
import { ApiKeyDirectory } from './api-key-directory.service.js';
import { hashApiKey } from './api-key-secret.js';

const SECRET = 'ql_a-secret-for-the-directory-spec';
const NOW = new Date('2026-03-01T12:00:00.000Z');

/** The directory over an index and a key stream the test controls, counting what it reads. */
function directoryOver(indexed: Map<string, string>) {
  const reads = { index: 0, stream: 0 };
  let key: ApiKeyState = { status: 'issued', keyId: 'key-1', keyHash: hashApiKey(SECRET), name: 'desk', roles: ['care-agent'], expiresAt: '2027-01-01T00:00:00.000Z' };
  const stores = {
    reads: {
      get: async (_collection: string, keyHash: string) => {
        reads.index += 1;
        const keyId = indexed.get(keyHash);
        return keyId === undefined ? undefined : { data: { keyId } };
      },
    },
    events: { readAll: async function* () {} },
  } as unknown as Stores;
  const commands = {
    currentState: async () => {
      reads.stream += 1;
      return key;
    },
  } as unknown as CommandRunner;
  const progress = { committedCheckpoint: async () => undefined } as unknown as ProjectionProgress;
  const clock: Clock = { now: () => NOW };
  const directory = new ApiKeyDirectory({} as AppConfig, stores, clock, commands, progress);
  return { directory, reads, setKey: (state: ApiKeyState) => (key = state) };
}

describe('ApiKeyDirectory', () => {
  it('finds the key of a hash once, and checks the key against its stream on every request', async () => {
    const { directory, reads } = directoryOver(new Map([[hashApiKey(SECRET), 'key-1']]));
    for (let request = 0; request < 3; request++) {
      expect(await directory.authenticate(SECRET)).toEqual({ subject: 'apiKey:key-1', keyId: 'key-1', roles: ['care-agent'] });
    }
    expect(reads).toEqual({ index: 1, stream: 3 });
  });

  it('refuses a remembered key as soon as its stream says it was revoked or has expired', async () => {
    const { directory, setKey } = directoryOver(new Map([[hashApiKey(SECRET), 'key-1']]));
    const issued = await directory.authenticate(SECRET);
    expect(issued.keyId).toBe('key-1');

    const base = { keyId: 'key-1', keyHash: hashApiKey(SECRET), name: 'desk', roles: ['care-agent'] as const };
    setKey({ ...base, status: 'revoked' });
    await expect(directory.authenticate(SECRET)).rejects.toThrow(new UnauthenticatedError('the API key was revoked'));
    setKey({ ...base, status: 'issued', expiresAt: '2026-03-01T11:59:59.999Z' });
    await expect(directory.authenticate(SECRET)).rejects.toThrow(new UnauthenticatedError('the API key has expired'));
  });

  it('does not remember an unknown hash: a key issued later works at once', async () => {
    const indexed = new Map<string, string>();
    const { directory, reads } = directoryOver(indexed);
    await expect(directory.authenticate(SECRET)).rejects.toThrow(UnauthenticatedError);
    indexed.set(hashApiKey(SECRET), 'key-1');
    expect((await directory.authenticate(SECRET)).keyId).toBe('key-1');
    expect(reads.index).toBe(3);
  });
});
