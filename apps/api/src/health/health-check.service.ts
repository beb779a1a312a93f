import { Inject, Injectable, Logger } from '@nestjs/common';
import { STORES, type Stores } from '#persistence';
import { ApiKeyDirectory } from '../auth/api-key-directory.service.js';
import { bearerSecretOf } from '../auth/bearer-secret.js';
import { LedgerVerifications } from '../ledger/ledger-verifications.service.js';
import { resultView } from '../ledger/ledger.dto.js';
import { ProjectionProgress } from '../platform/projection-progress.service.js';

/** Whether both stores answer, and how far each projection, process manager and the ledger are. */
@Injectable()
export class HealthCheck {
  private readonly logger = new Logger('Health');

  constructor(
    @Inject(STORES) private readonly stores: Stores,
    private readonly projections: ProjectionProgress,
    private readonly verifications: LedgerVerifications,
    private readonly directory: ApiKeyDirectory,
  ) {}

  /** `down` when either store does not answer; error texts only for a caller with an admin key. */
  async report(authorization: string | undefined) {
    const [events, reads] = await Promise.allSettled([
      answerWithin(this.stores.events.headPosition()),
      answerWithin(this.stores.reads.generations(READ_STORE_PROBE)),
    ]);
    if (events.status === 'rejected' || reads.status === 'rejected') {
      for (const [store, result] of [['event store', events], ['read store', reads]] as const) {
        if (result.status === 'rejected') this.logger.error({ msg: `the ${store} does not answer`, err: result.reason });
      }
      return { status: 'down' as const, eventStore: { status: upOrDown(events) }, readStore: { status: upOrDown(reads) } };
    }
    const showErrors = await this.isAdmin(authorization);
    const [projections, processManagers, ledger] = await Promise.all([
      this.projections.snapshot(),
      this.projections.processManagers(),
      this.ledger(showErrors),
    ]);
    return {
      status: 'ok' as const,
      eventStore: { status: 'up', headPosition: events.value?.toString() ?? null },
      readStore: { status: 'up' },
      projections: projections.map((p) => ({
        name: p.name,
        version: p.version,
        state: p.state,
        checkpoint: p.checkpoint?.toString() ?? null,
        lag: p.lag.toString(),
        ...(showErrors && { lastError: p.lastError ?? null }),
      })),
      processManagers: processManagers.map(({ name, state, checkpoint, lag, lastError }) => ({
        name,
        state,
        checkpoint: checkpoint?.toString() ?? null,
        lag: lag.toString(),
        ...(showErrors && { lastError: lastError ?? null }),
      })),
      ledger,
    };
  }

  /**
   * Error texts may name files, hosts or data, so only an admin key sees them. Any other caller, with a
   * key or without, a working one or not, gets the public answer: the route stays open to all.
   */
  private async isAdmin(authorization: string | undefined): Promise<boolean> {
    const secret = bearerSecretOf(authorization);
    if (secret === undefined) return false;
    const principal = await this.directory.authenticate(secret).catch(() => undefined);
    return principal?.roles.includes('admin') ?? false;
  }

  private async ledger(showErrors: boolean) {
    const [treeSize, latest] = await Promise.all([this.stores.ledger.size(), this.stores.ledger.latestCheckpoint()]);
    const last = this.verifications.last();
    return {
      treeSize,
      latestCheckpoint: latest ? { treeSize: latest.treeSize, signedAt: latest.signedAt } : null,
      lastVerification: last
        ? {
            id: last.id,
            state: last.state,
            finishedAt: last.finishedAt,
            result: last.report ? resultView(last.report) : null,
            ...(showErrors && { error: last.error }),
          }
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
