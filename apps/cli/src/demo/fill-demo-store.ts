import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '#libs/config/src/index.js';
import { ManualClock, ProjectionHost, type Position } from '#libs/eventsourcing/src/index.js';
import { openStores, PersistenceOverridesModule, STORES, type Stores } from '#libs/persistence/src/index.js';
import { AppModule } from '../../../api/src/app.module.js';
import { CareCaseCommands } from '../../../api/src/care/index.js';
import type { RequestCommandContext } from '../../../api/src/platform/command-runner.js';
import type { DemoPlan, DemoStep } from './demo-plan.js';

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

export interface DemoSummary {
  readonly from: string;
  readonly to: string;
  readonly commands: number;
  readonly cases: number;
  readonly stillOpen: number;
  /** Every retention, the later lost saves included. */
  readonly retentions: number;
  /** Every refund, the lost saves included. */
  readonly refunds: number;
  readonly lostSaves: number;
  readonly headPosition: Position;
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
  // The demo waits for the read models itself, so it runs them whatever PROJECTIONS says.
  const config: AppConfig = { ...run.config, projections: 'inline' };
  // An HTTP application that never listens: the platform's request metrics hook into the HTTP adapter.
  const app = await NestFactory.create<NestFastifyApplication>(
    { imports: [PersistenceOverridesModule.use({ config, clock }), AppModule] },
    new FastifyAdapter(),
    { logger: ['error', 'warn'] },
  );
  try {
    await app.init();
    const commands = app.get(CareCaseCommands);
    const tally = { commands: 0, cases: 0, retentions: 0, refunds: 0, lostSaves: 0 };
    for (const step of run.plan.steps) {
      clock.set(step.recordedAt);
      const actor = { id: `demo:${step.actor.id}`, roles: [step.actor.role] };
      await perform(commands, step, { actor, correlationId: `demo-${run.plan.seed}-${tally.commands}` });
      tally.commands += 1;
      if (step.type === 'open') tally.cases += 1;
      if (step.type === 'retain') tally.retentions += 1;
      if (step.type === 'refund') tally.refunds += 1;
      if (step.type === 'refund' && step.lostSave) tally.lostSaves += 1;
      run.onStep?.(tally.commands, step);
    }
    const head = (await app.get<Stores>(STORES).events.headPosition()) ?? 0n;
    if (!(await app.get(ProjectionHost).waitFor(head, run.catchUpTimeoutMs ?? DEFAULT_CATCH_UP_TIMEOUT_MS))) {
      throw new Error(`the read models did not reach position ${head} in time; run the api to let them catch up`);
    }
    const decided = tally.retentions + tally.refunds - tally.lostSaves;
    return {
      from: run.plan.start.toISOString(),
      to: run.plan.end.toISOString(),
      ...tally,
      stillOpen: tally.cases - decided,
      headPosition: head,
    };
  } finally {
    await app.close();
  }
}

function perform(commands: CareCaseCommands, step: DemoStep, context: RequestCommandContext) {
  const { caseId, occurredAt } = step;
  switch (step.type) {
    case 'open': {
      const { clientId, productId, sectionId, kind, channel, summary } = step;
      return commands.open({ caseId, clientId, productId, sectionId, kind, channel, summary, occurredAt }, context);
    }
    case 'assign':
      return commands.assign(caseId, { employeeId: step.employeeId, occurredAt }, context);
    case 'refund': {
      const { amount, full, reason, scriptId } = step;
      return commands.refund(caseId, { amount, full, reason, scriptId, occurredAt }, context);
    }
    case 'retain': {
      const { method, retained, scriptId, note } = step;
      return commands.retain(caseId, { method, retained, scriptId, note, occurredAt }, context);
    }
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
