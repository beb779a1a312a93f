import { withoutAbsent } from '../shared/objects.js';
import { invalid, optionalId, requireId, requireText, requireUtcInstant } from '../shared/validation.js';

/*
 * `at` is the business date of the change (the occurredAt the command service resolved): an
 * ISO-8601 UTC instant. The decider never reads a clock.
 */

export interface CreateSection {
  readonly type: 'CreateSection';
  readonly sectionId: string;
  readonly name: string;
  readonly valuableFinalProduct: string;
  readonly parentId?: string;
  readonly at: string;
}

export interface RenameSection {
  readonly type: 'RenameSection';
  readonly sectionId: string;
  readonly name: string;
  readonly at: string;
}

export interface ChangeValuableFinalProduct {
  readonly type: 'ChangeValuableFinalProduct';
  readonly sectionId: string;
  readonly valuableFinalProduct: string;
  readonly at: string;
}

export interface MoveSection {
  readonly type: 'MoveSection';
  readonly sectionId: string;
  /** The new parent; null moves the section to the top level. */
  readonly parentId: string | null;
  readonly at: string;
}

/**
 * What still belongs to a section from `at` on, as the catalogue's read models know it: products
 * and employees live in streams of their own, so the command service counts them.
 */
export interface SectionOccupants {
  readonly activeProducts: number;
  readonly employees: number;
}

export interface CloseSection {
  readonly type: 'CloseSection';
  readonly sectionId: string;
  readonly occupants: SectionOccupants;
  readonly at: string;
}

export interface CreatePosition {
  readonly type: 'CreatePosition';
  readonly positionId: string;
  readonly title: string;
  readonly sectionId?: string;
  readonly at: string;
}

export interface RenamePosition {
  readonly type: 'RenamePosition';
  readonly positionId: string;
  readonly title: string;
  readonly at: string;
}

export interface RetirePosition {
  readonly type: 'RetirePosition';
  readonly positionId: string;
  /** Employees holding the position from `at` on, counted by the command service. */
  readonly holders: number;
  readonly at: string;
}

export type SectionCommand = CreateSection | RenameSection | ChangeValuableFinalProduct | MoveSection | CloseSection;
export type PositionCommand = CreatePosition | RenamePosition | RetirePosition;
export type OrgStructureCommand = SectionCommand | PositionCommand;

export const MAX_NAME_LENGTH = 200;
export const MAX_VALUABLE_FINAL_PRODUCT_LENGTH = 2000;

/*
 * Each validator checks a command that may come from anywhere (HTTP, CLI, a script) and returns it
 * with canonical values; `decide` works on the result only.
 */

export function validCreateSection(command: CreateSection): CreateSection {
  return withoutAbsent({
    type: command.type,
    sectionId: requireId(command.sectionId, 'sectionId'),
    name: requireText(command.name, 'name', MAX_NAME_LENGTH),
    valuableFinalProduct: requireText(command.valuableFinalProduct, 'valuableFinalProduct', MAX_VALUABLE_FINAL_PRODUCT_LENGTH),
    parentId: optionalId(command.parentId, 'parentId'),
    at: requireUtcInstant(command.at, 'at'),
  });
}

export function validRenameSection(command: RenameSection): RenameSection {
  return {
    type: command.type,
    sectionId: requireId(command.sectionId, 'sectionId'),
    name: requireText(command.name, 'name', MAX_NAME_LENGTH),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validChangeValuableFinalProduct(command: ChangeValuableFinalProduct): ChangeValuableFinalProduct {
  return {
    type: command.type,
    sectionId: requireId(command.sectionId, 'sectionId'),
    valuableFinalProduct: requireText(command.valuableFinalProduct, 'valuableFinalProduct', MAX_VALUABLE_FINAL_PRODUCT_LENGTH),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validMoveSection(command: MoveSection): MoveSection {
  return {
    type: command.type,
    sectionId: requireId(command.sectionId, 'sectionId'),
    parentId: command.parentId === null ? null : requireId(command.parentId, 'parentId'),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validCloseSection(command: CloseSection): CloseSection {
  return {
    type: command.type,
    sectionId: requireId(command.sectionId, 'sectionId'),
    occupants: {
      activeProducts: requireCount(command.occupants?.activeProducts, 'occupants.activeProducts'),
      employees: requireCount(command.occupants?.employees, 'occupants.employees'),
    },
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validCreatePosition(command: CreatePosition): CreatePosition {
  return withoutAbsent({
    type: command.type,
    positionId: requireId(command.positionId, 'positionId'),
    title: requireText(command.title, 'title', MAX_NAME_LENGTH),
    sectionId: optionalId(command.sectionId, 'sectionId'),
    at: requireUtcInstant(command.at, 'at'),
  });
}

export function validRenamePosition(command: RenamePosition): RenamePosition {
  return {
    type: command.type,
    positionId: requireId(command.positionId, 'positionId'),
    title: requireText(command.title, 'title', MAX_NAME_LENGTH),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validRetirePosition(command: RetirePosition): RetirePosition {
  return {
    type: command.type,
    positionId: requireId(command.positionId, 'positionId'),
    holders: requireCount(command.holders, 'holders'),
    at: requireUtcInstant(command.at, 'at'),
  };
}

function requireCount(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw invalid(field, 'must be a whole number >= 0');
  return value;
}
