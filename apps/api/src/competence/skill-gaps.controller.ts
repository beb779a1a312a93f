import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SKILL_GAPS } from '#projections/competence/index.js';
import { Caller } from '../auth/caller.decorator.js';
import type { Principal } from '../auth/principal.js';
import { AsOfQuery, type ResolvedAsOf } from '../platform/as-of.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { InvalidRequest, ReadRoute } from '../platform/route-docs.js';
import { EmployeeIdParams } from './competence-records.dto.js';
import { GAP_READERS, OWN_GAP_READERS } from './competence-roles.js';
import { SkillGapQueries } from './skill-gap-queries.service.js';
import { CompetencyEvidenceParams, CompetencyEvidenceView, SkillGapMatrixQuery, SkillGapMatrixView, SkillGapsView } from './skill-gaps.dto.js';

const GAP_NOTE =
  'Gap = max(0, required - latest validated level); a level never assessed counts as 0. The required level is that of the ' +
  "profile in force for the position, and of the career target when one is set. With `asOf`, as it was known then.";
const OWN_NOTE = "An employee's key reaches that employee's gaps only (403 for anyone else's).";

@ApiTags('competence')
@Controller('skill-gaps')
@InvalidRequest()
export class SkillGapsController {
  constructor(
    private readonly queries: SkillGapQueries,
  ) {}

  @Get()
  @ReadRoute(GAP_READERS, {
    summary: 'The skill gaps as a heat map: rows of employees (a team) or sections (the company), columns of competencies',
    description: `Filter by section or position for a team. A section's cell is the mean gap of its employees whose profile requires the competency. ${GAP_NOTE}`,
    type: SkillGapMatrixView,
    reads: SKILL_GAPS,
  })
  matrix(@Query() query: SkillGapMatrixQuery, @ReadMoment() moment: ResolvedAsOf): Promise<SkillGapMatrixView> {
    return this.queries.matrix(query, moment);
  }

  @Get(':employeeId')
  @ReadRoute(OWN_GAP_READERS, {
    summary: "An employee's skill gaps, competency by competency, weighted",
    description: `${GAP_NOTE} ${OWN_NOTE}`,
    type: SkillGapsView,
    reads: SKILL_GAPS,
    notFound: 'No skill gaps for this employee: not employed (at `asOf`, when given).',
  })
  employee(
    @Param() params: EmployeeIdParams,
    @Query() _query: AsOfQuery,
    @ReadMoment() moment: ResolvedAsOf,
    @Caller() caller: Principal,
  ): Promise<SkillGapsView> {
    return this.queries.employee(params.employeeId, moment, caller);
  }

  @Get(':employeeId/competencies/:competencyId')
  @ReadRoute(OWN_GAP_READERS, {
    summary: 'Why a level is what it is: the gap of one competency and every assessment behind it',
    description: `The assessments in log order, self assessments awaiting validation included; \`countingAssessmentId\` names the one whose level counts. ${OWN_NOTE}`,
    type: CompetencyEvidenceView,
    reads: SKILL_GAPS,
    notFound: 'No such employee, or the competency is neither required of them nor ever assessed.',
  })
  evidence(
    @Param() params: CompetencyEvidenceParams,
    @Query() _query: AsOfQuery,
    @ReadMoment() moment: ResolvedAsOf,
    @Caller() caller: Principal,
  ): Promise<CompetencyEvidenceView> {
    return this.queries.evidence(params.employeeId, params.competencyId, moment, caller);
  }
}

