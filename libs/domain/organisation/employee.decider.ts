import { DomainRuleError, NotFoundError, type Decider } from '#kernel';
import { withoutAbsent } from '../shared/objects.js';
import {
  validHireEmployee,
  validMoveEmployee,
  validRecordDeparture,
  type EmployeeCommand,
  type HireEmployee,
  type MoveEmployee,
  type RecordDeparture,
} from './employee.commands.js';
import { EMPLOYEE_HIRED, EMPLOYEE_LEFT, EMPLOYEE_MOVED, type EmployeeEvent } from './employee.events.js';
import type { OrgStructure } from './org-structure.state.js';
import { activePositionAt, openSectionAt, rejectDatedBeforeLastChange } from './references.js';

export type EmployeeState =
  | { readonly status: 'absent' }
  | {
      readonly status: 'employed' | 'left';
      readonly employeeId: string;
      readonly positionId: string;
      readonly sectionId: string;
      readonly lastChangedAt: string;
    };

type ExistingEmployee = Exclude<EmployeeState, { status: 'absent' }>;

export type EmployeeDecider = Decider<EmployeeCommand, EmployeeEvent, EmployeeState>;

/**
 * An employee: hired into an active position and an open section, moved, and gone once they leave.
 * A position that belongs to a section is held in that section only (`POSITION_OF_ANOTHER_SECTION`).
 * A move to where the employee already is appends nothing.
 */
export function employeeDecider(): EmployeeDecider {
  return {
    initialState: () => ({ status: 'absent' }),

    decide(command, state) {
      switch (command.type) {
        case 'HireEmployee':
          return hire(validHireEmployee(command), state);
        case 'MoveEmployee':
          return move(validMoveEmployee(command), state);
        case 'RecordDeparture':
          return depart(validRecordDeparture(command), state);
      }
    },

    evolve,
  };
}

function hire(command: HireEmployee, state: EmployeeState): EmployeeEvent[] {
  const { employeeId, name, positionId, sectionId, at } = command;
  if (state.status !== 'absent') {
    throw new DomainRuleError('EMPLOYEE_EXISTS', `employee ${employeeId} already exists`, { employeeId });
  }
  checkPlacement(command.structure, positionId, sectionId, at);
  return [{ type: EMPLOYEE_HIRED, data: { employeeId, name, positionId, sectionId, hiredAt: at } }];
}

function move(command: MoveEmployee, state: EmployeeState): EmployeeEvent[] {
  const employee = employed(state, command.employeeId, command.at);
  const positionId = command.positionId ?? employee.positionId;
  const sectionId = command.sectionId ?? employee.sectionId;
  checkPlacement(command.structure, positionId, sectionId, command.at);
  if (positionId === employee.positionId && sectionId === employee.sectionId) return [];
  return [
    {
      type: EMPLOYEE_MOVED,
      data: {
        employeeId: employee.employeeId,
        positionId,
        sectionId,
        previousPositionId: employee.positionId,
        previousSectionId: employee.sectionId,
        movedAt: command.at,
      },
    },
  ];
}

function depart(command: RecordDeparture, state: EmployeeState): EmployeeEvent[] {
  const employee = employed(state, command.employeeId, command.at);
  return [{ type: EMPLOYEE_LEFT, data: withoutAbsent({ employeeId: employee.employeeId, reason: command.reason, leftAt: command.at }) }];
}

/** The position and section an employee is placed in, at `at`. */
function checkPlacement(structure: OrgStructure, positionId: string, sectionId: string, at: string): void {
  const position = activePositionAt(structure, positionId, 'positionId', at);
  openSectionAt(structure, sectionId, 'sectionId', at);
  if (position.sectionId !== undefined && position.sectionId !== sectionId) {
    throw new DomainRuleError('POSITION_OF_ANOTHER_SECTION', `position ${positionId} belongs to section ${position.sectionId}`, {
      positionId,
      positionSectionId: position.sectionId,
      sectionId,
    });
  }
}

function employed(state: EmployeeState, employeeId: string, at: string): ExistingEmployee {
  if (state.status === 'absent') throw new NotFoundError('employee', employeeId);
  if (state.status === 'left') throw new DomainRuleError('EMPLOYEE_LEFT', `employee ${employeeId} has left`, { employeeId });
  rejectDatedBeforeLastChange('employee', employeeId, state.lastChangedAt, at);
  return state;
}

function evolve(state: EmployeeState, event: EmployeeEvent): EmployeeState {
  if (event.type === EMPLOYEE_HIRED) {
    const { employeeId, positionId, sectionId, hiredAt } = event.data;
    return { status: 'employed', employeeId, positionId, sectionId, lastChangedAt: hiredAt };
  }
  if (state.status === 'absent') return state;
  switch (event.type) {
    case EMPLOYEE_MOVED:
      return { ...state, positionId: event.data.positionId, sectionId: event.data.sectionId, lastChangedAt: event.data.movedAt };
    case EMPLOYEE_LEFT:
      return { ...state, status: 'left', lastChangedAt: event.data.leftAt };
  }
}
