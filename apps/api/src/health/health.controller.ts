import { Controller, Get, HttpStatus, Inject, Logger, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { STORES, type Stores } from '#libs/persistence/src/index.js';
import { Public } from '../auth/access.decorators.js';
import { LedgerVerifications } from '../ledger/ledger-verifications.js';
import { resultView } from '../ledger/ledger.dto.js';
import { ProjectionProgress } from '../platform/projection-progress.js';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');

  constructor(
    @Inject(STORES) private readonly stores: Stores,
    private readonly projections: ProjectionProgress,
    private readonly verifications: LedgerVerifications,
  ) {}

  /** 200 when both stores answer; the projections and process managers and their lag for operators. */
  @Get()
  @Public()
  @ApiOperation({
    summary: 'Whether the event store and the read store answer, and how far each projection and process manager is behind the log',
  })
  @ApiOkResponse({
    description: 'Both stores are up; `projections` and `processManagers` list state, checkpoint and lag (decimal strings).',
  })
  @ApiServiceUnavailableResponse({ description: 'The event store or the read store does not answer.' })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const [events, reads] = await Promise.allSettled([
      answerWithin(this.stores.events.headPosition()),
      answerWithin(this.stores.reads.generations(READ_STORE_PROBE)),
    ]);
    if (events.status === 'rejected' || reads.status === 'rejected') {
      for (const [store, result] of [['event store', events], ['read store', reads]] as const) {
        if (result.status === 'rejected') this.logger.error({ msg: `the ${store} does not answer`, err: result.reason });
      }
      reply.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'down', eventStore: { status: upOrDown(events) }, readStore: { status: upOrDown(reads) } };
    }
    const [projections, processManagers, ledger] = await Promise.all([this.projections.snapshot(), this.projections.processManagers(), this.ledger()]);
    return {
      status: 'ok',
      eventStore: { status: 'up', headPosition: events.value?.toString() ?? null },
      readStore: { status: 'up' },
      projections: projections.map((p) => ({
        name: p.name,
        version: p.version,
        state: p.state,
        checkpoint: p.checkpoint?.toString() ?? null,
        lag: p.lag.toString(),
        lastError: p.lastError ?? null,
      })),
      processManagers: processManagers.map(({ name, state, checkpoint, lag, lastError }) => ({
        name,
        state,
        checkpoint: checkpoint?.toString() ?? null,
        lag: lag.toString(),
        lastError: lastError ?? null,
      })),
      ledger,
    };
  }

  private async ledger() {
    const [treeSize, latest] = await Promise.all([this.stores.ledger.size(), this.stores.ledger.latestCheckpoint()]);
    const last = this.verifications.last();
    return {
      treeSize,
      latestCheckpoint: latest ? { treeSize: latest.treeSize, signedAt: latest.signedAt } : null,
      lastVerification: last
        ? { id: last.id, state: last.state, finishedAt: last.finishedAt, result: last.report ? resultView(last.report) : null, error: last.error }
        : null,
    };
  }
}

/** A cheap read-store call: one indexed lookup of a projection that does not exist. */
const READ_STORE_PROBE = 'health-probe';

/** A server that does not answer would hold the check for the driver's own timeout (30 s for MongoDB). */
const STORE_TIMEOUT_MS = 3000;

function answerWithin<T>(call: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${STORE_TIMEOUT_MS} ms`)), STORE_TIMEOUT_MS);
  });
  return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
}

function upOrDown(result: PromiseSettledResult<unknown>): 'up' | 'down' {
  return result.status === 'fulfilled' ? 'up' : 'down';
}
