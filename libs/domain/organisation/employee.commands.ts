import { withoutAbsent } from '../shared/objects.js';
import {
  invalid,
  optionalId,
  optionalText,
  requireId,
  requireText,
  requireUtcInstant,
  withoutEmailAddress,
} from '../shared/validation.js';
import { MAX_NAME_LENGTH } from './org-structure.commands.js';
import type { OrgStructure } from './org-structure.state.js';

export interface HireEmployee {
  readonly type: 'HireEmployee';
  readonly employeeId: string;
  readonly name: string;
  readonly positionId: string;
  readonly sectionId: string;
  /** The organisation structure as the command service folded it from its stream. */
  readonly structure: OrgStructure;
  readonly at: string;
}

/** To another position, another section, or both; what is not given stays. */
export interface MoveEmployee {
  readonly type: 'MoveEmployee';
  readonly employeeId: string;
  readonly positionId?: string;
  readonly sectionId?: string;
  readonly structure: OrgStructure;
  readonly at: string;
}

export interface RecordDeparture {
  readonly type: 'RecordDeparture';
  readonly employeeId: string;
  readonly reason?: string;
  readonly at: string;
}

export type EmployeeCommand = HireEmployee | MoveEmployee | RecordDeparture;

export const MAX_DEPARTURE_REASON_LENGTH = 2000;

export function validHireEmployee(command: HireEmployee): HireEmployee {
  return {
    type: command.type,
    employeeId: requireId(command.employeeId, 'employeeId'),
    name: withoutEmailAddress(requireText(command.name, 'name', MAX_NAME_LENGTH), 'name'),
    positionId: requireId(command.positionId, 'positionId'),
    sectionId: requireId(command.sectionId, 'sectionId'),
    structure: command.structure,
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validMoveEmployee(command: MoveEmployee): MoveEmployee {
  const valid = withoutAbsent({
    type: command.type,
    employeeId: requireId(command.employeeId, 'employeeId'),
    positionId: optionalId(command.positionId, 'positionId'),
    sectionId: optionalId(command.sectionId, 'sectionId'),
    structure: command.structure,
    at: requireUtcInstant(command.at, 'at'),
  });
  if (valid.positionId === undefined && valid.sectionId === undefined) {
    throw invalid('positionId', 'give the new position, the new section, or both');
  }
  return valid;
}

export function validRecordDeparture(command: RecordDeparture): RecordDeparture {
  return withoutAbsent({
    type: command.type,
    employeeId: requireId(command.employeeId, 'employeeId'),
    reason: withoutEmailAddress(optionalText(command.reason, 'reason', MAX_DEPARTURE_REASON_LENGTH), 'reason'),
    at: requireUtcInstant(command.at, 'at'),
  });
}
