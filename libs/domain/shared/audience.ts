import { invalid, requireIdList, requireRecord } from './validation.js';

/**
 * Whom something is for, named by lists of ids (employees, positions, sections). A list left out is
 * empty, but together the lists name someone: `refusalOfNobody` is the message that refuses an
 * audience naming no one. An entry is named `<field>.<list>.<index>`.
 */
export function requireAudience<List extends string>(
  value: unknown,
  field: string,
  lists: readonly List[],
  maxEntries: number,
  refusalOfNobody: string,
): Record<List, string[]> {
  const given = requireRecord(value, field);
  const audience = Object.fromEntries(
    lists.map((list) => [list, given[list] === undefined ? [] : requireIdList(given[list], `${field}.${list}`, 0, maxEntries)]),
  ) as Record<List, string[]>;
  if (lists.every((list) => audience[list].length === 0)) throw invalid(field, refusalOfNobody);
  return audience;
}
