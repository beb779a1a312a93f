import type { DomainEvent } from '#kernel';

/** Stream category of employees: each lives in `employee-<employeeId>`. */
export const EMPLOYEE_CATEGORY = 'employee';

export const EMPLOYEE_HIRED = 'EmployeeHired';
export const EMPLOYEE_MOVED = 'EmployeeMoved';
export const EMPLOYEE_LEFT = 'EmployeeLeft';

/*
 * Employees are internal staff: a name is fine, contact details (e-mail, phone) have no field here.
 */

export interface EmployeeHiredData {
  readonly employeeId: string;
  readonly name: string;
  readonly positionId: string;
  readonly sectionId: string;
  readonly hiredAt: string;
}

export interface EmployeeMovedData {
  readonly employeeId: string;
  readonly positionId: string;
  readonly sectionId: string;
  readonly previousPositionId: string;
  readonly previousSectionId: string;
  readonly movedAt: string;
}

export interface EmployeeLeftData {
  readonly employeeId: string;
  readonly reason?: string;
  readonly leftAt: string;
}

export type EmployeeHired = DomainEvent<typeof EMPLOYEE_HIRED, EmployeeHiredData>;
export type EmployeeMoved = DomainEvent<typeof EMPLOYEE_MOVED, EmployeeMovedData>;
export type EmployeeLeft = DomainEvent<typeof EMPLOYEE_LEFT, EmployeeLeftData>;

export type EmployeeEvent = EmployeeHired | EmployeeMoved | EmployeeLeft;
