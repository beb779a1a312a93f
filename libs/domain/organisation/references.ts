import { DomainRuleError } from '#kernel';
import { invalid } from '../shared/validation.js';
import type { OrgStructure, PositionFacts, SectionFacts } from './org-structure.state.js';

/*
 * Rules shared by every decider that refers to the organisation structure. An id that names nothing
 * is bad input (400, naming the field); a section or position that exists but cannot take the
 * reference breaks a rule (409). A reference dated before its target was created would put the
 * target on the chart of a date when it did not exist yet.
 */

export function openSectionAt(structure: OrgStructure, sectionId: string, field: string, at: string): SectionFacts {
  const section = structure.sections.get(sectionId);
  if (section === undefined) throw invalid(field, 'no such section in the organisation catalogue');
  if (section.status === 'closed') {
    throw new DomainRuleError('SECTION_CLOSED', `section ${sectionId} is closed`, { sectionId });
  }
  if (isBefore(at, section.createdAt)) {
    throw new DomainRuleError('SECTION_NOT_YET_CREATED', `section ${sectionId} was created after ${at}`, {
      sectionId,
      createdAt: section.createdAt,
      at,
    });
  }
  return section;
}

export function activePositionAt(structure: OrgStructure, positionId: string, field: string, at: string): PositionFacts {
  const position = structure.positions.get(positionId);
  if (position === undefined) throw invalid(field, 'no such position in the organisation catalogue');
  rejectRetiredPosition(position);
  if (isBefore(at, position.createdAt)) {
    throw new DomainRuleError('POSITION_NOT_YET_CREATED', `position ${positionId} was created after ${at}`, {
      positionId,
      createdAt: position.createdAt,
      at,
    });
  }
  return position;
}

export function rejectRetiredPosition(position: Pick<PositionFacts, 'positionId' | 'status'>): void {
  if (position.status === 'retired') {
    throw new DomainRuleError('POSITION_RETIRED', `position ${position.positionId} is retired`, { positionId: position.positionId });
  }
}

/**
 * Changes of one entity are dated in the order they are recorded, so that its effective-dated
 * history is a plain sequence and a backfilled change can never rewrite what a later one decided.
 */
export function rejectDatedBeforeLastChange(entity: string, id: string, lastChangedAt: string, at: string): void {
  if (isBefore(at, lastChangedAt)) {
    throw new DomainRuleError('DATED_BEFORE_LAST_CHANGE', `${entity} ${id} was last changed after ${at}`, {
      entity,
      id,
      lastChangedAt,
      at,
    });
  }
}

export function isBefore(at: string, other: string): boolean {
  return Date.parse(at) < Date.parse(other);
}
