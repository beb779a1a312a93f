import type { Role } from '#domain/access/index.js';

/** Admins appoint the council: they manage the system, not its decisions. */
export const COUNCIL_ADMINS: [Role, ...Role[]] = ['admin'];

/** The chair schedules, opens and closes meetings, counts the votes, signs the minutes and runs the programs. */
export const CHAIR: [Role, ...Role[]] = ['council-chair'];

/** Members, the chair among them, propose, vote, dissent and report improvement actions done, as themselves. */
export const MEMBERS: [Role, ...Role[]] = ['council-member', 'council-chair'];

/** The council, auditors and admins read meetings, packs and programs. */
export const COUNCIL_READERS: [Role, ...Role[]] = [...MEMBERS, 'auditor', 'admin'];

/** Auditors reconstruct decisions; admins read everything. */
export const AUDITORS: [Role, ...Role[]] = ['auditor', 'admin'];
