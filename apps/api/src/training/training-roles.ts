import type { Role } from '#domain/access/index.js';
import { ForbiddenError } from '../platform/http-errors.js';
import { ownRecordsOnly, type Principal } from '../auth/principal.js';

/** Trainers run the knowledge base, the group training and the individual plans. */
export const TRAINERS: [Role, ...Role[]] = ['trainer'];

/** A plan is approved by a trainer or by a manager (hr). */
export const PLAN_APPROVERS: [Role, ...Role[]] = ['trainer', 'hr'];

/** Who reads everything of training: trainers, hr, the council, auditors and admins. */
export const TRAINING_READERS: [Role, ...Role[]] = ['trainer', 'hr', 'council-member', 'council-chair', 'auditor', 'admin'];

/** The knowledge base is there for the employees to read, and they read their own plans. */
export const EMPLOYEE_READERS: [Role, ...Role[]] = [...TRAINING_READERS, 'employee'];

/** Regulations are acknowledged by each employee, as themselves. */
export const ACKNOWLEDGERS: [Role, ...Role[]] = ['employee'];

/**
 * The employee whose plans alone the caller may read, or undefined for a caller who reads every plan.
 * A key holding only the employee role reads the plans of the employee it belongs to; a key that
 * belongs to nobody reads none.
 */
export function ownPlansOnly(caller: Principal): string | undefined {
  return ownRecordsOnly(caller, TRAINING_READERS);
}

/** Refuses a caller who reads only their own plans the plan of someone else. */
export function checkPlanReader(caller: Principal, employeeId: string): void {
  const own = ownPlansOnly(caller);
  if (own !== undefined && own !== employeeId) throw new ForbiddenError(TRAINING_READERS, "another employee's plan");
}
