import type { Response } from 'supertest';
import type { Auth } from './care-cases.js';
import { asAdmin, type TestApp } from './test-app.js';

type Headers = Record<string, string>;
type Body = Record<string, unknown>;

/** The command routes of the organisation catalogue, called with one key; each answers the raw response. */
export function orgDesk(api: TestApp, auth: Auth) {
  const post = (path: string, body: Body, headers: Headers) => api.http().post(path).set(auth).set(headers).send(body);
  return {
    createSection: (body: Body = {}, headers: Headers = {}) =>
      post('/sections', { name: 'Quality control', valuableFinalProduct: 'Products that meet their standards', ...body }, headers),
    renameSection: (id: string, body: Body = {}, headers: Headers = {}) => post(`/sections/${id}/rename`, { name: 'Renamed', ...body }, headers),
    changeValuableFinalProduct: (id: string, body: Body = {}, headers: Headers = {}) =>
      post(`/sections/${id}/valuable-final-product`, { valuableFinalProduct: 'Restated', ...body }, headers),
    moveSection: (id: string, parentId: string | null, body: Body = {}, headers: Headers = {}) =>
      post(`/sections/${id}/move`, { parentId, ...body }, headers),
    closeSection: (id: string, body: Body = {}, headers: Headers = {}) => post(`/sections/${id}/closure`, body, headers),
    createPosition: (body: Body = {}, headers: Headers = {}) => post('/positions', { title: 'Quality inspector', ...body }, headers),
    renamePosition: (id: string, body: Body = {}, headers: Headers = {}) => post(`/positions/${id}/rename`, { title: 'Retitled', ...body }, headers),
    retirePosition: (id: string, body: Body = {}, headers: Headers = {}) => post(`/positions/${id}/retirement`, body, headers),
    createProduct: (sectionId: string, body: Body = {}, headers: Headers = {}) =>
      post('/products', { kind: 'product', name: 'Spring webinar', sectionId, ...body }, headers),
    renameProduct: (id: string, body: Body = {}, headers: Headers = {}) => post(`/products/${id}/rename`, { name: 'Renamed', ...body }, headers),
    transferProduct: (id: string, sectionId: string, body: Body = {}, headers: Headers = {}) =>
      post(`/products/${id}/transfer`, { sectionId, ...body }, headers),
    retireProduct: (id: string, body: Body = {}, headers: Headers = {}) => post(`/products/${id}/retirement`, body, headers),
    hire: (positionId: string, sectionId: string, body: Body = {}, headers: Headers = {}) =>
      post('/employees', { name: 'Anna Petrova', positionId, sectionId, ...body }, headers),
    moveEmployee: (id: string, body: Body, headers: Headers = {}) => post(`/employees/${id}/move`, body, headers),
    recordDeparture: (id: string, body: Body = {}, headers: Headers = {}) => post(`/employees/${id}/departure`, body, headers),
  };
}

export type OrgDesk = ReturnType<typeof orgDesk>;

/** The ids of a page of a catalogue list. */
export function idsOf(response: Response): string[] {
  return response.body.items.map((item: { id: string }) => item.id);
}

/** Catalogue entries a test of another context refers to, by the ids it uses. */
export interface CatalogueSeed {
  readonly sections?: readonly string[];
  /** Product id, and the id of the section that owns it. */
  readonly products?: Readonly<Record<string, string>>;
  readonly employees?: readonly string[];
}

/**
 * Creates, with the admin key, the sections, the products in their sections, and the employees (in a
 * section and position of their own) that these seeds name, so that references to them are accepted.
 */
export async function seedCatalogue(api: TestApp, ...seeds: readonly CatalogueSeed[]): Promise<void> {
  const admin = orgDesk(api, asAdmin);
  const sections = new Set(seeds.flatMap((seed) => seed.sections ?? []));
  const products = Object.assign({}, ...seeds.map((seed) => seed.products ?? {})) as Record<string, string>;
  const employees = new Set(seeds.flatMap((seed) => seed.employees ?? []));
  for (const id of sections) await admin.createSection({ id, name: `Section ${id}` }).expect(201);
  for (const [id, sectionId] of Object.entries(products)) await admin.createProduct(sectionId, { id, name: `Product ${id}` }).expect(201);
  if (employees.size === 0) return;
  const staff: string = (await admin.createSection({ name: 'Staff' }).expect(201)).body.id;
  const position: string = (await admin.createPosition({ sectionId: staff }).expect(201)).body.id;
  for (const id of employees) await admin.hire(position, staff, { id, name: `Employee ${id}` }).expect(201);
}
