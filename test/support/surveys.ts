import type { Auth } from './care-cases.js';
import type { CatalogueSeed } from './organisation.js';
import { asAdmin, type TestApp } from './test-app.js';

type Headers = Record<string, string>;

export const CSAT = { questionId: 'satisfaction', kind: 'csat', text: 'How satisfied are you?', required: true };
export const NPS = { questionId: 'recommend', kind: 'nps', text: 'Would you recommend us?' };
export const CES = { questionId: 'effort', kind: 'ces', text: 'How easy was it?' };
export const CHANNEL = {
  questionId: 'channel',
  kind: 'single-choice',
  text: 'Where did you hear of us?',
  options: [
    { optionId: 'webinar', text: 'A webinar' },
    { optionId: 'friend', text: 'A friend' },
  ],
};
export const MISSING = { questionId: 'missing', kind: 'free-text', text: 'What was missing?' };

/** What `surveyBody` refers to by default: the product `course-sales`, in a section of its own. */
export const SURVEY_CATALOGUE: CatalogueSeed = { sections: ['section-courses'], products: { 'course-sales': 'section-courses' } };

/** A survey of every kind of question but multiple choice, about a product, with a bonus offer. */
function surveyBody(body: object = {}): object {
  return {
    title: 'Course buyers',
    audience: 'clients-bought',
    productId: 'course-sales',
    bonus: { description: 'A webinar recording', amount: { minor: 50_000, currency: 'RUB' } },
    questions: [CSAT, NPS, CES, CHANNEL, MISSING],
    ...body,
  };
}

/** The survey routes, called with one key; each answers the raw response. */
export function surveyDesk(api: TestApp, auth: Auth) {
  const post = (path: string, body: unknown, headers: Headers = {}) => api.http().post(path).set(auth).set(headers).send(body as object);
  return {
    create: (body: object = {}, headers: Headers = {}) => post('/surveys', surveyBody(body), headers),
    revise: (id: string, body: object, headers: Headers = {}) => post(`/surveys/${id}/revision`, body, headers),
    launch: (id: string, body: object = {}, headers: Headers = {}) => post(`/surveys/${id}/waves`, body, headers),
    close: (id: string, wave: number | string, body: object = {}, headers: Headers = {}) => post(`/surveys/${id}/waves/${wave}/closing`, body, headers),
    issueTokens: (id: string, wave: number | string, count: unknown, headers: Headers = {}) =>
      post(`/surveys/${id}/waves/${wave}/tokens`, { count }, headers),
    answer: (id: string, wave: number | string, body: object, headers: Headers = {}) => post(`/surveys/${id}/waves/${wave}/responses`, body, headers),
    grantBonus: (id: string, responseId: string, body: object = {}, headers: Headers = {}) =>
      post(`/surveys/${id}/responses/${responseId}/bonus`, body, headers),
    read: (path: string, query: Record<string, string | number> = {}) => api.http().get(path).set(auth).query(query),
  };
}

/** An anonymous answer: the survey token and no API key. */
export function answerWithToken(api: TestApp, id: string, wave: number | string, token: string | undefined, body: object, headers: Headers = {}) {
  const request = api.http().post(`/surveys/${id}/waves/${wave}/anonymous-responses`).set(headers);
  return (token === undefined ? request : request.set('X-Survey-Token', token)).send(body);
}

/** The id of the API key issued to this employee. */
export async function keyIdOf(api: TestApp, employeeId: string): Promise<string> {
  const { body } = await api.http().get('/api-keys').set(asAdmin).expect(200);
  const key = (body.items as { id: string; employeeId: string | null }[]).find((item) => item.employeeId === employeeId);
  if (!key) throw new Error(`no API key belongs to ${employeeId}`);
  return key.id;
}
