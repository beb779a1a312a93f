import type { Role } from '#domain/access/index.js';
import type { Principal } from '../auth/principal.js';

/** Quality inspectors publish the checklists they inspect by; admins may publish them too. */
export const TEMPLATE_PUBLISHERS: [Role, ...Role[]] = ['quality-inspector', 'admin'];

/** Only inspectors inspect and resolve disputes: an admin manages the system, not the verdicts. */
export const INSPECTORS: [Role, ...Role[]] = ['quality-inspector'];

/** The author of the inspected work disputes its verdict, as themselves: a key that belongs to an employee. */
export const AUTHORS: [Role, ...Role[]] = ['employee'];

/** Inspectors, the council that steers by the numbers, auditors and admins read templates, inspections and metrics. */
export const QUALITY_READERS: [Role, ...Role[]] = ['quality-inspector', 'council-member', 'council-chair', 'auditor', 'admin'];

/** Authors read the inspections of their own work too, and nobody else's. */
export const INSPECTION_READERS: [Role, ...Role[]] = [...QUALITY_READERS, ...AUTHORS];

/** Whether the caller reads every inspection; otherwise only those of their own work (see `isOwnWork`). */
export function readsEveryInspection(caller: Principal): boolean {
  return caller.roles.some((role) => QUALITY_READERS.includes(role));
}

/** Whether the work of `authorId` is the caller's own: the key belongs to that employee. */
export function isOwnWork(caller: Principal, authorId: string | undefined): boolean {
  return authorId !== undefined && authorId === caller.employeeId;
}
