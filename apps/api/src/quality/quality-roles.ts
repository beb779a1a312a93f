import type { Role } from '#libs/domain/access/index.js';

/** Quality inspectors publish the checklists they inspect by; admins may publish them too. */
export const TEMPLATE_PUBLISHERS: [Role, ...Role[]] = ['quality-inspector', 'admin'];

/** Only inspectors inspect and resolve disputes: an admin manages the system, not the verdicts. */
export const INSPECTORS: [Role, ...Role[]] = ['quality-inspector'];

/** The author of the inspected work disputes its verdict, as themselves: a key that belongs to an employee. */
export const AUTHORS: [Role, ...Role[]] = ['employee'];

/** Inspectors, the council that steers by the numbers, auditors and admins read templates, inspections and metrics. */
export const QUALITY_READERS: [Role, ...Role[]] = ['quality-inspector', 'council-member', 'council-chair', 'auditor', 'admin'];
