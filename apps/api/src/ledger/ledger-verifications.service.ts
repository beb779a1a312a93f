import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { newId, verifyLedger, type Clock, type VerificationProgress, type VerificationReport } from '#kernel';
import type { AppConfig } from '#config';
import { APP_CONFIG, CLOCK, parallelLeafCheck, STORES, type LedgerKey, type Stores } from '#persistence';
import { ApiMetrics } from '../platform/api-metrics.service.js';
import { LEDGER_KEY } from './checkpoint-signing.service.js';

export type VerificationState = 'running' | 'intact' | 'tampered' | 'failed';

export interface VerificationRun {
  readonly id: string;
  readonly requestedBy: string;
  readonly startedAt: string;
  state: VerificationState;
  finishedAt: string | null;
  progress: VerificationProgress;
  report: VerificationReport | null;
  error: string | null;
}

/** The runs a process remembers: the last ones, enough to look up one just started and the history of the day. */
const KEPT_RUNS = 50;

/**
 * Verifications of the whole log in the background, one at a time: a request while one runs gets
 * that one. Runs are remembered by this process only (the last fifty); the last result is on
 * `/health` and in the `ledger_verification_intact` gauge.
 */
@Injectable()
export class LedgerVerifications implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Ledger');
  private readonly runs = new Map<string, VerificationRun>();
  private running: VerificationRun | undefined;
  private lastFinished: VerificationRun | undefined;
  private readonly abort = new AbortController();
  private work: Promise<void> = Promise.resolve();

  constructor(
    @Inject(STORES) private readonly stores: Stores,
    @Inject(LEDGER_KEY) private readonly key: LedgerKey,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    metrics: ApiMetrics,
  ) {
    const last = () => this.lastFinished;
    new Gauge({
      name: 'ledger_verification_intact',
      help: 'Result of the last verification of the log: 1 intact, 0 tampered or failed to run. Absent before the first one.',
      registers: [metrics.registry],
      collect() {
        this.reset();
        const run = last();
        if (run !== undefined) this.set(run.state === 'intact' ? 1 : 0);
      },
    });
    new Gauge({
      name: 'ledger_verification_finished_seconds',
      help: 'When the last verification of the log finished, in seconds since the epoch.',
      registers: [metrics.registry],
      collect() {
        this.reset();
        const finished = last()?.finishedAt;
        if (finished) this.set(Date.parse(finished) / 1000);
      },
    });
  }

  /** Starts a verification, or answers the one running. */
  start(requestedBy: string): VerificationRun {
    if (this.running !== undefined) return this.running;
    const run: VerificationRun = {
      id: newId(),
      requestedBy,
      startedAt: this.clock.now().toISOString(),
      state: 'running',
      finishedAt: null,
      progress: { checked: 0, total: 0 },
      report: null,
      error: null,
    };
    this.remember(run);
    this.running = run;
    this.work = this.verify(run);
    return run;
  }

  get(id: string): VerificationRun | undefined {
    return this.runs.get(id);
  }

  /** The last run that finished, for `/health`. */
  last(): VerificationRun | undefined {
    return this.lastFinished;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.abort.abort();
    await this.work;
  }

  private async verify(run: VerificationRun): Promise<void> {
    try {
      const checkLeaves = parallelLeafCheck(this.config);
      const report = await verifyLedger(this.stores.ledger, {
        key: this.key.verifier,
        signal: this.abort.signal,
        onProgress: (progress) => (run.progress = progress),
        ...(checkLeaves ? { checkLeaves } : {}),
      });
      run.report = report;
      run.state = report.intact ? 'intact' : 'tampered';
      if (!report.intact) this.logger.error({ msg: 'the log does not verify', tampering: report.tampering });
    } catch (error) {
      run.state = 'failed';
      run.error = error instanceof Error ? error.message : String(error);
      this.logger.error({ msg: 'a verification of the log could not run to its end', err: error });
    } finally {
      run.finishedAt = this.clock.now().toISOString();
      this.running = undefined;
      this.lastFinished = run;
    }
  }

  private remember(run: VerificationRun): void {
    this.runs.set(run.id, run);
    if (this.runs.size > KEPT_RUNS) this.runs.delete(this.runs.keys().next().value!);
  }
}
