import { rmSync } from 'node:fs';
import { DEFAULT_INSPECTIONS_PER_WEEK, planDemo, type DemoPlan } from '../../apps/cli/src/demo/demo-plan.js';
import { DemoStoreNotEmptyError, fillDemoStore, type DemoSummary } from '../../apps/cli/src/demo/fill-demo-store.js';
import { loadConfig, type AppConfig } from '#config';
import { processManagerActor, type RecordedEvent } from '#kernel';
import { expectProblem } from '../support/care-cases.js';
import { collect } from '../support/collect.js';
import { everyPage } from '../support/pages.js';
import { asAdmin, newDataDir, startTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/test-app.js';

const END = new Date('2026-01-15T15:00:00.000Z');
const MIDDLE = '2025-11-30T00:00:00.000Z';
/** Three months fill in seconds; a machine busy with the other suites may take several times longer. */
const FILL_TIMEOUT_MS = 120_000;

interface CaseSummary {
  id: string;
  status: 'open' | 'refunded' | 'retained';
}

interface Totals {
  count: number;
  amount: Record<string, string>;
}

interface AsOf {
  position: string | null;
  time?: string;
}

interface RefundRetentionBody {
  asOf: AsOf;
  rows: { group: Record<string, string>; refunds: Totals; retained: Totals; retentionShare: number | null }[];
}

interface ChartSection {
  id: string;
  employees: { id: string; positionId: string }[];
  subsections: ChartSection[];
}

interface InspectionSummary {
  id: string;
  attempt: number;
  authorId: string;
  inspectorId: string;
  previousInspectionId: string | null;
}

interface InspectionRow {
  group: Record<string, string | null>;
  inspections: number;
  passed: number;
  failed: number;
  passRate: number | null;
  firstTimePassRate: number | null;
  meanReinspectionsUntilPass: number | null;
}

interface Nps {
  answers: number;
  score: number | null;
}

interface SurveyRow {
  responses: number;
  responseRate: number | null;
  csat: { answers: number; share: number | null };
  nps: Nps;
  enps: Nps;
}

describe('demo data', () => {
  let dataDir: string;
  let config: AppConfig;
  let plan: DemoPlan;
  let summary: DemoSummary;
  let api: TestApp;

  beforeAll(async () => {
    dataDir = newDataDir();
    config = loadConfig({ DATA_DIR: dataDir, DURABLE_COMMIT: 'false', LOG_LEVEL: 'silent', BOOTSTRAP_ADMIN_KEY: TEST_ADMIN_KEY });
    plan = planDemo({
      seed: 11,
      months: 3,
      end: END,
      casesPerMonth: 40,
      observationWindowDays: config.careObservationWindowDays,
      inspectionsPerWeek: DEFAULT_INSPECTIONS_PER_WEEK,
      contactsPerDay: 6,
    });
    summary = await fillDemoStore({ config, plan });
    api = await startTestApp({ dataDir });
  }, FILL_TIMEOUT_MS);

  afterAll(async () => {
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function get<T>(path: string, query: Record<string, string> = {}): Promise<T> {
    return (await api.http().get(path).set(asAdmin).query(query).expect(200)).body as T;
  }

  async function everyItem<T>(path: string, query: Record<string, string> = {}): Promise<T[]> {
    const pages = await everyPage((cursor) => api.http().get(path).set(asAdmin).query({ ...query, limit: '200', ...cursor }).expect(200));
    return pages.flatMap((page) => page.body.items as T[]);
  }

  async function eventsOf(type: string): Promise<RecordedEvent[]> {
    return collect(api.stores.events.readAll({ filter: { types: [type] } }));
  }

  const statistic = (query: Record<string, string> = {}) => get<RefundRetentionBody>('/metrics/refund-retention', query);
  const inspectionMetrics = (query: Record<string, string> = {}) =>
    get<{ asOf: AsOf; rows: InspectionRow[] }>('/metrics/inspections', query);
  const surveyMetrics = (query: Record<string, string> = {}) => get<{ asOf: AsOf; rows: SurveyRow[] }>('/metrics/surveys', query);

  /** Every section of a chart, each under the id of its parent (null at the top). */
  function parents(sections: ChartSection[], parentId: string | null = null): Map<string, string | null> {
    return new Map(sections.flatMap((section) => [[section.id, parentId] as const, ...parents(section.subsections, section.id)]));
  }

  function sectionIn(sections: ChartSection[], id: string): ChartSection | undefined {
    for (const section of sections) {
      const found = section.id === id ? section : sectionIn(section.subsections, id);
      if (found) return found;
    }
    return undefined;
  }

  it('ran every planned command through the handlers, some appending several events, and the plans the process manager proposed', () => {
    expect(summary.commands).toBe(plan.steps.length);
    // A re-inspection also claims the failed inspection it re-inspects; a check attempt assesses each competency it asks about.
    expect(summary.headPosition).toBeGreaterThan(BigInt(summary.commands + summary.quality.reinspections + summary.competence.checkAttempts));
    expect(summary.care.cases).toBeGreaterThan(80);
    expect(summary.quality.started).toBeGreaterThan(100);
    expect(summary.surveys.identifiedResponses).toBeGreaterThan(100);
  });

  describe('client care', () => {
    it('holds every case with its outcome', async () => {
      const cases = await everyItem<CaseSummary>('/care-cases');
      expect(cases).toHaveLength(summary.care.cases);
      const count = (status: CaseSummary['status']) => cases.filter((c) => c.status === status).length;
      expect(count('retained')).toBe(summary.care.retentions - summary.care.lostSaves);
      expect(count('refunded')).toBe(summary.care.refunds);
      expect(count('open')).toBe(summary.care.stillOpen);
    });

    it('feeds the statistic: net retentions and refunds, mostly in one currency and some in another', async () => {
      const { rows } = await statistic();
      expect(rows).toHaveLength(1);
      const [total] = rows;
      expect(total!.retained.count).toBe(summary.care.retentions - summary.care.lostSaves);
      expect(total!.refunds.count).toBe(summary.care.refunds);
      expect(Object.keys(total!.refunds.amount).sort()).toEqual(['EUR', 'RUB']);
      expect(total!.retentionShare).toBeGreaterThan(0.45);
      expect(total!.retentionShare).toBeLessThan(0.75);
    });
  });

  describe('support line', () => {
    it('imported the helpdesk every night: every ticket counts in the support figures, most answered within two minutes', async () => {
      const { rows } = await get<{ rows: { tickets: number; firstResponseWithinTarget: number | null }[] }>('/metrics/support');
      expect(summary.support.imports).toBeGreaterThan(80);
      expect(summary.support.tickets).toBeGreaterThan(300);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.tickets).toBe(summary.support.tickets);
      expect(rows[0]!.firstResponseWithinTarget).toBeGreaterThan(0.7);
    });
  });

  describe('feedback', () => {
    it('holds every thank-you and complaint the leads recorded, and their rulings', async () => {
      const { rows } = await get<{ rows: { thanks: number; complaints: number; complaintsClosed: number }[] }>('/metrics/feedback');
      expect(summary.feedback.thanks).toBeGreaterThan(summary.feedback.complaints);
      expect(summary.feedback.complaints).toBeGreaterThan(5);
      expect(rows).toEqual([expect.objectContaining({ thanks: summary.feedback.thanks, complaints: summary.feedback.complaints, complaintsClosed: summary.feedback.closedComplaints })]);
    });
  });

  describe('organisation', () => {
    it('shows the org chart: one head section, nested sections, and client care moved into the qualification department', async () => {
      const { sections } = await get<{ sections: ChartSection[] }>('/org-chart');
      expect(sections.map((section) => section.id)).toEqual(['section-head']);
      const parentOf = parents(sections);
      expect(parentOf.size).toBe(summary.organisation.sections);
      expect(parentOf.get('section-marketing')).toBe('section-sales');
      expect(parentOf.get('section-care')).toBe('section-qualification');

      const atStart = new Date(plan.start.getTime() + 3_600_000).toISOString();
      const before = await get<{ sections: ChartSection[] }>('/org-chart', { at: atStart });
      expect(parents(before.sections).get('section-care')).toBe('section-support');
    });

    it('places the staff as of a date: a support agent who became a care agent, and one who left', async () => {
      const careNow = sectionIn((await get<{ sections: ChartSection[] }>('/org-chart')).sections, 'section-care')!;
      const careThen = sectionIn((await get<{ sections: ChartSection[] }>('/org-chart', { at: MIDDLE })).sections, 'section-care')!;
      const ids = (section: ChartSection) => section.employees.map((employee) => employee.id);
      expect(ids(careNow)).toEqual(expect.arrayContaining(['emp-0042', 'emp-0107', 'emp-0140']));
      expect(ids(careNow)).not.toContain('emp-0112');
      expect(ids(careThen)).toContain('emp-0112');
      expect(ids(careThen)).not.toContain('emp-0140');
    });
  });

  describe('quality', () => {
    it('counts every verdict in force as the plan scored it, with a sensible pass rate, some re-inspected', async () => {
      const { rows } = await inspectionMetrics();
      const [total] = rows;
      expect(total!.passed).toBe(summary.quality.passed);
      expect(total!.failed).toBe(summary.quality.failed);
      expect(total!.passRate).toBeGreaterThan(0.6);
      expect(total!.passRate).toBeLessThan(0.95);
      expect(total!.firstTimePassRate).toBeGreaterThan(0.5);
      expect(total!.firstTimePassRate).toBeLessThan(0.95);
      expect(total!.meanReinspectionsUntilPass).toBeGreaterThan(0);
    });

    it('differs by author and spreads over the templates and their versions', async () => {
      const byAuthor = (await inspectionMetrics({ groupBy: 'author' })).rows;
      expect(byAuthor.length).toBeGreaterThanOrEqual(6);
      expect(new Set(byAuthor.map((row) => row.passRate)).size).toBeGreaterThan(1);
      const byTemplate = (await inspectionMetrics({ groupBy: 'template' })).rows.map((row) => row.group.templateId);
      expect(new Set(byTemplate).size).toBe(summary.quality.templates);
    });

    it('keeps the chain of a reworked deliverable: a failed attempt, then its re-inspection', async () => {
      const inspections = await everyItem<InspectionSummary>('/inspections');
      expect(inspections).toHaveLength(summary.quality.started);
      const reinspections = inspections.filter((inspection) => inspection.attempt > 1);
      expect(reinspections).toHaveLength(summary.quality.reinspections);
      const latest = reinspections.reduce((longest, inspection) => (inspection.attempt > longest.attempt ? inspection : longest));
      const { chain, previousInspectionId, authorId } = await get<{
        chain: { id: string; attempt: number; verdict: string | null }[];
        previousInspectionId: string;
        authorId: string;
      }>(`/inspections/${latest.id}`);
      expect(chain.map((attempt) => attempt.attempt)).toEqual(Array.from({ length: latest.attempt }, (_, index) => index + 1));
      expect(chain[0]!.verdict).toBe('failed');
      expect(previousInspectionId).toBe(chain.at(-2)!.id);
      expect(authorId).toBe(latest.authorId);
    });

    it('records disputes by the authors themselves, with the original verdict kept beside the resolution', async () => {
      const disputed = await eventsOf('VerdictDisputed');
      expect(disputed).toHaveLength(summary.quality.disputes.raised);
      expect(disputed.length).toBeGreaterThan(0);
      for (const event of disputed) {
        const { inspectionId, authorId } = event.data as { inspectionId: string; authorId: string };
        expect(event.metadata.actor).toEqual({ id: `demo:${authorId}`, roles: ['employee'] });
        const inspection = await get<{
          authorId: string;
          inspectorId: string;
          original: { verdict: string };
          disputes: { resolution: { outcome: string; resolvedBy: string } | null }[];
        }>(`/inspections/${inspectionId}`);
        expect(inspection.authorId).toBe(authorId);
        expect(inspection.original.verdict).toBe('failed');
        const [{ resolution }] = inspection.disputes as [{ resolution: { outcome: string; resolvedBy: string } | null }];
        if (resolution !== null) expect([inspection.inspectorId, authorId]).not.toContain(resolution.resolvedBy);
      }
    });
  });

  describe('surveys', () => {
    it('scores the clients who bought believably: NPS and CSAT in range, every response counted', async () => {
      const [buyers] = (await surveyMetrics({ audience: 'clients-bought' })).rows;
      const [notBought] = (await surveyMetrics({ audience: 'clients-not-bought' })).rows;
      expect(buyers!.responses + notBought!.responses).toBe(summary.surveys.identifiedResponses);
      expect(buyers!.nps.score).toBeGreaterThan(5);
      expect(buyers!.nps.score).toBeLessThan(65);
      expect(buyers!.csat.share).toBeGreaterThan(0.7);
      expect(buyers!.csat.share).toBeLessThan(0.97);
      const { rows } = await get<{ rows: { tags: Record<string, number> }[] }>('/metrics/surveys/tags', { audience: 'clients-not-bought' });
      const objections = plan.steps.flatMap((step) =>
        step.type === 'answer' && step.surveyId === 'survey-did-not-buy' ? step.answers.filter((answer) => answer.tags?.includes('objection')) : [],
      );
      expect(objections.length).toBeGreaterThan(notBought!.responses);
      expect(rows[0]!.tags['objection']).toBe(objections.length);
    });

    it('counts the anonymous eNPS answers, out of the employees invited', async () => {
      const [employees] = (await surveyMetrics({ audience: 'all-employees' })).rows;
      expect(employees!.responses).toBe(summary.surveys.anonymousResponses);
      expect(employees!.enps.answers).toBe(summary.surveys.anonymousResponses);
      expect(employees!.responseRate).toBeGreaterThan(0.5);
      expect(employees!.responseRate).toBeLessThanOrEqual(1);
    });

    it('keeps the anonymous responses free of respondents, in the read models and in the log', async () => {
      const refused = await api.http().get('/surveys/survey-enps/responses').set(asAdmin);
      expectProblem(refused, 409);
      expect(refused.body.code).toBe('ANONYMOUS_SURVEY');
      const freeText = await everyItem<Record<string, unknown>>('/surveys/survey-enps/free-text');
      expect(freeText.length).toBeGreaterThan(0);
      for (const answer of freeText) {
        expect(answer).not.toHaveProperty('responseId');
        expect(answer).not.toHaveProperty('respondent');
      }
      const answered = (await eventsOf('SurveyAnswered')).filter((event) => (event.data as { surveyId: string }).surveyId === 'survey-enps');
      expect(answered).toHaveLength(summary.surveys.anonymousResponses);
      for (const event of answered) {
        expect(event.data).not.toHaveProperty('respondent');
        expect(event.metadata.actor.id).toBe('anonymous');
      }
    });

    it('lists the identified responses with their clients, and the bonuses granted for them', async () => {
      const responses = await everyItem<{ respondent: { kind: string }; bonus: object | null }>(
        '/surveys/survey-buyers-mentoring-marketing-pro/responses',
      );
      expect(responses.length).toBeGreaterThan(0);
      expect(new Set(responses.map((response) => response.respondent.kind))).toEqual(new Set(['client']));
      expect(responses.filter((response) => response.bonus !== null)).toHaveLength(summary.surveys.bonuses);
    });
  });

  describe('training', () => {
    interface PlanSummary {
      id: string;
      employeeId: string;
      status: 'proposed' | 'approved' | 'completed' | 'cancelled';
    }
    const DAYS = { from: '2025-10-01', to: '2026-02-01' };
    const plansMetric = (query: Record<string, string> = {}) =>
      get<{ asOf: AsOf; rows: { completed: number; overdue: number; completionRate: number | null; onTimeRate: number | null }[] }>(
        '/metrics/training/plans',
        { ...DAYS, at: END.toISOString().slice(0, 10), ...query },
      );
    const effectiveness = (query: Record<string, string> = {}) =>
      get<{ asOf: AsOf; rows: { gapsTrained: number; gapsReassessed: number; gapsClosed: number; closedShare: number | null }[] }>(
        '/metrics/training/effectiveness',
        { ...DAYS, ...query },
      );
    const webinars = (query: Record<string, string> = {}) =>
      get<{ asOf: AsOf; rows: { webinars: number; attendees: number; buyers: number; conversion: number | null; target: number }[] }>(
        '/metrics/training/webinars',
        { ...DAYS, ...query },
      );

    it('shows a heat map of skill gaps over the sections, not empty', async () => {
      const heatMap = await get<{ competencyIds: string[]; matrix: { id: string | null; openGaps: number }[] }>('/skill-gaps', { rows: 'section' });
      expect(heatMap.competencyIds.length).toBeGreaterThan(10);
      expect(heatMap.matrix.length).toBeGreaterThan(5);
      expect(heatMap.matrix.some((row) => row.openGaps > 0)).toBe(true);
    });

    it('has the plans proposed by the process manager, and approved by a trainer or hr, never by their employee', async () => {
      const proposed = await eventsOf('TrainingPlanProposed');
      expect(proposed.length).toBe(summary.trainingPlans.approved + summary.trainingPlans.cancelled + (await everyItem<PlanSummary>('/training-plans', { status: 'proposed' })).length);
      // Plans for the gaps assessments open, and for the training needs of improvement programs.
      const proposers = [processManagerActor('trainingPlanProposer'), processManagerActor('trainingNeedPlanner')];
      for (const event of proposed) expect(proposers).toContainEqual(event.metadata.actor);
      const approved = await eventsOf('TrainingPlanApproved');
      expect(approved).toHaveLength(summary.trainingPlans.approved);
      expect(summary.trainingPlans.approved).toBeGreaterThan(10);
      const plans = new Map((await everyItem<PlanSummary>('/training-plans')).map((plan) => [plan.id, plan]));
      for (const event of approved) {
        const { planId } = event.data as { planId: string };
        expect(event.metadata.actor.id).not.toBe(`demo:${plans.get(planId)!.employeeId}`);
      }
      expect(await eventsOf('TrainingCompleted')).toHaveLength(summary.trainingPlans.itemsCompleted);
    });

    it('completes most plan items, some late, and leaves some overdue at the end', async () => {
      const [total] = (await plansMetric()).rows;
      expect(total!.completed).toBeGreaterThan(0);
      expect(total!.completionRate).toBeGreaterThan(0.3);
      expect(total!.completionRate).toBeLessThanOrEqual(1);
      expect(total!.onTimeRate).toBeGreaterThan(0.5);
      expect(total!.onTimeRate).toBeLessThanOrEqual(1);
      expect(total!.overdue).toBeGreaterThan(0);
    });

    it('closes most of the gaps it trained for, once re-assessed', async () => {
      const [total] = (await effectiveness()).rows;
      expect(total!.gapsReassessed).toBeGreaterThan(0);
      expect(total!.gapsReassessed).toBeLessThanOrEqual(total!.gapsTrained);
      expect(total!.closedShare).toBeGreaterThan(0.5);
      expect(total!.closedShare).toBeLessThanOrEqual(1);
    });

    it('converts webinar attendees into buyers near the 30 % target', async () => {
      const [total] = (await webinars()).rows;
      expect(total!.webinars).toBe(summary.training.webinars);
      expect(total!.attendees).toBe(summary.training.webinarAttendees);
      expect(total!.buyers).toBe(summary.training.webinarBuyers);
      expect(total!.target).toBe(0.3);
      expect(total!.conversion).toBeGreaterThan(0.25);
      expect(total!.conversion).toBeLessThan(0.35);
    });

    it('lists the stale materials, and holds every signature of a regulation', async () => {
      const stale = await everyItem<{ id: string }>('/knowledge-base/stale', { at: END.toISOString().slice(0, 10) });
      expect(stale.map((material) => material.id)).toContain('kb-copy-standards');
      expect(stale.map((material) => material.id)).not.toContain('kb-company-rules');
      const signed = await eventsOf('RegulationAcknowledged');
      expect(signed).toHaveLength(summary.training.acknowledgements);
    });

    it('answers asOf a time in the middle with fewer webinars, plans and completions', async () => {
      const webinarsThen = await webinars({ asOf: MIDDLE });
      expect(webinarsThen.asOf.time).toBe(MIDDLE);
      expect(webinarsThen.rows[0]!.webinars).toBeGreaterThan(0);
      expect(webinarsThen.rows[0]!.webinars).toBeLessThan(summary.training.webinars);
      const plansThen = await everyItem<PlanSummary>('/training-plans', { asOf: MIDDLE });
      expect(plansThen.length).toBeGreaterThan(0);
      expect(plansThen.length).toBeLessThan((await everyItem<PlanSummary>('/training-plans')).length);
      const [completedThen] = (await plansMetric({ asOf: MIDDLE })).rows;
      const [completedNow] = (await plansMetric()).rows;
      expect(completedThen?.completed ?? 0).toBeLessThan(completedNow!.completed);
    });
  });

  describe('council', () => {
    interface Meeting {
      meetingId: string;
      day: string;
      status: string;
      present?: string[];
      quorumNeeded?: number;
      proposals: { proposalId: string; status: string }[];
      minutes?: { chairId: string };
    }
    interface Reading {
      indicator: string;
      current: { value: number | null };
    }
    interface Pack {
      meetingId: string;
      then: { asOf: AsOf; indicators: Reading[] };
    }
    interface Decision {
      decisionId: string;
      outcome: string;
      meetingId: string;
      votes: { memberId: string; choice: string }[];
      tally: { present: number; for: number };
      evidence: { kind: string; id: string }[];
      pack: Pack;
      minutes: { chairId: string } | null;
    }
    interface Program {
      programId: string;
      decisionId: string;
      goals: { indicator: string; targetValue: number }[];
      actions: { actionId: string; ownerId: string; deadline: string }[];
    }
    type Step<T extends DemoPlan['steps'][number]['type']> = Extract<DemoPlan['steps'][number], { type: T }>;
    const stepsOf = <T extends DemoPlan['steps'][number]['type']>(type: T) => plan.steps.filter((step): step is Step<T> => step.type === type);
    const audit = (query: Record<string, string>) => everyItem<{ entityId: string; data: { meetingId: string } }>('/audit', query);

    it('has a chair, six members and a quorum of four', async () => {
      const roster = await get<{ members: string[]; chairId: string; quorum: { kind: string; count: number } }>('/council');
      expect(roster.members).toHaveLength(7);
      expect(roster.chairId).toBe('emp-0001');
      expect(roster.quorum).toEqual({ kind: 'count', count: 4 });
    });

    it('met every week, each meeting closed and its minutes signed by the chair', async () => {
      const scheduled = stepsOf('schedule-meeting');
      expect(scheduled.length).toBeGreaterThanOrEqual(10);
      const meetings = await Promise.all(scheduled.map((step) => get<Meeting>(`/council/meetings/${step.meetingId}`)));
      const days = meetings.map((meeting) => Date.parse(meeting.day));
      days.slice(1).forEach((day, index) => expect(day - days[index]!).toBe(7 * 24 * 3600 * 1000));
      for (const meeting of meetings) {
        expect(meeting.status).toBe('signed');
        expect(meeting.minutes!.chairId).toBe('emp-0001');
        expect(meeting.proposals.every((proposal) => proposal.status !== 'pending')).toBe(true);
      }
      expect(summary.council.meetings).toBe(meetings.length);
    });

    it('reconstructs an adopted decision with its votes, evidence and the pack pinned when the meeting opened', async () => {
      // The first decision with evidence: the rule of motivation, adopted first, rests on none.
      const adopted = (await eventsOf('DecisionAdopted')).find((event) => (event.data as { evidence: unknown[] }).evidence.length > 0);
      const decision = await get<Decision>(`/audit/decisions/${(adopted!.data as { proposalId: string }).proposalId}`);
      expect(decision.outcome).toBe('adopted');
      expect(decision.tally.for * 2).toBeGreaterThan(decision.tally.present);
      expect(decision.votes).toHaveLength(decision.tally.present);
      expect(decision.evidence.length).toBeGreaterThan(0);
      expect(decision.minutes!.chairId).toBe('emp-0001');
      const pack = await get<Pack>(`/council/meetings/${decision.meetingId}/pack`);
      expect(pack.then).toEqual(decision.pack.then);
      expect(decision.pack.then.indicators.map((reading) => reading.indicator)).toContain('care.retentionShare');
    });

    it('points the evidence of proposals to inspections and care cases the demo made', async () => {
      const links = (await eventsOf('ProposalSubmitted')).flatMap((event) => (event.data as { evidence: { kind: string; id: string }[] }).evidence);
      const inspection = links.find((link) => link.kind === 'inspection');
      const careCase = links.find((link) => link.kind === 'careCase');
      await get(`/inspections/${inspection!.id}`);
      await get(`/care-cases/${careCase!.id}`);
    });

    it('takes each week the support line missed by far to the next meeting, backed by the tickets that waited longest', async () => {
      const submitted = (await eventsOf('ProposalSubmitted')).map((event) => event.data as { meetingId: string; rationale: string; evidence: { kind: string; id: string }[] });
      const onSupport = submitted.filter((proposal) => proposal.evidence.some((link) => link.kind === 'supportTicket'));
      expect(onSupport.length).toBeGreaterThan(0);
      expect(onSupport).toHaveLength(summary.council.supportProposals);
      for (const proposal of onSupport) {
        for (const link of proposal.evidence) await get(`/support/tickets/${link.id}`);
        // The pack the meeting opened with shows what the proposal says: first answers far past the target of 2 minutes.
        const pack = await get<Pack>(`/council/meetings/${proposal.meetingId}/pack`);
        const firstResponse = pack.then.indicators.find((reading) => reading.indicator === 'support.firstResponseMinutes')!;
        expect(firstResponse.current.value).toBeGreaterThan(3);
        expect(proposal.rationale).toContain(`${firstResponse.current.value!.toFixed(1)} minutes on average`);
      }
    });

    it('puts the thanks and complaints of the pack week in the pack, as /metrics/feedback counts them as of the pack', async () => {
      const opened = stepsOf('open-meeting').filter((step) => step.quorate);
      const packs = await Promise.all(opened.map((step) => get<Pack & { periods: { current: { from: string; to: string } } }>(`/council/meetings/${step.meetingId}/pack`)));
      let counted = 0;
      for (const pack of packs) {
        const { from, to } = pack.periods.current;
        const [row] = (await get<{ rows: { thanks: number; complaints: number }[] }>('/metrics/feedback', { from, to, asOf: pack.then.asOf.position! })).rows;
        const reading = (name: string) => pack.then.indicators.find((indicator) => indicator.indicator === name)!.current.value;
        expect(reading('feedback.thanks')).toBe(row?.thanks ?? 0);
        expect(reading('feedback.complaints')).toBe(row?.complaints ?? 0);
        counted += row?.thanks ?? 0;
      }
      expect(counted).toBeGreaterThan(0);
    });

    it('runs improvement programs from adopted decisions, with their goals and actions', async () => {
      const [created] = stepsOf('create-program');
      expect(created).toBeDefined();
      const program = await get<Program>(`/improvement-programs/${created!.programId}`);
      const planned = stepsOf('plan-action').filter((step) => step.programId === created!.programId);
      expect(program.actions.map((action) => action.actionId)).toEqual(planned.map((step) => step.actionId));
      expect(program.goals.map((goal) => goal.indicator)).toEqual([created!.goal.indicator]);
      const decision = await get<Decision>(`/audit/decisions/${program.decisionId}`);
      expect(decision.outcome).toBe('adopted');
    });

    it("plans the first program in full, in the seed's format: standards, a training need that reached individual plans, stages, a document to change", async () => {
      const [created] = stepsOf('create-program');
      const program = await get<Program & { standardIds: string[]; stages: unknown[]; trainingNeeds: { employeeIds: string[] }[]; documentChanges: unknown[] }>(
        `/improvement-programs/${created!.programId}`,
      );
      expect(program.standardIds.length).toBeGreaterThan(0);
      expect(program.stages).toHaveLength(2);
      expect(program.documentChanges).toHaveLength(1);
      const [need] = program.trainingNeeds;
      expect(need!.employeeIds.length).toBeGreaterThan(0);
      const plans = (await eventsOf('TrainingPlanProposed')).filter((event) => (event.data as { trigger: { programId?: string } }).trigger.programId === created!.programId);
      expect(plans.map((event) => (event.data as { employeeId: string }).employeeId).sort()).toEqual([...need!.employeeIds].sort());
      const markdown = await api.http().get(`/improvement-programs/${created!.programId}/plan.md`).set(asAdmin).expect(200);
      expect(markdown.text).toContain('Prepare: scripts, documents and training');
    });

    it('answers the audit trail asOf a time in the middle with fewer decisions than now', async () => {
      const query = { category: 'councilMeeting', type: 'DecisionAdopted' };
      const then = await audit({ ...query, asOf: MIDDLE });
      const now = await audit(query);
      expect(then.length).toBeGreaterThan(0);
      expect(then.length).toBeLessThan(now.length);
      expect(now).toHaveLength(summary.council.adopted);
    });
  });

  describe('knowledge checks', () => {
    interface Report {
      counts: { participants: number; completed: number; notStarted: number; overdue: number };
    }

    it('runs the quarterly check as a campaign: those who took it completed, scored by the key and the trainer; the others overdue', async () => {
      const campaigns = plan.steps.flatMap((step) => (step.type === 'create-check-campaign' ? [step] : []));
      expect(campaigns.length).toBeGreaterThan(0);
      for (const campaign of campaigns) {
        const { counts } = await get<Report>(`/knowledge-check-campaigns/${campaign.campaignId}/participation`, { at: END.toISOString().slice(0, 10) });
        const taken = plan.steps.filter((step) => step.type === 'submit-check-attempt' && step.campaignId === campaign.campaignId).length;
        expect(counts).toMatchObject({ participants: campaign.employeeIds.length, completed: taken, notStarted: campaign.employeeIds.length - taken, overdue: campaign.employeeIds.length - taken });
      }
      expect(summary.competence.checkAttempts).toBe(campaigns.reduce((total, campaign) => total + campaign.employeeIds.length, 0) - summary.competence.checksNotTaken);
      const fromChecks = (await eventsOf('CompetencyAssessed')).filter((event) => (event.data as { source: string }).source === 'check');
      expect(fromChecks).toHaveLength(2 * summary.competence.checkAttempts);
    });
  });

  describe('motivation', () => {
    interface Statement {
      employeeId: string;
      coefficient: number;
    }
    interface Adjustment extends Statement {
      forMonth: string;
      previousCoefficient: number;
    }
    interface Period {
      month: string;
      statements: number;
      statementLines: Statement[];
      adjustmentLines: Adjustment[];
    }
    type Step<T extends DemoPlan['steps'][number]['type']> = Extract<DemoPlan['steps'][number], { type: T }>;
    const stepsOf = <T extends DemoPlan['steps'][number]['type']>(type: T) => plan.steps.filter((step): step is Step<T> => step.type === type);
    const closes = () => stepsOf('close-motivation-month').map((step) => step.month);

    it('pays by a rule the council adopted, and closes every month from the first with a statement for everyone who worked', async () => {
      const rule = await get<{ versions: { decisionId: string; effectiveFrom: string }[] }>('/motivation/rule');
      expect(rule.versions).toHaveLength(summary.motivation.ruleVersions);
      expect(rule.versions[0]!.effectiveFrom).toBe('2025-10');
      expect((await get<{ outcome: string }>(`/audit/decisions/${rule.versions[0]!.decisionId}`)).outcome).toBe('adopted');
      const months = closes();
      expect(months).toEqual(['2025-10', '2025-11', '2025-12']);
      const periods = await Promise.all(months.map((month) => get<Period>(`/motivation/periods/${month}`)));
      for (const period of periods) expect(period.statementLines.length).toBeGreaterThan(15);
      expect(periods.reduce((total, period) => total + period.statements, 0)).toBe(summary.motivationIssued.statements);
    });

    it("books the refunds entered after their month closed as adjustments of that agent's coefficient in the next month", async () => {
      const late = stepsOf('refund').filter((step) => step.caseId.startsWith('case-late-'));
      expect(summary.motivation.lateCorrections).toBe(2);
      const [october, november] = closes();
      for (const [corrected, bookedIn] of [[october!, november!], [november!, closes()[2]!]] as const) {
        const agentId = late.find((step) => step.occurredAt.startsWith(corrected))!.actor.employeeId;
        const { adjustmentLines } = await get<Period>(`/motivation/periods/${bookedIn}`);
        const adjustment = adjustmentLines.find((line) => line.employeeId === agentId && line.forMonth === corrected);
        expect(adjustment).toBeDefined();
        expect(adjustment!.coefficient).toBeLessThan(adjustment!.previousCoefficient);
        // The closed month keeps the coefficient it was closed with.
        const closed = await get<Period>(`/motivation/periods/${corrected}`);
        expect(closed.statementLines.find((line) => line.employeeId === agentId)!.coefficient).toBe(adjustment!.previousCoefficient);
      }
      expect(summary.motivationIssued.adjustments).toBeGreaterThanOrEqual(2);
    });
  });

  it('recorded the events over the simulated months, not all at once', async () => {
    const events = await collect(api.stores.events.readAll());
    const recorded = events.map((event) => event.metadata.recordedAt);
    expect(recorded[0]!.slice(0, 7)).toBe('2025-10');
    expect(recorded.at(-1)! <= END.toISOString()).toBe(true);
    for (const event of events) expect(event.metadata.occurredAt <= event.metadata.recordedAt).toBe(true);
  });

  it('answers asOf a time in the middle with less than now, in every context', async () => {
    const casesThen = await everyItem<CaseSummary>('/care-cases', { asOf: MIDDLE });
    expect(casesThen.length).toBeGreaterThan(0);
    expect(casesThen.length).toBeLessThan(summary.care.cases);

    const statisticThen = await statistic({ asOf: MIDDLE });
    const [totalThen] = statisticThen.rows;
    const [totalNow] = (await statistic()).rows;
    expect(statisticThen.asOf.time).toBe(MIDDLE);
    expect(totalThen!.refunds.count + totalThen!.retained.count).toBeLessThan(totalNow!.refunds.count + totalNow!.retained.count);

    const inspectionsThen = await inspectionMetrics({ asOf: MIDDLE });
    expect(inspectionsThen.asOf.time).toBe(MIDDLE);
    expect(inspectionsThen.rows[0]!.inspections).toBeGreaterThan(0);
    expect(inspectionsThen.rows[0]!.inspections).toBeLessThan(summary.quality.passed + summary.quality.failed);

    const surveysThen = await surveyMetrics({ asOf: MIDDLE });
    const [surveysNow] = (await surveyMetrics()).rows;
    expect(surveysThen.asOf.time).toBe(MIDDLE);
    expect(surveysThen.rows[0]!.responses).toBeGreaterThan(0);
    expect(surveysThen.rows[0]!.responses).toBeLessThan(surveysNow!.responses);
  });

  it('refuses to fill a store that already holds events, and appends nothing', async () => {
    const head = await api.stores.events.headPosition();
    await expect(fillDemoStore({ config, plan })).rejects.toBeInstanceOf(DemoStoreNotEmptyError);
    expect(await api.stores.events.headPosition()).toBe(head);
  });
});
