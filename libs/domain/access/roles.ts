/** The roles of DOMAIN.md ("Who uses it"). An API key carries one or more of them. */
export const ROLES = [
  'admin',
  'quality-inspector',
  'care-agent',
  'care-lead',
  'support-agent',
  'support-lead',
  'survey-manager',
  'trainer',
  'hr',
  'council-member',
  'council-chair',
  'auditor',
  'employee',
  'service',
] as const;

export type Role = (typeof ROLES)[number];

const KNOWN_ROLES: ReadonlySet<string> = new Set(ROLES);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && KNOWN_ROLES.has(value);
}

/**
 * The roles no person of the staff holds as such: `admin` and `auditor` administer and review without
 * deciding about colleagues' work, and are often an operator or an outside auditor who is no
 * employee; `service` is a system.
 */
const ROLES_OF_NO_PERSON: ReadonlySet<Role> = new Set(['admin', 'auditor', 'service']);

/**
 * The roles held by one person of the staff, who decides about colleagues' work, plans, answers and
 * assessments: a key with any of them names its employee, so that separation of duty can tell who acts.
 */
export const PERSON_ROLES: readonly Role[] = ROLES.filter((role) => !ROLES_OF_NO_PERSON.has(role));

export function isPersonRole(role: Role): boolean {
  return !ROLES_OF_NO_PERSON.has(role);
}
