import type { Auth } from './care-cases.js';
import type { CatalogueSeed } from './organisation.js';
import type { TestApp } from './test-app.js';

type Headers = Record<string, string>;

/**
 * A landing-page checklist: `mobile` (weight 3, critical), `price` (2) and `fonts` (1), pass mark 0.8.
 * Only `fonts` may fail and the page still pass (5/6); a failed `price` alone scores 4/6 and fails.
 */
export const landingChecklist = {
  title: 'Landing page before launch',
  sections: [
    {
      title: 'Layout',
      criteria: [
        { criterionId: 'mobile', text: 'Renders on a phone without horizontal scrolling', weight: 3, critical: true },
        { criterionId: 'fonts', text: 'Uses the brand fonts', weight: 1, critical: false },
      ],
    },
    { title: 'Offer', criteria: [{ criterionId: 'price', text: 'States the price above the fold', weight: 2, critical: false }] },
  ],
  passMark: 0.8,
};

/** What the desks below refer to by default: `section-layout`, its product `course-sales`, and the author `emp-author`. */
export const QUALITY_CATALOGUE: CatalogueSeed = {
  sections: ['section-layout'],
  products: { 'course-sales': 'section-layout' },
  employees: ['emp-author'],
};

export const pass = (criterionId: string) => ({ criterionId, result: 'pass' });
export const fail = (criterionId: string, comment = `${criterionId} needs rework`) => ({ criterionId, result: 'fail', comment });
export const notApplicable = (criterionId: string) => ({ criterionId, result: 'n/a' });

/** The checklist template routes, called with one key; each answers the raw response. */
export function checklistDesk(api: TestApp, auth: Auth) {
  const post = (path: string, body: object, headers: Headers) => api.http().post(path).set(auth).set(headers).send(body);
  return {
    publish: (body: object = {}, headers: Headers = {}) =>
      post('/checklist-templates', { owner: { kind: 'section', id: 'section-layout' }, ...landingChecklist, ...body }, headers),
    publishVersion: (id: string, body: object = {}, headers: Headers = {}) =>
      post(`/checklist-templates/${id}/versions`, { ...landingChecklist, ...body }, headers),
    retire: (id: string, body: object = {}, headers: Headers = {}) => post(`/checklist-templates/${id}/retirement`, body, headers),
    read: (path: string, query: Record<string, string> = {}) => api.http().get(`/checklist-templates${path}`).set(auth).query(query),
  };
}

/** The inspection routes, called with one key; each answers the raw response. The section is the product's unless given. */
export function inspectionDesk(api: TestApp, auth: Auth) {
  const post = (path: string, body: object, headers: Headers) => api.http().post(path).set(auth).set(headers).send(body);
  return {
    start: (templateId: string, body: object = {}, headers: Headers = {}) =>
      post(
        '/inspections',
        {
          deliverable: { kind: 'landing-page', reference: 'https://example.org/spring-sale' },
          productId: 'course-sales',
          authorId: 'emp-author',
          templateId,
          templateVersion: 1,
          ...body,
        },
        headers,
      ),
    record: (id: string, results: object[], body: object = {}, headers: Headers = {}) =>
      post(`/inspections/${id}/results`, { results, ...body }, headers),
    complete: (id: string, body: object = {}, headers: Headers = {}) => post(`/inspections/${id}/completion`, body, headers),
    dispute: (id: string, body: object = {}, headers: Headers = {}) =>
      post(`/inspections/${id}/disputes`, { comment: 'The price is in the footer', ...body }, headers),
    resolve: (id: string, body: object = {}, headers: Headers = {}) =>
      post(`/inspections/${id}/dispute-resolution`, { outcome: 'accepted', comment: 'Checked again', ...body }, headers),
    read: (id: string, query: Record<string, string> = {}) => api.http().get(`/inspections/${id}`).set(auth).query(query),
    list: (query: Record<string, string> = {}) => api.http().get('/inspections').set(auth).query(query),
  };
}

/**
 * Starts, records and completes an inspection in one go, at the business times given (start, then
 * results and verdict an hour apart), and answers its id and the position of its verdict.
 */
export async function inspected(
  desk: ReturnType<typeof inspectionDesk>,
  templateId: string,
  results: object[],
  options: { readonly startedAt: string; readonly body?: object },
): Promise<{ id: string; position: string }> {
  const started = await desk.start(templateId, { ...options.body, occurredAt: options.startedAt }).expect(201);
  const id: string = started.body.id;
  const later = (hours: number) => new Date(Date.parse(options.startedAt) + hours * 3_600_000).toISOString();
  await desk.record(id, results, { occurredAt: later(1) }).expect(200);
  const completed = await desk.complete(id, { occurredAt: later(2) }).expect(200);
  return { id, position: completed.body.position };
}
