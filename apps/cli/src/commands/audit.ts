import {
  eventLeaf,
  hashFromBase64,
  openCheckpoint,
  toBase64,
  verifyConsistency,
  verifyInclusion,
  type Checkpoint,
  type Hash,
  type NoteVerifierKey,
  type StoredEvent,
} from '#ledger';
import { trustedCheckpointOf } from './verify.js';

/**
 * What an auditor checks with nothing but the log's public key, a checkpoint kept outside the system,
 * and read access to the api: that the log still extends the checkpoint, and that a decision is in it.
 * Every hash is recomputed here, with the same pure verifier the server's own verification uses; the
 * server only supplies data and proofs.
 */
export interface AuditRequest {
  /** The api, e.g. `http://localhost:3000`. */
  readonly url: string;
  /** An API key with the auditor role. */
  readonly apiKey: string;
  readonly key: NoteVerifierKey;
  /** The checkpoint kept outside: its note, or the JSON `GET /ledger/checkpoint` answered. */
  readonly savedCheckpoint: string;
  readonly decisionId?: string;
  readonly fetch?: typeof fetch;
}

export interface AuditFinding {
  readonly check: string;
  readonly holds: boolean;
  readonly detail: string;
}

/** The api answered something other than what an audit needs: no verdict on the log. */
export class AuditUnreachableError extends Error {}

interface DecisionBody {
  readonly decisionId: string;
  readonly outcome: string;
  readonly meetingId: string;
  readonly ledger: {
    readonly position: string;
    readonly leafIndex: number | null;
    readonly checkpoint: { readonly note: string } | null;
    readonly inclusionProof: string[] | null;
    readonly minutes: { treeSize: number; rootHash: string; inclusionProof: string[]; consistencyProof: string[] } | null;
  };
}

/** What `GET /events/{position}` answers, as far as a leaf is made of it. */
export interface LedgeredEventBody {
  readonly position: string;
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly metadata: { readonly recordedAt: string };
  readonly ledger: { readonly storedMetadata: string; readonly storedPayload: string } | null;
}

/** The event as stored, from what `GET /events/{position}` answers: what its leaf is recomputed from. */
export function storedEventOf(event: LedgeredEventBody & { ledger: NonNullable<LedgeredEventBody['ledger']> }): StoredEvent {
  return {
    position: BigInt(event.position),
    eventId: event.eventId,
    streamId: event.streamId,
    revision: event.revision,
    type: event.type,
    recordedAt: event.metadata.recordedAt,
    metadata: Buffer.from(event.ledger.storedMetadata, 'utf8'),
    payload: Buffer.from(event.ledger.storedPayload, 'utf8'),
  };
}

export async function audit(request: AuditRequest): Promise<AuditFinding[]> {
  const api = apiClient(request);
  const saved = trustedCheckpointOf(request.savedCheckpoint, request.key);
  const latest = openCheckpoint(((await api.get('/ledger/checkpoint')) as { note: string }).note, request.key);
  const findings = [await extends_(api, saved, latest)];
  if (request.decisionId !== undefined) findings.push(...(await decisionFindings(api, request.decisionId, latest)));
  return findings;
}

/** The log now extends the saved checkpoint: nothing it covered was changed, deleted or cut off. */
async function extends_(api: ApiClient, saved: Checkpoint, latest: Checkpoint): Promise<AuditFinding> {
  const check = `the log extends the saved checkpoint of ${saved.treeSize} events`;
  if (latest.treeSize < saved.treeSize) {
    return { check, holds: false, detail: `the latest checkpoint covers ${latest.treeSize} events only: the log was cut off` };
  }
  const proof = (await api.get(`/ledger/proofs/consistency?from=${saved.treeSize}&to=${latest.treeSize}`)) as { proof: string[] };
  const failure = verifyConsistency(saved.treeSize, latest.treeSize, saved.rootHash, latest.rootHash, hashes(proof.proof));
  return { check, holds: failure === undefined, detail: failure ?? `proven consistent with the latest checkpoint, ${latest.treeSize} events, root ${toBase64(latest.rootHash)}` };
}

