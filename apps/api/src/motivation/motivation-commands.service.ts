import { Inject, Injectable } from '@nestjs/common';
import {
  lastClosedMonth,
  MOTIVATION_LEDGER_CATEGORY,
  MOTIVATION_RULE_CATEGORY,
  motivationLedgerDecider,
  motivationRuleDecider,
  THE_COMPANY,
  type AdoptMotivationRuleVersion,
  type CloseMotivationPeriod,
  type LateFigures,
  type MotivationLedgerCommand,
  type MotivationLedgerEvent,
  type MotivationLedgerState,
  type MotivationRuleCommand,
  type MotivationRuleEvent,
  type MotivationRuleState,
  type PeriodCheckpoint,
} from '#domain/motivation/index.js';
import { monthOf, periodOfMonth, requireMonth } from '#domain/shared/months.js';
import { categoryOf, type Position } from '#kernel';
import { STORES, type Stores } from '#persistence';
import { statementFigures } from '#projections/scorecards/scorecard.js';
import { CouncilQueries, decisionFactsOf } from '../council/council-queries.service.js';
import { LedgerReader } from '../ledger/ledger-reader.service.js';
import type { RequestOf } from '../platform/command-requests.js';
import { CommandRunner, type RequestCommandContext } from '../platform/command-runner.service.js';
import type { EntityCommand } from '../platform/entity-commands.js';
import { EntityStreams } from '../platform/entity-streams.js';
import { ScorecardQueries } from '../scorecards/scorecard-queries.service.js';

/** A request names the council decision by its id; its outcome and the ledger's last closed month are read here. */
export type AdoptRuleVersionFields = RequestOf<AdoptMotivationRuleVersion, 'decision' | 'lastClosedMonth'> & { readonly decisionId: string };

/** Closing a month takes nothing but its business time: every figure is read here. */
export type ClosePeriodFields = RequestOf<CloseMotivationPeriod, 'month' | 'rule' | 'statements' | 'lateFigures' | 'checkpoint'>;

type RuleBusCommand = EntityCommand<MotivationRuleCommand, MotivationRuleEvent, MotivationRuleState>;
type LedgerBusCommand = EntityCommand<MotivationLedgerCommand, MotivationLedgerEvent, MotivationLedgerState>;

/** Streams whose events are the statements themselves, never a late fact about a month. */
const OWN_CATEGORIES = new Set([MOTIVATION_LEDGER_CATEGORY, MOTIVATION_RULE_CATEGORY]);

/**
 * The motivation rule and the ledger of statements. Closing a month reads every scorecard of it at
 * one position of the log, and reads again the closed months that facts recorded since the last close
 * fall in: the decider turns the changes into adjustments.
 */
@Injectable()
export class MotivationCommands {
  private readonly rule: EntityStreams<MotivationRuleCommand, MotivationRuleEvent, MotivationRuleState>;
  private readonly ledger: EntityStreams<MotivationLedgerCommand, MotivationLedgerEvent, MotivationLedgerState>;

  constructor(
    private readonly runner: CommandRunner,
    @Inject(STORES) private readonly stores: Stores,
    private readonly council: CouncilQueries,
    private readonly ledgerReader: LedgerReader,
    private readonly scorecards: ScorecardQueries,
  ) {
    this.rule = new EntityStreams(runner, { decider: motivationRuleDecider, category: MOTIVATION_RULE_CATEGORY, idOf: () => THE_COMPANY });
    this.ledger = new EntityStreams(runner, { decider: motivationLedgerDecider, category: MOTIVATION_LEDGER_CATEGORY, idOf: () => THE_COMPANY });
  }

  async adoptVersion(input: AdoptRuleVersionFields, context: RequestCommandContext): Promise<RuleBusCommand> {
    const at = this.runner.businessTime(input.occurredAt);
    const { decisionId, effectiveFrom, weights, attainmentCap, bands, coefficientWithoutData } = input;
    const [decision, ledger] = await Promise.all([this.council.decided(decisionId), this.ledger.current(THE_COMPANY)]);
    return this.rule.command(
      {
        type: 'AdoptMotivationRuleVersion',
        decision: decisionFactsOf(decision),
        effectiveFrom,
        weights,
        attainmentCap,
        bands,
        coefficientWithoutData,
        lastClosedMonth: lastClosedMonth(ledger),
        at,
      },
      context,
    );
  }

  async close(month: string, input: ClosePeriodFields, context: RequestCommandContext): Promise<LedgerBusCommand> {
    const at = this.runner.businessTime(input.occurredAt);
    const period = periodOfMonth(requireMonth(month, 'month'))!;
    // The head first: the rule and the ledger are then read as they are at it or later, never earlier.
    const { position: head, checkpoint: logCheckpoint } = await this.ledgerReader.pinnedHead();
    const [rule, ledger] = await Promise.all([this.rule.current(THE_COMPANY), this.ledger.current(THE_COMPANY)]);
    const checkpoint: PeriodCheckpoint = { position: head.toString(), ...logCheckpoint };
    const statements = (await this.scorecards.everyones(period, { position: head })).map((scorecard) => ({ employeeId: scorecard.employeeId, figures: statementFigures(scorecard) }));
    const lateFigures = await this.lateFigures(ledger, head);
    return this.ledger.command({ type: 'CloseMotivationPeriod', month, rule, statements, lateFigures, checkpoint, at }, context);
  }

  /**
   * The figures, read again at `head`, of each employee with a statement in a closed month that a fact
   * recorded since the last close happened in.
   */
  private async lateFigures(ledger: MotivationLedgerState, head: Position): Promise<LateFigures[]> {
    const after = ledger.lastCheckpoint === null ? undefined : BigInt(ledger.lastCheckpoint.position);
    if (after === undefined || after >= head) return [];
    const touched = new Set<string>();
    for await (const event of this.stores.events.readAll({ after, to: head })) {
      const month = monthOf(event.metadata.occurredAt);
      if (!OWN_CATEGORIES.has(categoryOf(event.streamId)) && ledger.coefficients[month] !== undefined) touched.add(month);
    }
    const late: LateFigures[] = [];
    for (const forMonth of [...touched].sort()) {
      const issued = new Set(Object.keys(ledger.coefficients[forMonth]!));
      for (const scorecard of await this.scorecards.everyones(periodOfMonth(forMonth)!, { position: head })) {
        if (issued.has(scorecard.employeeId)) late.push({ forMonth, employeeId: scorecard.employeeId, figures: statementFigures(scorecard) });
      }
    }
    return late;
  }
}
