import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '#libs/eventsourcing/src/index.js';
import { STORES, type Stores } from '#libs/persistence/src/index.js';
import {
  competencyEvidence,
  employeeMatrix,
  sectionMatrix,
  SKILL_GAPS,
  type SkillGapDocument,
} from '#projections/competence/index.js';
import type { Principal } from '../auth/principal.js';
import { AsOfResolver, asOfView, readAsOf, type AsOfQuery, type ResolvedAsOf } from '../platform/as-of.js';
import { ForbiddenError } from '../platform/http-errors.js';
import { equalsFilter } from '../platform/keyset-pages.js';
import { GAP_READERS } from './competence-roles.js';
import type { CompetencyEvidenceView, SkillGapMatrixQuery, SkillGapMatrixView, SkillGapsView } from './skill-gaps.dto.js';

/**
 * Reads of the `skillGaps` read model. An employee reaches their own gaps only; the gap readers
 * reach everyone's.
 */
@Injectable()
export class SkillGapQueries {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    private readonly asOf: AsOfResolver,
  ) {}

  async employee(employeeId: string, query: AsOfQuery, caller: Principal): Promise<SkillGapsView> {
    const { moment, document, position } = await this.document(employeeId, query, caller);
    const { entity: _entity, requirements: _requirements, targetRequirements: _target, assessments: _assessments, ...view } = document;
    return { ...view, position, asOf: asOfView(moment) };
  }

  async evidence(employeeId: string, competencyId: string, query: AsOfQuery, caller: Principal): Promise<CompetencyEvidenceView> {
    const { moment, document } = await this.document(employeeId, query, caller);
    const evidence = competencyEvidence(document, competencyId);
    if (evidence === undefined) throw new NotFoundError(`competency of employee ${employeeId}`, competencyId);
    return { ...evidence, asOf: asOfView(moment) };
  }

  async matrix(query: SkillGapMatrixQuery): Promise<SkillGapMatrixView> {
    const moment = await this.asOf.resolve(query.asOf, SKILL_GAPS);
    const filter = { entity: 'employee', ...equalsFilter(query, ['sectionId', 'positionId']) };
    const found = await this.stores.reads.find<SkillGapDocument>(SKILL_GAPS, filter, readAsOf(moment));
    const documents = found.map(({ data }) => data);
    return { ...(query.rows === 'section' ? sectionMatrix(documents) : employeeMatrix(documents)), asOf: asOfView(moment) };
  }

  private async document(
    employeeId: string,
    query: AsOfQuery,
    caller: Principal,
  ): Promise<{ moment: ResolvedAsOf; document: SkillGapDocument; position: string }> {
    if (!caller.roles.some((role) => GAP_READERS.includes(role)) && caller.employeeId !== employeeId) {
      throw new ForbiddenError(GAP_READERS, "another employee's skill gaps");
    }
    const moment = await this.asOf.resolve(query.asOf, SKILL_GAPS);
    const found = await this.stores.reads.get<SkillGapDocument>(SKILL_GAPS, employeeId, readAsOf(moment));
    if (found?.data.entity !== 'employee') throw new NotFoundError('skill gaps of employee', employeeId);
    return { moment, document: found.data, position: found.position.toString() };
  }
}
