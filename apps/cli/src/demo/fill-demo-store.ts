import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '#config';
import { ManualClock, type Position } from '#kernel';
import { openStores, PersistenceOverridesModule, STORES, type Stores } from '#persistence';
import { randomBytes } from 'node:crypto';
import { AppModule } from '../../../api/src/app.module.js';
import { FirstAdminKey } from '../../../api/src/auth/first-admin-key.service.js';
import { DemoCommands } from './demo-commands.js';
import { tallyOf, type DemoPlan, type DemoStep, type DemoTally } from './demo-plan.js';
import { settledLog } from './settled-log.js';
import type { MotivationTally } from './demo-motivation.js';
import type { TrainingPlanTally } from './demo-training.js';

export interface DemoRun {
  /** The store to fill, `DATA_DIR` of the configuration; it must hold no event yet. */
  readonly config: AppConfig;
  readonly plan: DemoPlan;
  /** Once the store is known to be empty, before the app boots. */
  readonly onStart?: () => void;
  /** After each command, for progress reports. */
  readonly onStep?: (done: number, step: DemoStep) => void;
  /** How long the read models may take to catch up at the end. */
  readonly catchUpTimeoutMs?: number;
}

export interface DemoSummary extends DemoTally {
  readonly from: string;
  readonly to: string;
  readonly commands: number;
  readonly headPosition: Position;
  readonly trainingPlans: TrainingPlanTally;
  readonly motivationIssued: MotivationTally;
}

/** The store already holds events: its history ends today, and a simulated past cannot follow it. */
export class DemoStoreNotEmptyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly headPosition: Position,
  ) {
    super(
      `${dataDir} already holds events (up to position ${headPosition}). The demo fills an empty store only: ` +
        'recordedAt never goes back, so history simulated after today would all be recorded today. ' +
        'Point DATA_DIR at a new folder, or delete this one.',
    );
    this.name = 'DemoStoreNotEmptyError';
  }
}

const DEFAULT_CATCH_UP_TIMEOUT_MS = 10 * 60_000;

/** The demo prints its own progress: of the app's logs, only warnings and errors. */
const DEMO_LOG_LEVELS = ['error', 'warn'] as const;

/**
 * Fills an empty store with the plan, through the api's own command handlers: the app's modules are
 * booted with a clock the demo sets to each step's time before running it, so every event is
 * recorded when the story says it was, and `asOf` a past time shows what was known then. Returns once
 * the read models have processed everything.
 */
export async function fillDemoStore(run: DemoRun): Promise<DemoSummary> {
  const headPosition = await storedHeadPosition(run.config);
  if (headPosition !== undefined) throw new DemoStoreNotEmptyError(run.config.dataDir, headPosition);
  run.onStart?.();

  const clock = new ManualClock(run.plan.start);
  const catchUpTimeoutMs = run.catchUpTimeoutMs ?? DEFAULT_CATCH_UP_TIMEOUT_MS;
  // The read models are projected on a worker thread, on the second core; the process managers stay
  // here, on the demo's clock. A read that needs the read models waits for them as long as they may
  // take. A fill that a power cut interrupts is made again from an empty store, so its thousands of
  // commits skip the fsync.
  // The first admin key is issued once the history is filled, dated at its end: issued at its start,
  // it would have expired by today. Until then the demo needs none: its steps run as principals, and
  // a key of its own, never shown, keeps the app from issuing one when it boots.
  const config: AppConfig = {
    ...run.config,
    projections: 'worker',
    durable: false,
    readYourWritesTimeoutMs: catchUpTimeoutMs,
    bootstrapAdminKey: run.config.bootstrapAdminKey ?? randomBytes(32).toString('base64url'),
  };
  return fillThrough(run, config, clock);
}

/** Runs the plan through the app's command handlers, and returns once the read models have processed everything. */
async function fillThrough(run: DemoRun, config: AppConfig, clock: ManualClock): Promise<DemoSummary> {
  // An HTTP application that never listens: the platform's request metrics hook into the HTTP adapter.
  const app = await NestFactory.create<NestFastifyApplication>(
    { imports: [PersistenceOverridesModule.use({ config, clock }), AppModule] },
    new FastifyAdapter(),
    { logger: [...DEMO_LOG_LEVELS] },
  );
  try {
    await app.init();
    const commands = new DemoCommands(app);
    let done = 0;
    for (const step of run.plan.steps) {
      clock.set(step.recordedAt);
      await commands.perform(step, `demo-${run.plan.seed}-${done}`);
      done += 1;
      run.onStep?.(done, step);
    }
    await settledLog(app);
    if (run.config.bootstrapAdminKey === undefined) {
      clock.set(run.plan.end.toISOString());
      await app.get(FirstAdminKey).issueIfFirst();
    }
    const head = (await app.get<Stores>(STORES).events.headPosition()) ?? 0n;
    // Every step ran (a refused one stops the demo), so the plan's tally is what the store holds.
    return {
      from: run.plan.start.toISOString(),
      to: run.plan.end.toISOString(),
      commands: done,
      headPosition: head,
      ...tallyOf(run.plan.steps),
      trainingPlans: commands.trainingPlans(),
      motivationIssued: await commands.motivationTally(),
    };
  } finally {
    await app.close();
  }
}

async function storedHeadPosition(config: AppConfig): Promise<Position | undefined> {
  const stores = await openStores(config);
  try {
    return await stores.events.headPosition();
  } finally {
    await stores.close();
  }
}
