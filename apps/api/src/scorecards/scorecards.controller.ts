import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { organisation } from '#projections/organisation/index.js';
import { Caller } from '../auth/caller.decorator.js';
import type { Principal } from '../auth/principal.js';
import { EmployeeIdParams } from '../competence/competence-records.dto.js';
import type { ResolvedAsOf } from '../platform/as-of.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { InvalidRequest, ReadRoute } from '../platform/route-docs.js';
import { SCORECARD_READERS, ScorecardQueries } from './scorecard-queries.service.js';
import { ScorecardQuery, ScorecardView } from './scorecards.dto.js';

@ApiTags('scorecards')
@Controller('employees')
@InvalidRequest()
export class ScorecardsController {
  constructor(private readonly queries: ScorecardQueries) {}

  @Get(':employeeId/scorecard')
  @ReadRoute([...SCORECARD_READERS, 'employee'], {
    summary: "An employee's scorecard for a month: each KPI of their job profile with its value, target and attainment",
    description:
      'The KPIs are those of the job profile version in force, on the last day of the month, for the position the ' +
      'employee held that day. Each value is computed by the metric route that computes its indicator ' +
      '(`GET /indicators`): the employee\'s own figure where the route groups by employee, the company\'s otherwise. ' +
      '`asOf` answers as every read model knew it then. An employee reads their own scorecard only.',
    type: ScorecardView,
    reads: organisation.name,
    notFound: 'The employee did not hold a position on the last day of the month (as known at `asOf`, when given).',
  })
  scorecard(
    @Param() params: EmployeeIdParams,
    @Query() query: ScorecardQuery,
    @ReadMoment() moment: ResolvedAsOf,
    @Caller() caller: Principal,
  ): Promise<ScorecardView> {
    return this.queries.scorecard(params.employeeId, query.period, moment, caller);
  }
}
