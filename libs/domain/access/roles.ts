/** The roles of DOMAIN.md ("Who uses it"). An API key carries one or more of them. */
export const ROLES = [
  'admin',
  'quality-inspector',
  'care-agent',
  'care-lead',
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
