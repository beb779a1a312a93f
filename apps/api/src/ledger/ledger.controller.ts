import { Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '#kernel';
import type { LedgerKey } from '#persistence';
import type { Role } from '#domain/access/index.js';
import { Public, Roles } from '../auth/access.decorators.js';
import { Caller } from '../auth/caller.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ProblemDto } from '../platform/problem.dto.js';
import { InvalidRequest, rolesNote } from '../platform/route-docs.js';
import {
  CheckpointPage,
  CheckpointPageQuery,
  CheckpointView,
  ConsistencyProofQuery,
  consistencyProofView,
  ConsistencyProofView,
  InclusionProofQuery,
  inclusionProofView,
  InclusionProofView,
  publicKeyView,
  PublicKeyView,
  VerificationParams,
  VerificationView,
  resultView,
} from './ledger.dto.js';
import { LEDGER_KEY } from './checkpoint-signing.service.js';
import { LedgerReader } from './ledger-reader.service.js';
import { LedgerVerifications, type VerificationRun } from './ledger-verifications.service.js';

/** Proofs reveal hashes only; they are for those who check the record and the services that mirror it. */
const PROOF_READERS: [Role, ...Role[]] = ['auditor', 'admin', 'council-member', 'council-chair', 'service'];
const VERIFIERS: [Role, ...Role[]] = ['auditor', 'admin'];

/**
 * The proof side of the log: its public key, its signed checkpoints, inclusion and consistency proofs
 * (RFC 9162), and verification of the whole log. Hashes are standard base64, as in checkpoints.
 */
@ApiTags('ledger')
@Controller('ledger')
@InvalidRequest()
export class LedgerController {
  constructor(
    @Inject(LEDGER_KEY) private readonly key: LedgerKey,
    private readonly verifications: LedgerVerifications,
    private readonly reader: LedgerReader,
  ) {}

  @Get('public-key')
  @Public()
  @ApiOperation({ summary: "The log's Ed25519 public key: what checkpoints are verified with. Public, so that anyone can check a checkpoint" })
  @ApiOkResponse({ type: PublicKeyView })
  publicKey(): PublicKeyView {
    return publicKeyView(this.key);
  }

  @Get('checkpoint')
  @Roles(...PROOF_READERS)
  @ApiOperation({ summary: 'The latest signed checkpoint', description: `${rolesNote(PROOF_READERS)} Save its \`note\` outside the system: the log can later be proven to extend it.` })
  @ApiOkResponse({ type: CheckpointView })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No checkpoint is signed yet: the log is empty, or its first events were appended less than a checkpoint interval ago.' })
  async checkpoint(): Promise<CheckpointView> {
    return this.reader.latestCheckpoint();
  }

  @Get('checkpoints')
  @Roles(...PROOF_READERS)
  @ApiOperation({ summary: 'Every signed checkpoint, oldest first, a page at a time', description: rolesNote(PROOF_READERS) })
  @ApiOkResponse({ type: CheckpointPage })
  async checkpoints(@Query() query: CheckpointPageQuery): Promise<CheckpointPage> {
    return this.reader.checkpointPage(query);
  }

  @Get('proofs/inclusion')
  @Roles(...PROOF_READERS)
  @ApiOperation({
    summary: 'Proves the event at a position part of a tree: RFC 9162 §2.1.3',
    description: `${rolesNote(PROOF_READERS)} Check it against a checkpoint of that tree size you trust, with the leaf you compute from the event.`,
  })
  @ApiOkResponse({ type: InclusionProofView })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No event at that position is in the ledger (NOT_FOUND).' })
  async inclusion(@Query() query: InclusionProofQuery): Promise<InclusionProofView> {
    return inclusionProofView(await this.reader.inclusion(BigInt(query.position), query.treeSize));
  }

  @Get('proofs/consistency')
  @Roles(...PROOF_READERS)
  @ApiOperation({
    summary: 'Proves an older tree a prefix of a newer one: RFC 9162 §2.1.4',
    description: `${rolesNote(PROOF_READERS)} With the older tree of a checkpoint you kept, it shows that nothing it covered was changed since.`,
  })
  @ApiOkResponse({ type: ConsistencyProofView })
  async consistency(@Query() query: ConsistencyProofQuery): Promise<ConsistencyProofView> {
    return consistencyProofView(await this.reader.consistency(query.from, query.to));
  }

  @Post('verifications')
  @HttpCode(HttpStatus.ACCEPTED)
  @Roles(...VERIFIERS)
  @ApiOperation({
    summary: 'Verifies the whole log in the background: every leaf recomputed from the stored bytes, every checkpoint checked',
    description: `${rolesNote(VERIFIERS)} One runs at a time: while one runs, this answers it. Follow it at \`GET /ledger/verifications/{id}\`.`,
  })
  @ApiAcceptedResponse({ type: VerificationView })
  startVerification(@Caller() caller: Principal): VerificationView {
    return verificationView(this.verifications.start(caller.subject));
  }

  @Get('verifications/:id')
  @Roles(...VERIFIERS)
  @ApiOperation({ summary: "A verification's progress and result", description: `${rolesNote(VERIFIERS)} Runs are remembered by the process that ran them, the last fifty.` })
  @ApiOkResponse({ type: VerificationView })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such verification in this process (NOT_FOUND).' })
  verification(@Param() params: VerificationParams): VerificationView {
    const run = this.verifications.get(params.id);
    if (run === undefined) throw new NotFoundError('verification', params.id);
    return verificationView(run);
  }
}

export function verificationView(run: VerificationRun): VerificationView {
  const { id, state, requestedBy, startedAt, finishedAt, progress, report, error } = run;
  return { id, state, requestedBy, startedAt, finishedAt, progress: { ...progress }, result: report ? resultView(report) : null, error };
}
