import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import type { ConsistencyProof, InclusionProof, SignedCheckpoint, VerificationReport } from '#kernel';
import { rawEd25519PublicKey, toBase64, verifierKeyText, type Hash } from '#ledger';
import type { LedgerKey } from '#persistence';
import { LimitField } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';
import { POSITION } from '../platform/wire-patterns.js';

export const DEFAULT_CHECKPOINT_PAGE = 100;
export const MAX_CHECKPOINT_PAGE = 1000;

const BASE64_HASH = { example: 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', description: 'A SHA-256 digest, standard base64.' } as const;

/** A tree size: how many events, from the first, a tree or a checkpoint covers. */
function TreeSizeField(description: string, optional: boolean): PropertyDecorator {
  return applyDecorators(
    Type(() => Number),
    IsInt({ message: '$property must be a whole number' }),
    Min(0),
    Max(Number.MAX_SAFE_INTEGER),
    ...(optional ? [Omittable(), ApiPropertyOptional({ minimum: 0, description })] : [ApiProperty({ minimum: 0, description })]),
  );
}

export class PublicKeyView {
  @ApiProperty({ example: 'quality-ledger/3f2a9c0d1e4b5a68', description: "The log's name: the first line of its checkpoints and the name of its key." })
  readonly origin!: string;

  @ApiProperty({ example: 'Ed25519' })
  readonly algorithm!: 'Ed25519';

  @ApiProperty({ example: 'a1b2c3d4', description: 'The key ID signature lines carry (C2SP signed-note), 8 hex digits.' })
  readonly keyId!: string;

  @ApiProperty({ description: 'The 32-byte public key (RFC 8032), standard base64.' })
  readonly publicKey!: string;

  @ApiProperty({
    example: 'quality-ledger/3f2a9c0d1e4b5a68+a1b2c3d4+AXm...',
    description: '`<name>+<key ID>+base64(0x01 || key)`: the one line a verifier of signed notes is configured with; `npm run cli -- verify --key` takes it.',
  })
  readonly verifierKey!: string;

  @ApiProperty({ description: 'The public key as SubjectPublicKeyInfo PEM, for other tools.' })
  readonly pem!: string;
}

export class CheckpointView {
  @ApiProperty({ example: 'quality-ledger/3f2a9c0d1e4b5a68' })
  readonly origin!: string;

  @ApiProperty({ example: 16670, description: 'Events covered, from the first.' })
  readonly treeSize!: number;

  @ApiProperty(BASE64_HASH)
  readonly rootHash!: string;

  @ApiProperty({ description: 'The checkpoint as a C2SP signed note: origin, tree size and root, a blank line, the Ed25519 signature. Keep it outside the system.' })
  readonly note!: string;

  @ApiProperty({ format: 'date-time' })
  readonly signedAt!: string;
}

export class CheckpointPageQuery {
  @ApiPropertyOptional({ example: '100', description: 'Checkpoints of larger trees than this size; pass `nextCursor` of the previous page.' })
  @Omittable()
  @Matches(/^[0-9]{1,16}$/, { message: 'cursor must be a tree size (a whole number)' })
  readonly cursor?: string;

  @LimitField(DEFAULT_CHECKPOINT_PAGE, MAX_CHECKPOINT_PAGE, 'Checkpoints per page.')
  readonly limit?: number;
}

export class CheckpointPage {
  @ApiProperty({ type: [CheckpointView], description: 'Oldest first.' })
  readonly items!: CheckpointView[];

  @ApiProperty({ type: String, nullable: true, description: '`cursor` of the next page; null on the last page.' })
  readonly nextCursor!: string | null;
}

export class InclusionProofQuery {
  @ApiProperty({ example: '42', pattern: POSITION.source, description: "The event's position in the log." })
  @Matches(POSITION, { message: 'position must be a position (a whole number, as a decimal string)' })
  readonly position!: string;

  @TreeSizeField('The tree to prove it in; default: the whole ledger as it is now. Use the size of a checkpoint you keep.', true)
  readonly treeSize?: number;
}

export class ConsistencyProofQuery {
  @TreeSizeField('The older tree: the size of a checkpoint you keep.', false)
  readonly from!: number;

  @TreeSizeField('The newer tree; at most the ledger as it is now.', false)
  readonly to!: number;
}

/** Where an event sits in the ledger. */
export class LedgerLeafView {
  @ApiProperty({ description: 'Its index in the tree: the events before it in the log.' })
  readonly leafIndex!: number;

  @ApiProperty({ ...BASE64_HASH, description: 'RFC 9162 leaf hash of its canonical header.' })
  readonly leafHash!: string;

  @ApiProperty({ ...BASE64_HASH, description: 'SHA-256 of the payload bytes as stored.' })
  readonly payloadHash!: string;

  @ApiProperty({ ...BASE64_HASH, description: 'SHA-256 of the metadata bytes as stored.' })
  readonly metadataHash!: string;
}

export class InclusionProofView extends LedgerLeafView {
  @ApiProperty({ example: '42' })
  readonly position!: string;

  @ApiProperty()
  readonly treeSize!: number;

  @ApiProperty(BASE64_HASH)
  readonly rootHash!: string;

  @ApiProperty({ type: [String], description: 'The audit path of RFC 9162 §2.1.3, leaf end first, each hash base64.' })
  readonly proof!: string[];
}

export class ConsistencyProofView {
  @ApiProperty()
  readonly from!: number;

  @ApiProperty()
  readonly to!: number;

  @ApiProperty(BASE64_HASH)
  readonly fromRootHash!: string;

  @ApiProperty(BASE64_HASH)
  readonly toRootHash!: string;

  @ApiProperty({ type: [String], description: 'The consistency proof of RFC 9162 §2.1.4, each hash base64.' })
  readonly proof!: string[];
}

class TamperingView {
  @ApiProperty({
    enum: ['payload-changed', 'metadata-changed', 'event-missing', 'event-added', 'order-changed', 'log-truncated', 'checkpoint-invalid', 'tree-mismatch'],
  })
  readonly kind!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The first position found wrong.' })
  readonly position!: string | null;

  @ApiProperty()
  readonly detail!: string;
}

class VerificationResultView {
  @ApiProperty()
  readonly intact!: boolean;

  @ApiProperty()
  readonly eventsChecked!: number;

  @ApiProperty({ description: 'Leaves the ledger held when the verification started.' })
  readonly treeSize!: number;

  @ApiProperty({ description: 'Signed checkpoints whose signature and root were checked.' })
  readonly checkpointsChecked!: number;

  @ApiProperty({ type: TamperingView, nullable: true })
  readonly tampering!: TamperingView | null;
}

class ProgressView {
  @ApiProperty()
  readonly checked!: number;

  @ApiProperty()
  readonly total!: number;
}

export class VerificationView {
  @ApiProperty({ format: 'uuid' })
  readonly id!: string;

  @ApiProperty({ enum: ['running', 'intact', 'tampered', 'failed'] })
  readonly state!: 'running' | 'intact' | 'tampered' | 'failed';

  @ApiProperty({ example: 'apiKey:0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e0f' })
  readonly requestedBy!: string;

  @ApiProperty({ format: 'date-time' })
  readonly startedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readonly finishedAt!: string | null;

  @ApiProperty({ type: ProgressView })
  readonly progress!: ProgressView;

  @ApiProperty({ type: VerificationResultView, nullable: true })
  readonly result!: VerificationResultView | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why a verification could not run to its end (state `failed`).' })
  readonly error!: string | null;
}

export class VerificationParams {
  @ApiProperty({ format: 'uuid' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { message: 'id must be the id of a verification' })
  readonly id!: string;
}

export function hash(value: Hash): string {
  return toBase64(value);
}

export function publicKeyView({ origin, verifier }: LedgerKey): PublicKeyView {
  return {
    origin,
    algorithm: 'Ed25519',
    keyId: verifier.keyId.toString(16).padStart(8, '0'),
    publicKey: Buffer.from(rawEd25519PublicKey(verifier.publicKey)).toString('base64'),
    verifierKey: verifierKeyText(verifier),
    pem: verifier.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}

export function inclusionProofView({ leaf, head, proof }: InclusionProof): InclusionProofView {
  return {
    position: leaf.position.toString(),
    leafIndex: leaf.index,
    leafHash: hash(leaf.leafHash),
    payloadHash: hash(leaf.payloadHash),
    metadataHash: hash(leaf.metadataHash),
    treeSize: head.treeSize,
    rootHash: hash(head.rootHash),
    proof: proof.map(hash),
  };
}

export function consistencyProofView({ from, to, proof }: ConsistencyProof): ConsistencyProofView {
  return { from: from.treeSize, to: to.treeSize, fromRootHash: hash(from.rootHash), toRootHash: hash(to.rootHash), proof: proof.map(hash) };
}

export function checkpointView(checkpoint: SignedCheckpoint): CheckpointView {
  const { origin, treeSize, rootHash, note, signedAt } = checkpoint;
  return { origin, treeSize, rootHash: hash(rootHash), note, signedAt };
}

export function resultView(report: VerificationReport): VerificationResultView {
  const { intact, eventsChecked, treeSize, checkpointsChecked, tampering } = report;
  return {
    intact,
    eventsChecked,
    treeSize,
    checkpointsChecked,
    tampering: tampering ? { kind: tampering.kind, position: tampering.position?.toString() ?? null, detail: tampering.detail } : null,
  };
}
