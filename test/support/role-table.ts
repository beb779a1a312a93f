import { ROLES, type Role } from '#domain/access/index.js';
import type { DeclaredRoute } from '../../apps/api/src/auth/route-access-check.service.js';

const READ_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);

/** What a caller may do in an area: `R` some reads, `W` some commands, `RW` both. */
function reach(routes: readonly DeclaredRoute[], mayCall: (route: DeclaredRoute) => boolean): string {
  const reachable = routes.filter(mayCall);
  const reads = reachable.some((route) => READ_METHODS.has(route.method));
  const writes = reachable.some((route) => !READ_METHODS.has(route.method));
  return `${reads ? 'R' : ''}${writes ? 'W' : ''}` || '·';
}

/**
 * The table of what each role can reach, in docs/SECURITY.md: one row per area of the API (its
 * OpenAPI tag), one column per role, and one for callers without a key.
 */
export function roleTable(routes: readonly DeclaredRoute[]): string {
  const areas = [...new Set(routes.map((route) => route.area))].sort();
  const holds = (role: Role) => (route: DeclaredRoute) => route.access?.public === false && route.access.roles.includes(role);
  const header = ['area', ...ROLES.map((role) => `\`${role}\``), 'no key'];
  const rows = areas.map((area) => {
    const inArea = routes.filter((route) => route.area === area);
    return [area, ...ROLES.map((role) => reach(inArea, holds(role))), reach(inArea, (route) => route.access?.public === true)];
  });
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
