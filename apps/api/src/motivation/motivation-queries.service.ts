import { Inject, Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import type { Role } from '#domain/access/index.js';
import { NotFoundError } from '#kernel';
import { STORES, type Stores } from '#persistence';
import {
  motivation,
  motivationDocumentId,
  type AdjustmentDocument,
  type MotivationDocument,
  type PeriodDocument,
  type RuleVersionDocument,
  type StatementDocument,
} from '#projections/motivation/index.js';
import { organisation, type EmployeeDocument } from '#projections/organisation/index.js';
import { requireOwnOrReader, type Principal } from '../auth/principal.js';
import { asOfView, readAsOf, type ResolvedAsOf } from '../platform/as-of.js';
import { ProjectionProgress } from '../platform/projection-progress.service.js';
import type { ClosedMonthsView, EmployeeStatementView, MotivationRuleView, PeriodStatementsView } from './motivation.dto.js';

export const MOTIVATION = motivation.name;

/** Who closes months and reads everyone's statements: hr and admins. Employees read their own. */
export const PAYROLL_ROLES: [Role, ...Role[]] = ['hr', 'admin'];

/** The columns of the payroll file, one line per statement or adjustment. */
export const STATEMENT_CSV_COLUMNS = [
  'month',
  'line',
  'employeeId',
  'employeeName',
  'forMonth',
  'positionId',
  'ruleVersion',
  'score',
  'coefficient',
  'previousCoefficient',
  'delta',
  'checkpointPosition',
  'checkpointTreeSize',
  'checkpointRootHash',
] as const;

@Injectable()
export class MotivationQueries {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    private readonly progress: ProjectionProgress,
  ) {}

  async rule(moment: ResolvedAsOf): Promise<MotivationRuleView> {
    const versions = await this.find<RuleVersionDocument>('ruleVersion', {}, moment);
    return { versions: versions.map(({ entity: _entity, ...version }) => version), asOf: asOfView(moment) };
  }

  /** Every closed month, oldest first, without its lines. */
  async periods(moment: ResolvedAsOf): Promise<ClosedMonthsView> {
    const closed = await this.find<PeriodDocument>('period', {}, moment);
    return { items: closed.map(withoutEntity), asOf: asOfView(moment) };
  }

  /** A closed month: its statements and the adjustments booked in it, in the order of the employees' ids. */
  async period(month: string, moment: ResolvedAsOf): Promise<PeriodStatementsView> {
    const closed = await this.stores.reads.get<PeriodDocument>(MOTIVATION, motivationDocumentId.period(month), readAsOf(moment));
    if (closed === undefined) throw new NotFoundError('closed month', month);
    const { entity: _entity, ...period } = closed.data;
    const [statements, adjustments] = await Promise.all([this.find<StatementDocument>('statement', { month }, moment), this.find<AdjustmentDocument>('adjustment', { month }, moment)]);
    return { ...period, statementLines: statements.map(withoutEntity), adjustmentLines: adjustments.map(withoutEntity), asOf: asOfView(moment) };
  }

  /** An employee's statement for a closed month, with the adjustments of earlier months booked in it. */
  async statement(month: string, employeeId: string, moment: ResolvedAsOf, caller: Principal): Promise<EmployeeStatementView> {
    requireOwnOrReader(caller, employeeId, PAYROLL_ROLES, "another employee's motivation statement");
    const [statement, adjustments] = await Promise.all([
      this.stores.reads.get<StatementDocument>(MOTIVATION, motivationDocumentId.statement(month, employeeId), readAsOf(moment)),
      this.find<AdjustmentDocument>('adjustment', { month, employeeId }, moment),
    ]);
    if (statement === undefined && adjustments.length === 0) throw new NotFoundError(`motivation statement for ${month}`, employeeId);
    return { month, employeeId, statement: statement === undefined ? null : withoutEntity(statement.data), adjustments: adjustments.map(withoutEntity), asOf: asOfView(moment) };
  }

  /** The payroll file of a closed month: a header, then each statement and each adjustment, by employee. */
  async statementsCsv(month: string, moment: ResolvedAsOf): Promise<string> {
    const { statementLines, adjustmentLines } = await this.period(month, moment);
    // The route waits for the motivation read model only; the names come from the organisation's.
    if (moment.position !== null) await this.progress.requireReached(moment.position, [organisation.name]);
    const names = new Map(
      (await this.stores.reads.find<EmployeeDocument>(organisation.name, { entity: 'employee' }, readAsOf(moment))).map(({ data }) => [data.id, data.name] as const),
    );
    const lines = [
      ...statementLines.map((statement) => ({ ...statement, line: 'statement', forMonth: month, previousCoefficient: null, delta: null })),
      ...adjustmentLines.map((adjustment) => ({ ...adjustment, line: 'adjustment', positionId: adjustment.figures.positionId })),
    ].sort((a, b) => (a.employeeId < b.employeeId ? -1 : a.employeeId > b.employeeId ? 1 : a.forMonth < b.forMonth ? 1 : -1));
    const rows = lines.map((line) => ({
      ...line,
      employeeName: names.get(line.employeeId) ?? '',
      checkpointPosition: line.checkpoint.position,
      checkpointTreeSize: line.checkpoint.treeSize,
      checkpointRootHash: line.checkpoint.rootHash,
    }));
    // Names are free text: a cell a spreadsheet would take for a formula is written as text.
    return stringify(rows, { header: true, columns: [...STATEMENT_CSV_COLUMNS], escape_formulas: true, record_delimiter: 'windows' });
  }

  private async find<D extends MotivationDocument>(entity: D['entity'], filter: Readonly<Record<string, string>>, moment: ResolvedAsOf): Promise<D[]> {
    return (await this.stores.reads.find<D>(MOTIVATION, { entity, ...filter }, readAsOf(moment))).map(({ data }) => data);
  }
}

function withoutEntity<D extends MotivationDocument>({ entity: _entity, ...rest }: D): Omit<D, 'entity'> {
  return rest;
}
