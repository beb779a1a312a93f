import type { Response } from 'supertest';
import type { Auth } from './care-cases.js';
import type { TestApp } from './test-app.js';

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
