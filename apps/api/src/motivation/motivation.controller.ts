import { Body, Controller, Get, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ROLES } from '#domain/access/index.js';
import { Caller } from '../auth/caller.decorator.js';
import type { Principal } from '../auth/principal.js';
import { AsOfQuery, type ResolvedAsOf } from '../platform/as-of.js';
import { CommandCtx } from '../platform/command-context.js';
import type { CommandResponse, RequestCommandContext } from '../platform/command-runner.service.js';
import type { AppCommand } from '../platform/entity-commands.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { CommandRoute, FileReadRoute, InvalidRequest, ReadRoute } from '../platform/route-docs.js';
import { MotivationCommands } from './motivation-commands.service.js';
import { MOTIVATION, MotivationQueries, PAYROLL_ROLES } from './motivation-queries.service.js';
import {
  AdoptRuleVersionRequest,
  ClosedMonthsView,
  ClosePeriodRequest,
  EmployeeStatementView,
  MonthEmployeeParams,
  MonthParams,
  MotivationRuleView,
  PeriodStatementsView,
} from './motivation.dto.js';

const CSV = 'text/csv';
const NOT_CLOSED = 'The month is not closed (at `asOf`, when given).';

@ApiTags('motivation')
@Controller('motivation')
@InvalidRequest()
export class MotivationController {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly commands: MotivationCommands,
    private readonly queries: MotivationQueries,
  ) {}

  @Post('rule/versions')
  @CommandRoute(PAYROLL_ROLES, {
    summary: 'Adopt the next version of the motivation rule, on an adopted council decision',
    description:
      'The version weighs the scorecard (KPI attainment, pass rate on the standards, training plan completion) into a score, ' +
      'and its bands map the score to a bonus coefficient. It computes the statements of `effectiveFrom` and later months; ' +
      'closed months keep the version they were closed under. An unknown decision is a 404.',
    creates: true,
    conflicts: 'DECISION_NOT_ADOPTED, DECISION_ALREADY_USED, RULE_VERSION_OUT_OF_ORDER (not after the latest version), MONTH_CLOSED.',
    notFound: 'No such decision (NOT_FOUND).',
  })
  async adoptVersion(@Body() body: AdoptRuleVersionRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.adoptVersion(body, context));
  }

  @Get('rule')
  @ReadRoute([...ROLES], {
    summary: 'The motivation rule: every version, with the decision that adopted it',
    description: 'Everyone reads the rule that computes their statements. With `asOf`, as it was known then.',
    type: MotivationRuleView,
    reads: MOTIVATION,
  })
  rule(@Query() _query: AsOfQuery, @ReadMoment() moment: ResolvedAsOf): Promise<MotivationRuleView> {
    return this.queries.rule(moment);
  }

  @Post('periods/:month/closing')
  @CommandRoute(PAYROLL_ROLES, {
    summary: "Close a month: a motivation statement for each employee who worked in it, from their scorecard",
    description:
      "Every scorecard is read at one position of the log, which each statement names with the ledger's tree over it. " +
      'Closed months whose facts changed since the last close (facts recorded since, dated in them) are read again: where ' +
      "an employee's coefficient changes, an adjustment is booked in this month, and the closed month stays as it was.",
    conflicts:
      'PERIOD_CLOSED (a closed month never changes), PERIOD_NOT_ENDED, PERIOD_OUT_OF_ORDER (months close one after another), NO_MOTIVATION_RULE.',
    readsModels: true,
  })
  async close(@Param() params: MonthParams, @Body() body: ClosePeriodRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.close(params.month, body, context));
  }

  @Get('periods')
  @ReadRoute(PAYROLL_ROLES, {
    summary: 'The closed months, oldest first: rule version, counts of statements and adjustments, checkpoint',
    description: 'With `asOf`, as it was known then.',
    type: ClosedMonthsView,
    reads: MOTIVATION,
  })
  periods(@Query() _query: AsOfQuery, @ReadMoment() moment: ResolvedAsOf): Promise<ClosedMonthsView> {
    return this.queries.periods(moment);
  }

  @Get('periods/:month')
  @ReadRoute(PAYROLL_ROLES, {
    summary: "A closed month: every employee's statement and the adjustments booked in it",
    description: 'With `asOf`, as it was known then.',
    type: PeriodStatementsView,
    reads: MOTIVATION,
    notFound: NOT_CLOSED,
  })
  period(@Param() params: MonthParams, @Query() _query: AsOfQuery, @ReadMoment() moment: ResolvedAsOf): Promise<PeriodStatementsView> {
    return this.queries.period(params.month, moment);
  }

  @Get('periods/:month/statements.csv')
  @FileReadRoute(PAYROLL_ROLES, CSV, {
    summary: "A closed month's statements and adjustments as CSV, for payroll",
    description:
      'RFC 4180 CSV with a header row: one line per statement, then the adjustments, per employee. ' +
      'A text cell that a spreadsheet would read as a formula starts with an apostrophe.',
    file: 'The payroll file.',
    reads: MOTIVATION,
    notFound: NOT_CLOSED,
  })
  async statementsCsv(@Param() params: MonthParams, @Query() _query: AsOfQuery, @ReadMoment() moment: ResolvedAsOf): Promise<StreamableFile> {
    const csv = await this.queries.statementsCsv(params.month, moment);
    return new StreamableFile(Buffer.from(csv, 'utf8'), { disposition: `attachment; filename="motivation-${params.month}.csv"` });
  }

  @Get('periods/:month/statements/:employeeId')
  @ReadRoute([...PAYROLL_ROLES, 'employee'], {
    summary: "An employee's motivation statement for a closed month, with the adjustments booked in it",
    description: 'An employee reads their own. With `asOf`, as it was known then.',
    type: EmployeeStatementView,
    reads: MOTIVATION,
    notFound: 'No statement and no adjustment of the employee in the month (at `asOf`, when given).',
  })
  statement(
    @Param() params: MonthEmployeeParams,
    @Query() _query: AsOfQuery,
    @ReadMoment() moment: ResolvedAsOf,
    @Caller() caller: Principal,
  ): Promise<EmployeeStatementView> {
    return this.queries.statement(params.month, params.employeeId, moment, caller);
  }
}
