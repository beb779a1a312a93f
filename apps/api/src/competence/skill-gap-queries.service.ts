import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '#kernel';
import { STORES, type Stores } from '#persistence';
import {
  competencyEvidence,
  employeeMatrix,
  sectionMatrix,
  SKILL_GAPS,
  type SkillGapDocument,
} from '#projections/competence/index.js';
import { requireOwnOrReader, type Principal } from '../auth/principal.js';
import { asOfView, readAsOf, type ResolvedAsOf } from '../platform/as-of.js';
import { equalsFilter } from '../platform/keyset-pages.js';
import { GAP_READERS } from './competence-roles.js';
import type { CompetencyEvidenceView, SkillGapMatrixQuery, SkillGapMatrixView, SkillGapsView } from './skill-gaps.dto.js';

/**
 * Reads of the `skillGaps` read model. An employee reaches their own gaps only; the gap readers
 * reach everyone's.
 */
@Injectable()
export class SkillGapQueries {
  constructor(@Inject(STORES) private readonly stores: Stores) {}

  async employee(employeeId: string, moment: ResolvedAsOf, caller: Principal): Promise<SkillGapsView> {
    const { document, position } = await this.document(employeeId, moment, caller);
    const { entity: _entity, requirements: _requirements, targetRequirements: _target, assessments: _assessments, ...view } = document;
    return { ...view, position, asOf: asOfView(moment) };
  }

  async evidence(employeeId: string, competencyId: string, moment: ResolvedAsOf, caller: Principal): Promise<CompetencyEvidenceView> {
    const { document } = await this.document(employeeId, moment, caller);
    const evidence = competencyEvidence(document, competencyId);
    if (evidence === undefined) throw new NotFoundError(`competency of employee ${employeeId}`, competencyId);
    return { ...evidence, asOf: asOfView(moment) };
  }

  async matrix(query: SkillGapMatrixQuery, moment: ResolvedAsOf): Promise<SkillGapMatrixView> {
    const filter = { entity: 'employee', ...equalsFilter(query, ['sectionId', 'positionId']) };
    const found = await this.stores.reads.find<SkillGapDocument>(SKILL_GAPS, filter, readAsOf(moment));
    const documents = found.map(({ data }) => data);
    return { ...(query.rows === 'section' ? sectionMatrix(documents) : employeeMatrix(documents)), asOf: asOfView(moment) };
  }

  private async document(
    employeeId: string,
    moment: ResolvedAsOf,
    caller: Principal,
  ): Promise<{ document: SkillGapDocument; position: string }> {
    requireOwnOrReader(caller, employeeId, GAP_READERS, "another employee's skill gaps");
    const found = await this.stores.reads.get<SkillGapDocument>(SKILL_GAPS, employeeId, readAsOf(moment));
    if (found?.data.entity !== 'employee') throw new NotFoundError('skill gaps of employee', employeeId);
    return { document: found.data, position: found.position.toString() };
  }
}
