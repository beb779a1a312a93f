import type { Auth } from './care-cases.js';
import type { TestApp } from './test-app.js';

type Headers = Record<string, string>;

/** The council routes, called with one key; each answers the raw response. */
export function councilDesk(api: TestApp, auth: Auth) {
  const post = (path: string, body: object = {}, headers: Headers = {}) => api.http().post(`/council${path}`).set(auth).set(headers).send(body);
  const meeting = (id: string) => `/meetings/${id}`;
  const proposal = (id: string, proposalId: string) => `${meeting(id)}/proposals/${proposalId}`;
  return {
    appoint: (memberId: string) => post('/members', { memberId }),
    remove: (memberId: string) => post(`/members/${memberId}/removal`),
    appointChair: (memberId: string) => post('/chair', { memberId }),
    setQuorum: (quorum: object) => post('/quorum', quorum),
    schedule: (body: object, headers: Headers = {}) => post('/meetings', body, headers),
    open: (id: string, present: string[], headers: Headers = {}) => post(`${meeting(id)}/opening`, { present }, headers),
    propose: (id: string, body: object = {}) =>
      post(`${meeting(id)}/proposals`, { text: 'Retrain the webinar section', rationale: 'Retention share below target', ...body }),
    vote: (id: string, proposalId: string, choice: string, reason = `${choice}: as the pack shows`) =>
      post(`${proposal(id, proposalId)}/votes`, { choice, reason }),
    dissent: (id: string, proposalId: string, opinion = 'Two weeks are too few to tell') => post(`${proposal(id, proposalId)}/dissent`, { opinion }),
    decide: (id: string, proposalId: string) => post(`${proposal(id, proposalId)}/decision`),
    close: (id: string) => post(`${meeting(id)}/closing`),
    sign: (id: string, text = 'Present: 3 of 3. Adopted: retraining.') => post(`${meeting(id)}/minutes`, { text }),
    read: (path: string, query: Record<string, string> = {}) => api.http().get(`/council${path}`).set(auth).query(query),
  };
}

/** The reading of one indicator in a pack answer. */
export function readingOf(readings: { indicators: { indicator: string; current: unknown; previous: unknown }[] }, indicator: string) {
  return readings.indicators.find((entry) => entry.indicator === indicator);
}

/** The improvement program routes, called with one key; each answers the raw response. */
export function programDesk(api: TestApp, auth: Auth) {
  const post = (path: string, body: object = {}, headers: Headers = {}) =>
    api.http().post(`/improvement-programs${path}`).set(auth).set(headers).send(body);
  return {
    create: (decisionId: string, body: object = {}, headers: Headers = {}) =>
      post(
        '',
        {
          decisionId,
          title: 'Retention scripts for the webinar section',
          goals: [{ indicator: 'care.retentionShare', targetValue: 0.6, targetDate: '2026-06-30' }],
          ...body,
        },
        headers,
      ),
    plan: (id: string, body: object = {}) =>
      post(`/${id}/actions`, { description: 'Rewrite the discount script', ownerId: 'emp-7', deadline: '2026-03-10', completionCriteria: 'Published', ...body }),
    complete: (id: string, actionId: string) => post(`/${id}/actions/${actionId}/completion`),
    reschedule: (id: string, actionId: string, body: object = {}) =>
      post(`/${id}/actions/${actionId}/rescheduling`, { deadline: '2026-03-20', reason: 'Waits for the refund policy', ...body }),
    cancel: (id: string, actionId: string, body: object = {}) => post(`/${id}/actions/${actionId}/cancellation`, { reason: 'Covered by the onboarding course', ...body }),
    stage: (id: string, body: object = {}) => post(`/${id}/stages`, { title: 'New scripts', ...body }),
    listStandards: (id: string, standardIds: readonly string[], body: object = {}) => post(`/${id}/standards`, { standardIds, ...body }),
    recordNeed: (id: string, body: object = {}) => post(`/${id}/training-needs`, { competencyId: 'regs', employeeIds: ['ann'], dueOn: '2026-04-30', ...body }),
    planChange: (id: string, body: object = {}) =>
      post(`/${id}/document-changes`, { document: { kind: 'knowledge-base', id: 'reg-refunds' }, change: 'State the new limits', ownerId: 'ann', deadline: '2026-04-15', ...body }),
    completeChange: (id: string, changeId: string, body: object = {}) => post(`/${id}/document-changes/${changeId}/completion`, body),
    printable: (id: string, query: Record<string, string> = {}) => api.http().get(`/improvement-programs/${id}/plan.md`).set(auth).query(query),
    check: (id: string) => post(`/${id}/effectiveness-check`),
    close: (id: string) => post(`/${id}/closing`),
    read: (id: string, query: Record<string, string> = {}) => api.http().get(`/improvement-programs/${id}`).set(auth).query(query),
  };
}
