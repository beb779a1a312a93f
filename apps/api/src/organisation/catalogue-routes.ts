import { ROLES, type Role } from '#domain/access/index.js';

/** The catalogue names what every context refers to: every role may read it. */
export const CATALOGUE_READERS: [Role, ...Role[]] = [...ROLES];

/** Admins manage the catalogues: sections, products and funnels. */
export const CATALOGUE_ADMINS: [Role, ...Role[]] = ['admin'];

/** HR manages positions and employees; admins may too. */
export const STAFF_MANAGERS: [Role, ...Role[]] = ['hr', 'admin'];

export const STRUCTURE_NOTE = 'Sections and positions share one stream: `revision` and `If-Match` are those of the whole structure.';

export const AT_NOTE = 'With `at`, as it stood on that business date; with `asOf`, as it was known then.';

export const AT_LIST_NOTE =
  'With `at`, the entries that existed on that business date, as they stood then (the filters apply to that state). ' +
  'Pass the same `asOf` on every page to page through one moment.';
