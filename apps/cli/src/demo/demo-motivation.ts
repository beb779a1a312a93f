import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { MOTIVATION_ADJUSTMENT_ISSUED, MOTIVATION_LEDGER_CATEGORY, MOTIVATION_STATEMENT_ISSUED, THE_COMPANY } from '#domain/motivation/index.js';
import { streamId } from '#kernel';
import { STORES, type Stores } from '#persistence';
import type { Principal } from '../../../api/src/auth/principal.js';
import { MotivationCommands } from '../../../api/src/motivation/motivation-commands.service.js';
import type { RequestCommandContext } from '../../../api/src/platform/command-runner.service.js';
import type { AppCommand } from '../../../api/src/platform/entity-commands.js';
import type { DemoCouncil } from './demo-council.js';
import type { MotivationStep } from './motivation-plan.js';

type Caller = (actor: MotivationStep['actor']) => Principal;
type ContextOf = (caller: Principal) => RequestCommandContext;

/** What the closes issued: known only once they read the scorecards. */
export interface MotivationTally {
  readonly statements: number;
  readonly adjustments: number;
}

/** Runs the motivation steps: rule versions on the council's decisions, and the monthly closes. */
export class DemoMotivation {
  private readonly bus: CommandBus<AppCommand>;
  private readonly commands: MotivationCommands;
  private readonly stores: Stores;

  constructor(
    app: INestApplicationContext,
    private readonly council: DemoCouncil,
  ) {
    this.bus = app.get<CommandBus<AppCommand>>(CommandBus);
    this.commands = app.get(MotivationCommands);
    this.stores = app.get<Stores>(STORES);
  }

  async perform(step: MotivationStep, callerOf: Caller, contextOf: ContextOf): Promise<void> {
    const context = contextOf(callerOf(step.actor));
    const { occurredAt } = step;
    switch (step.type) {
      case 'adopt-motivation-rule': {
        const decisionId = this.council.proposalId(step.proposal);
        await this.bus.execute(await this.commands.adoptVersion({ decisionId, effectiveFrom: step.effectiveFrom, ...step.terms, occurredAt }, context));
        return;
      }
      case 'close-motivation-month':
        await this.bus.execute(await this.commands.close(step.month, { occurredAt }, context));
        return;
    }
  }

  async tally(): Promise<MotivationTally> {
    let statements = 0;
    let adjustments = 0;
    for await (const event of this.stores.events.readStream(streamId(MOTIVATION_LEDGER_CATEGORY, THE_COMPANY))) {
      if (event.type === MOTIVATION_STATEMENT_ISSUED) statements += 1;
      if (event.type === MOTIVATION_ADJUSTMENT_ISSUED) adjustments += 1;
    }
    return { statements, adjustments };
  }
}
