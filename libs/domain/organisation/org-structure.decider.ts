import { DomainRuleError, NotFoundError, type Decider } from '#kernel';
import { withoutAbsent } from '../shared/objects.js';
import {
  validChangeValuableFinalProduct,
  validCloseSection,
  validCreatePosition,
  validCreateSection,
  validMoveSection,
  validRenamePosition,
  validRenameSection,
  validRetirePosition,
  type ChangeValuableFinalProduct,
  type CloseSection,
  type CreatePosition,
  type CreateSection,
  type MoveSection,
  type OrgStructureCommand,
  type RenamePosition,
  type RenameSection,
  type RetirePosition,
} from './org-structure.commands.js';
import {
  POSITION_CREATED,
  POSITION_RENAMED,
  POSITION_RETIRED,
  SECTION_CLOSED,
  SECTION_CREATED,
  SECTION_MOVED,
  SECTION_RENAMED,
  SECTION_VALUABLE_FINAL_PRODUCT_CHANGED,
  type OrgStructureEvent,
} from './org-structure.events.js';
import { emptyOrgStructure, type OrgStructure, type PositionFacts, type SectionFacts } from './org-structure.state.js';
import { isBefore, openSectionAt, rejectDatedBeforeLastChange, rejectRetiredPosition } from './references.js';

export type OrgStructureDecider = Decider<OrgStructureCommand, OrgStructureEvent, OrgStructure>;

/**
 * Sections and positions, in one stream: the rules that span sections (the parent exists and is open,
 * no cycles, unique ids, a section closes only once its sub-sections are closed) then hold against
 * one consistent state. The structure changes rarely, so one stream costs no contention worth having.
 *
 * Sections: created under an open parent or at the top level; renamed, given a new valuable final
 * product, moved, closed. Closing needs the section empty from its date on: no open sub-section, no
 * active product, no employee (`SECTION_HAS_*`). Positions: created, optionally in an open section;
 * renamed; retired once nobody holds them (`POSITION_HELD`).
 *
 * A change that changes nothing (the same name, the same parent) appends nothing, so a retried
 * request does no harm. A closed section and a retired position take no further change.
 */
export function orgStructureDecider(): OrgStructureDecider {
  return {
    initialState: emptyOrgStructure,

    decide(command, state) {
      switch (command.type) {
        case 'CreateSection':
          return createSection(validCreateSection(command), state);
        case 'RenameSection':
          return renameSection(validRenameSection(command), state);
        case 'ChangeValuableFinalProduct':
          return changeValuableFinalProduct(validChangeValuableFinalProduct(command), state);
        case 'MoveSection':
          return moveSection(validMoveSection(command), state);
        case 'CloseSection':
          return closeSection(validCloseSection(command), state);
        case 'CreatePosition':
          return createPosition(validCreatePosition(command), state);
        case 'RenamePosition':
          return renamePosition(validRenamePosition(command), state);
        case 'RetirePosition':
          return retirePosition(validRetirePosition(command), state);
      }
    },

    evolve,
  };
}

function createSection(command: CreateSection, state: OrgStructure): OrgStructureEvent[] {
  const { sectionId, name, valuableFinalProduct, parentId, at } = command;
  if (state.sections.has(sectionId)) {
    throw new DomainRuleError('SECTION_EXISTS', `section ${sectionId} already exists`, { sectionId });
  }
  if (parentId !== undefined) openSectionAt(state, parentId, 'parentId', at);
  return [{ type: SECTION_CREATED, data: withoutAbsent({ sectionId, name, valuableFinalProduct, parentId, createdAt: at }) }];
}

function renameSection(command: RenameSection, state: OrgStructure): OrgStructureEvent[] {
  const section = changeableSection(state, command.sectionId, command.at);
  if (section.name === command.name) return [];
  return [
    {
      type: SECTION_RENAMED,
      data: { sectionId: section.sectionId, name: command.name, previousName: section.name, renamedAt: command.at },
    },
  ];
}

function changeValuableFinalProduct(command: ChangeValuableFinalProduct, state: OrgStructure): OrgStructureEvent[] {
  const section = changeableSection(state, command.sectionId, command.at);
  if (section.valuableFinalProduct === command.valuableFinalProduct) return [];
  return [
    {
      type: SECTION_VALUABLE_FINAL_PRODUCT_CHANGED,
      data: { sectionId: section.sectionId, valuableFinalProduct: command.valuableFinalProduct, changedAt: command.at },
    },
  ];
}

function moveSection(command: MoveSection, state: OrgStructure): OrgStructureEvent[] {
  const section = changeableSection(state, command.sectionId, command.at);
  const parentId = command.parentId ?? undefined;
  if (parentId !== undefined) {
    openSectionAt(state, parentId, 'parentId', command.at);
    rejectCycle(state, section.sectionId, parentId);
  }
  if (section.parentId === parentId) return [];
  return [
    {
      type: SECTION_MOVED,
      data: withoutAbsent({ sectionId: section.sectionId, parentId, previousParentId: section.parentId, movedAt: command.at }),
    },
  ];
}

/** Moving a section under itself or under one of its descendants would cut it off from the tree. */
function rejectCycle(state: OrgStructure, sectionId: string, parentId: string): void {
  for (let ancestor: string | undefined = parentId; ancestor !== undefined; ancestor = state.sections.get(ancestor)?.parentId) {
    if (ancestor === sectionId) {
      throw new DomainRuleError('SECTION_CYCLE', `section ${sectionId} cannot be moved under ${parentId}, which lies within it`, {
        sectionId,
        parentId,
      });
    }
  }
}

