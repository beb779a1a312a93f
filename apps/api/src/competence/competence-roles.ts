import { ROLES, type Role } from '#domain/access/index.js';

/** Trainers keep the competency catalogue, the proficiency scale and the knowledge checks; admins manage catalogues too. */
export const COMPETENCY_KEEPERS: [Role, ...Role[]] = ['trainer', 'admin'];

/** HR keeps the job profiles and career paths, and sets an employee's career target; admins may too. */
export const PROFILE_KEEPERS: [Role, ...Role[]] = ['hr', 'admin'];

/** HR forms attestation commissions and records their results. */
export const ATTESTATION_KEEPERS: [Role, ...Role[]] = ['hr'];

/** Trainers run the knowledge checks, record the attempts and mark the open answers of the attempts employees take. */
export const CHECK_RECORDERS: [Role, ...Role[]] = ['trainer'];

/** Who sees the answer keys of the checks: those who keep the checks and those who audit them, never those who take them. */
export const ANSWER_KEY_READERS: readonly Role[] = ['trainer', 'admin', 'auditor'];

/** Trainers and hr ask employees to take a check, in campaigns. */
export const CAMPAIGN_KEEPERS: [Role, ...Role[]] = ['trainer', 'hr'];

/** An employee takes their own attempts, through a key that belongs to them. */
export const CHECK_TAKERS: [Role, ...Role[]] = ['employee'];

/**
 * The employee's manager assesses them and validates their self assessments. Managers hold no role
 * of their own: hr and trainers act for them.
 */
export const MANAGERS: [Role, ...Role[]] = ['hr', 'trainer'];

/** An employee assesses themselves, through a key that belongs to them. */
export const SELF_ASSESSORS: [Role, ...Role[]] = ['employee'];

/** The catalogue, the scale, the profiles, the paths and the checks say what is expected of everyone: every role reads them. */
export const COMPETENCE_CATALOGUE_READERS: [Role, ...Role[]] = [...ROLES];

/** Who reads the gaps and attestations of every employee. */
export const GAP_READERS: [Role, ...Role[]] = ['hr', 'trainer', 'council-member', 'council-chair', 'auditor', 'admin'];

/** The gaps of one employee: the gap readers, and the employee themselves (their own only). */
export const OWN_GAP_READERS: [Role, ...Role[]] = [...GAP_READERS, 'employee'];

/** Who reads the campaigns, their participation and everyone's attempts: as for the gaps. */
export const CAMPAIGN_READERS: [Role, ...Role[]] = GAP_READERS;

/** The campaigns and attempt of one employee: the campaign readers, and the employee themselves (their own only). */
export const OWN_CAMPAIGN_READERS: [Role, ...Role[]] = OWN_GAP_READERS;