async function decisionFindings(api: ApiClient, decisionId: string, latest: Checkpoint): Promise<AuditFinding[]> {
  const decision = (await api.get(`/audit/decisions/${encodeURIComponent(decisionId)}`)) as DecisionBody;
  const { ledger } = decision;
  const event = (await api.get(`/events/${ledger.position}`)) as LedgeredEventBody;
  const check = `decision ${decisionId} is the event at position ${ledger.position}, in the latest checkpoint`;
  const recorded = (JSON.parse(event.ledger?.storedPayload ?? 'null') as { proposalId?: string; meetingId?: string } | null) ?? {};
  if (event.ledger === null || ledger.leafIndex === null || ledger.inclusionProof === null || ledger.checkpoint === null) {
    return [{ check, holds: false, detail: 'the ledger holds no leaf for it yet, or no checkpoint covers it yet: try again shortly' }];
  }
  if (recorded.proposalId !== decisionId || recorded.meetingId !== decision.meetingId) {
    return [{ check, holds: false, detail: `the event at position ${ledger.position} records proposal ${recorded.proposalId}, not this decision` }];
  }
  const leaf = eventLeaf(storedEventOf({ ...event, ledger: event.ledger })).leafHash;
  const proof = (await api.get(`/ledger/proofs/inclusion?position=${ledger.position}&treeSize=${latest.treeSize}`)) as { proof: string[] };
  const inLatest = verifyInclusion(ledger.leafIndex, latest.treeSize, leaf, hashes(proof.proof), latest.rootHash);
  const findings: AuditFinding[] = [{ check, holds: inLatest === undefined, detail: inLatest ?? `leaf ${ledger.leafIndex} recomputed from the stored event and proven` }];
  if (ledger.minutes !== null) findings.push(minutesFinding(ledger.minutes, ledger.leafIndex, leaf, latest));
  return findings;
}

/** The tree the signed minutes carry holds the decision, and the latest checkpoint extends it. */
function minutesFinding(minutes: NonNullable<DecisionBody['ledger']['minutes']>, leafIndex: number, leaf: Hash, latest: Checkpoint): AuditFinding {
  const check = `the minutes' tree of ${minutes.treeSize} events holds the decision and the log extends it`;
  const root = hashFromBase64(minutes.rootHash);
  if (root === undefined) return { check, holds: false, detail: 'the minutes carry no valid root hash' };
  const failure =
    verifyInclusion(leafIndex, minutes.treeSize, leaf, hashes(minutes.inclusionProof), root) ??
    verifyConsistency(minutes.treeSize, latest.treeSize, root, latest.rootHash, hashes(minutes.consistencyProof));
  return { check, holds: failure === undefined, detail: failure ?? `root ${minutes.rootHash}, as printed with the minutes` };
}

/** Hashes as the api answers them, standard base64. */
export function hashes(list: readonly string[]): Hash[] {
  return list.map((text) => {
    const hash = hashFromBase64(text);
    if (hash === undefined) throw new AuditUnreachableError(`the api answered a proof element that is not a SHA-256 digest: ${text}`);
    return hash;
  });
}

interface ApiClient {
  get(path: string): Promise<unknown>;
}

function apiClient(request: AuditRequest): ApiClient {
  const send = request.fetch ?? fetch;
  return {
    async get(path) {
      const response = await send(new URL(path, request.url), { headers: { authorization: `Bearer ${request.apiKey}` } });
      const body = (await response.json().catch(() => null)) as { detail?: string } | null;
      if (!response.ok) throw new AuditUnreachableError(`GET ${path} answered ${response.status}: ${body?.detail ?? 'no detail'}`);
      return body;
    },
  };
}