function closeSection(command: CloseSection, state: OrgStructure): OrgStructureEvent[] {
  const section = changeableSection(state, command.sectionId, command.at);
  const { sectionId } = section;
  const openSubsections = [...state.sections.values()].filter(
    (candidate) => candidate.parentId === sectionId && (candidate.status === 'open' || isBefore(command.at, candidate.lastChangedAt)),
  );
  if (openSubsections.length > 0) {
    throw new DomainRuleError('SECTION_HAS_OPEN_SUBSECTIONS', `section ${sectionId} still has open sub-sections`, {
      sectionId,
      subsectionIds: openSubsections.map((subsection) => subsection.sectionId),
    });
  }
  if (command.occupants.activeProducts > 0) {
    throw new DomainRuleError('SECTION_HAS_ACTIVE_PRODUCTS', `section ${sectionId} still owns active products`, {
      sectionId,
      activeProducts: command.occupants.activeProducts,
    });
  }
  if (command.occupants.employees > 0) {
    throw new DomainRuleError('SECTION_HAS_EMPLOYEES', `section ${sectionId} still has employees`, {
      sectionId,
      employees: command.occupants.employees,
    });
  }
  return [{ type: SECTION_CLOSED, data: { sectionId, closedAt: command.at } }];
}

function createPosition(command: CreatePosition, state: OrgStructure): OrgStructureEvent[] {
  const { positionId, title, sectionId, at } = command;
  if (state.positions.has(positionId)) {
    throw new DomainRuleError('POSITION_EXISTS', `position ${positionId} already exists`, { positionId });
  }
  if (sectionId !== undefined) openSectionAt(state, sectionId, 'sectionId', at);
  return [{ type: POSITION_CREATED, data: withoutAbsent({ positionId, title, sectionId, createdAt: at }) }];
}

function renamePosition(command: RenamePosition, state: OrgStructure): OrgStructureEvent[] {
  const position = changeablePosition(state, command.positionId, command.at);
  if (position.title === command.title) return [];
  return [
    {
      type: POSITION_RENAMED,
      data: { positionId: position.positionId, title: command.title, previousTitle: position.title, renamedAt: command.at },
    },
  ];
}

function retirePosition(command: RetirePosition, state: OrgStructure): OrgStructureEvent[] {
  const position = changeablePosition(state, command.positionId, command.at);
  if (command.holders > 0) {
    throw new DomainRuleError('POSITION_HELD', `position ${position.positionId} is still held by employees`, {
      positionId: position.positionId,
      holders: command.holders,
    });
  }
  return [{ type: POSITION_RETIRED, data: { positionId: position.positionId, retiredAt: command.at } }];
}

/** A section that exists, is open, and whose last change is not dated after `at`. */
function changeableSection(state: OrgStructure, sectionId: string, at: string): SectionFacts {
  const section = state.sections.get(sectionId);
  if (section === undefined) throw new NotFoundError('section', sectionId);
  if (section.status === 'closed') throw new DomainRuleError('SECTION_CLOSED', `section ${sectionId} is closed`, { sectionId });
  rejectDatedBeforeLastChange('section', sectionId, section.lastChangedAt, at);
  return section;
}

function changeablePosition(state: OrgStructure, positionId: string, at: string): PositionFacts {
  const position = state.positions.get(positionId);
  if (position === undefined) throw new NotFoundError('position', positionId);
  rejectRetiredPosition(position);
  rejectDatedBeforeLastChange('position', positionId, position.lastChangedAt, at);
  return position;
}

function evolve(state: OrgStructure, event: OrgStructureEvent): OrgStructure {
  switch (event.type) {
    case SECTION_CREATED: {
      const { sectionId, name, valuableFinalProduct, parentId, createdAt } = event.data;
      return withSection(state, withoutAbsent({ sectionId, name, valuableFinalProduct, parentId, status: 'open', createdAt, lastChangedAt: createdAt }));
    }
    case SECTION_RENAMED:
      return changeSection(state, event.data.sectionId, event.data.renamedAt, { name: event.data.name });
    case SECTION_VALUABLE_FINAL_PRODUCT_CHANGED:
      return changeSection(state, event.data.sectionId, event.data.changedAt, { valuableFinalProduct: event.data.valuableFinalProduct });
    case SECTION_MOVED:
      return changeSection(state, event.data.sectionId, event.data.movedAt, { parentId: event.data.parentId });
    case SECTION_CLOSED:
      return changeSection(state, event.data.sectionId, event.data.closedAt, { status: 'closed' });
    case POSITION_CREATED: {
      const { positionId, title, sectionId, createdAt } = event.data;
      return withPosition(state, withoutAbsent({ positionId, title, sectionId, status: 'active', createdAt, lastChangedAt: createdAt }));
    }
    case POSITION_RENAMED:
      return changePosition(state, event.data.positionId, event.data.renamedAt, { title: event.data.title });
    case POSITION_RETIRED:
      return changePosition(state, event.data.positionId, event.data.retiredAt, { status: 'retired' });
  }
}

function changeSection(state: OrgStructure, sectionId: string, at: string, change: Partial<SectionFacts>): OrgStructure {
  const section = state.sections.get(sectionId);
  if (section === undefined) return state;
  return withSection(state, withoutAbsent({ ...section, ...change, lastChangedAt: at }));
}

function changePosition(state: OrgStructure, positionId: string, at: string, change: Partial<PositionFacts>): OrgStructure {
  const position = state.positions.get(positionId);
  if (position === undefined) return state;
  return withPosition(state, { ...position, ...change, lastChangedAt: at });
}

function withSection(state: OrgStructure, section: SectionFacts): OrgStructure {
  return { ...state, sections: new Map(state.sections).set(section.sectionId, section) };
}

function withPosition(state: OrgStructure, position: PositionFacts): OrgStructure {
  return { ...state, positions: new Map(state.positions).set(position.positionId, position) };
}
