import { importedTicketId } from '#domain/support/index.js';
import { DEFAULT_SUPPORT_TARGETS } from '#projections/support/index.js';
import type { CareStep, RefundStep, RetainStep } from './care-plan.js';
import { assessmentRounds, KNOWLEDGE_CHECK_ID, profileContent, requiredLevels } from './competence-plan.js';
import { DEMO_STAFF } from './demo-company.js';
import {
  DEFAULT_CASES_PER_MONTH,
  DEFAULT_INSPECTIONS_PER_WEEK,
  planDemo,
  tallyOf,
  type DemoContext,
  type DemoPlanOptions,
  type DemoStep,
} from './demo-plan.js';
import { LATE_CASE_PREFIX, motivationRulings } from './motivation-plan.js';
import { DAY, DemoPeriod } from './planning.js';
import type { QualityStep } from './quality-plan.js';
import { supportMisses } from './support-plan.js';
import type { SurveyStep } from './survey-plan.js';

const END = new Date('2026-03-15T12:00:00.000Z');
const TWO_YEARS: DemoPlanOptions = {
  seed: 7,
  months: 24,
  end: END,
  casesPerMonth: DEFAULT_CASES_PER_MONTH,
  observationWindowDays: 30,
  inspectionsPerWeek: DEFAULT_INSPECTIONS_PER_WEEK,
  contactsPerDay: 0,
};

type Of<T extends DemoStep['type']> = Extract<DemoStep, { type: T }>;

function ofContext<C extends DemoContext>(steps: readonly DemoStep[], context: C): Extract<DemoStep, { context: C }>[] {
  return steps.filter((step): step is Extract<DemoStep, { context: C }> => step.context === context);
}

function ofType<T extends DemoStep['type']>(steps: readonly DemoStep[], type: T): Of<T>[] {
  return steps.filter((step): step is Of<T> => step.type === type);
}

function groupBy<S, K>(steps: readonly S[], key: (step: S) => K): Map<K, S[]> {
  const groups = new Map<K, S[]>();
  for (const step of steps) groups.set(key(step), [...(groups.get(key(step)) ?? []), step]);
  return groups;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function share(part: number, whole: number): number {
  return part / whole;
}

describe('demo plan', () => {
  const plan = planDemo(TWO_YEARS);

  it('is the same for the same seed, and another for another seed', () => {
    expect(planDemo(TWO_YEARS)).toEqual(plan);
    expect(planDemo({ ...TWO_YEARS, seed: 8 }).steps).not.toEqual(plan.steps);
  });

  it('spans the months asked for, ending at the end, in the order the steps were recorded', () => {
    expect(plan.start.toISOString()).toBe('2024-03-15T12:00:00.000Z');
    const recorded = plan.steps.map((step) => step.recordedAt);
    expect(recorded).toEqual([...recorded].sort());
    expect(recorded.at(-1)! <= END.toISOString()).toBe(true);
    expect(recorded[0]!.slice(0, 7)).toBe('2024-03');
    for (const step of plan.steps) expect(step.occurredAt <= step.recordedAt).toBe(true);
  });

  it('keeps the volume of one context from shifting the others', () => {
    const busier = planDemo({ ...TWO_YEARS, casesPerMonth: 2 * DEFAULT_CASES_PER_MONTH });
    expect(ofContext(busier.steps, 'quality')).toEqual(ofContext(plan.steps, 'quality'));
    expect(ofContext(busier.steps, 'surveys')).toEqual(ofContext(plan.steps, 'surveys'));
    expect(ofContext(busier.steps, 'care').length).toBeGreaterThan(1.5 * ofContext(plan.steps, 'care').length);
    const withoutEvidence = (steps: readonly DemoStep[]) => ofContext(steps, 'council').map((step) => ({ ...step, evidence: undefined }));
    expect(withoutEvidence(busier.steps)).toEqual(withoutEvidence(plan.steps));
  });

  describe('organisation', () => {
    const organisation = ofContext(plan.steps, 'organisation');
    const catalogue = organisation.filter((step) => step.occurredAt === plan.start.toISOString());

    it('enters the catalogue and the founding staff first, dated at the start of the period', () => {
      const firstOther = plan.steps.findIndex((step) => step.context !== 'organisation');
      expect(plan.steps.slice(0, firstOther)).toEqual(catalogue);
      expect(ofType(catalogue, 'create-section')).toHaveLength(9);
      expect(ofType(catalogue, 'create-product').map((step) => step.kind).sort()).toEqual([...Array(3).fill('funnel'), ...Array(6).fill('product')]);
      expect(ofType(catalogue, 'create-position').some((step) => step.sectionId === undefined)).toBe(true);
    });

    it('creates every parent section before its sub-sections, under a single head section', () => {
      const sections = ofType(organisation, 'create-section');
      expect(sections.filter((step) => step.parentId === undefined).map((step) => step.sectionId)).toEqual(['section-head']);
      sections.forEach((section, index) => {
        if (section.parentId !== undefined) expect(sections.slice(0, index).map((s) => s.sectionId)).toContain(section.parentId);
      });
      expect(sections.some((section) => section.parentId === 'section-sales')).toBe(true);
    });

    it('hires, moves and loses a few people over the period, and moves client care into the qualification department', () => {
      const later = organisation.filter((step) => !catalogue.includes(step));
      expect(ofType(later, 'hire').length).toBeGreaterThanOrEqual(4);
      expect(ofType(later, 'move-employee').length).toBeGreaterThanOrEqual(2);
      expect(ofType(later, 'record-departure').length).toBeGreaterThanOrEqual(3);
      expect(ofType(later, 'move-section')).toEqual([expect.objectContaining({ sectionId: 'section-care', parentId: 'section-qualification' })]);
      expect(ofType(organisation, 'hire').map((step) => step.employeeId).sort()).toEqual(DEMO_STAFF.map((member) => member.id).sort());
    });

    it('has everyone the other contexts name employed then: hired before, not yet departed', () => {
      const hiredAt = new Map(ofType(organisation, 'hire').map((step) => [step.employeeId, step.recordedAt]));
      const leftAt = new Map(ofType(organisation, 'record-departure').map((step) => [step.employeeId, step.occurredAt]));
      const named = plan.steps.flatMap((step): [string, DemoStep][] => {
        if (step.type === 'assign') return [[step.employeeId, step]];
        if (step.type === 'start-inspection') return [[step.authorId, step]];
        if (step.context !== 'organisation' && 'actor' in step) return [[step.actor.employeeId, step]];
        return [];
      });
      expect(named.length).toBeGreaterThan(5000);
      for (const [employeeId, step] of named) {
        expect(hiredAt.get(employeeId)! < step.recordedAt).toBe(true);
        expect(step.occurredAt < (leftAt.get(employeeId) ?? '9999')).toBe(true);
      }
    });
  });

  describe('standards', () => {
    const standards = ofContext(plan.steps, 'standards');

    it('publishes a few standards of each type in the first days, revises some and retires one', () => {
      const published = ofType(standards, 'publish-standard');
      expect(new Set(published.map((step) => step.standardType))).toEqual(new Set(['external', 'internal', 'structural', 'behavioural']));
      for (const step of published) expect(Date.parse(step.occurredAt) - plan.start.getTime()).toBeLessThan(5 * DAY);
      const revised = new Set(ofType(standards, 'revise-standard').map((step) => step.standardId));
      expect(revised.size).toBeGreaterThanOrEqual(4);
      expect(ofType(standards, 'retire-standard')).toHaveLength(1);
    });
  });

  describe('quality', () => {
    const quality = ofContext(plan.steps, 'quality');
    const byInspection = groupBy(
      quality.filter((step): step is Exclude<QualityStep, { type: 'publish-template' | 'publish-template-version' }> => 'inspection' in step),
      (step) => step.inspection,
    );
    const starts = ofType(quality, 'start-inspection');
    const startOf = (key: string) => starts.find((step) => step.inspection === key)!;
    /** The verdict in force of each completed inspection. */
    const verdicts = new Map<string, 'passed' | 'failed'>();
    for (const step of quality) {
      if (step.type === 'complete-inspection' || step.type === 'resolve-dispute') verdicts.set(step.inspection, step.verdict);
    }
    const firstAttempts = [...verdicts].filter(([key]) => startOf(key).reinspectionOf === undefined);
    const critical = new Set(
      quality.flatMap((step) =>
        step.type === 'publish-template' || step.type === 'publish-template-version'
          ? step.content.sections.flatMap((section) => section.criteria.filter((c) => c.critical).map((c) => `${step.templateId}/${c.criterionId}`))
          : [],
      ),
    );

    it('publishes a template per kind of deliverable, with weighted and critical criteria, and a new version of two mid-period', () => {
      const templates = ofType(quality, 'publish-template');
      expect(templates.map((step) => step.templateId).sort()).toEqual([
        'checklist-call-review',
        'checklist-email',
        'checklist-landing-page',
        'checklist-support-answer',
        'checklist-webinar-script',
      ]);
      expect(new Set(templates.map((step) => step.owner.kind))).toEqual(new Set(['section', 'product']));
      for (const { content } of templates) {
        const criteria = content.sections.flatMap((section) => section.criteria);
        expect(criteria.some((criterion) => criterion.critical)).toBe(true);
        expect(new Set(criteria.map((criterion) => criterion.weight)).size).toBeGreaterThan(1);
      }
      const versions = ofType(quality, 'publish-template-version');
      expect(versions.map((step) => [step.templateId, step.version])).toEqual([
        ['checklist-landing-page', 2],
        ['checklist-support-answer', 2],
      ]);
    });

    it('inspects under the latest version recorded before each inspection starts', () => {
      for (const version of ofType(quality, 'publish-template-version')) {
        const underTemplate = starts.filter((step) => step.templateId === version.templateId);
        for (const start of underTemplate) expect(start.templateVersion).toBe(start.occurredAt > version.recordedAt ? 2 : 1);
        expect(underTemplate.filter((start) => start.templateVersion === 2).length).toBeGreaterThan(20);
      }
    });

    it('starts, records and completes every inspection in that order, by one inspector', () => {
      for (const steps of byInspection.values()) {
        const types = steps.map((step) => step.type);
        expect(types.slice(0, 3)).toEqual(['start-inspection', 'record-results', 'complete-inspection'].slice(0, types.length));
        expect(new Set(steps.slice(0, 3).map((step) => step.actor.employeeId)).size).toBe(1);
        expect(steps[0]!.actor.roles).toEqual(['quality-inspector']);
      }
    });

    it('runs a steady weekly flow of about a year or more of inspections', () => {
      const weeks = groupBy(
        starts.filter((step) => step.reinspectionOf === undefined),
        (step) => Math.floor((Date.parse(step.occurredAt) - plan.start.getTime()) / (7 * DAY)),
      );
      expect(weeks.size).toBeGreaterThan(100);
      for (const [week, inWeek] of weeks) if (week > 1 && week < 103) expect(inWeek.length).toBeGreaterThanOrEqual(3);
    });

    it('passes most, fails some (critical failures too), and improves slowly', () => {
      const passRate = share([...verdicts.values()].filter((verdict) => verdict === 'passed').length, verdicts.size);
      expect(passRate).toBeGreaterThan(0.7);
      expect(passRate).toBeLessThan(0.92);
      const criticalFailures = ofType(quality, 'record-results').filter((step) => {
        const start = startOf(step.inspection);
        return step.results.some((result) => result.result === 'fail' && critical.has(`${start.templateId}/${result.criterionId}`));
      });
      expect(criticalFailures.length).toBeGreaterThan(30);

      const half = new Date((plan.start.getTime() + END.getTime()) / 2).toISOString();
      const firstTimePassRate = (inHalf: (at: string) => boolean) => {
        const attempts = firstAttempts.filter(([key]) => inHalf(startOf(key).occurredAt));
        return share(attempts.filter(([, verdict]) => verdict === 'passed').length, attempts.length);
      };
      expect(firstTimePassRate((at) => at >= half) - firstTimePassRate((at) => at < half)).toBeGreaterThan(0.03);
    });

    it('differs by author', () => {
      const byAuthor = groupBy(firstAttempts, ([key]) => startOf(key).authorId);
      const rates = [...byAuthor.values()]
        .filter((attempts) => attempts.length >= 40)
        .map((attempts) => share(attempts.filter(([, verdict]) => verdict === 'passed').length, attempts.length));
      expect(rates.length).toBeGreaterThanOrEqual(8);
      expect(Math.max(...rates) - Math.min(...rates)).toBeGreaterThan(0.1);
    });

    it('reworks failed inspections and re-inspects them within days, in chains of two or three attempts', () => {
      const reinspections = starts.filter((step) => step.reinspectionOf !== undefined);
      expect(reinspections.length).toBeGreaterThan(100);
      const attempts = (start: Of<'start-inspection'>): number =>
        start.reinspectionOf === undefined ? 1 : 1 + attempts(startOf(start.reinspectionOf));
      for (const reinspection of reinspections) {
        const previous = byInspection.get(reinspection.reinspectionOf!)!;
        expect(verdicts.get(reinspection.reinspectionOf!)).toBe('failed');
        expect(Date.parse(reinspection.occurredAt) - Date.parse(previous.at(-1)!.occurredAt)).toBeLessThan(8 * DAY);
        const { authorId, productId, sectionId, templateId, deliverable } = startOf(reinspection.reinspectionOf!);
        expect(reinspection).toMatchObject({ authorId, productId, sectionId, templateId, deliverable });
      }
      expect(new Set(reinspections.map(attempts))).toEqual(new Set([2, 3]));
    });

    it('has authors dispute some failed verdicts with their own key, resolved by another inspector every way', () => {
      const disputes = ofType(quality, 'dispute-verdict');
      expect(disputes.length).toBeGreaterThan(20);
      for (const dispute of disputes) {
        const steps = byInspection.get(dispute.inspection)!;
        expect(steps.find((step) => step.type === 'complete-inspection')).toMatchObject({ verdict: 'failed' });
        expect(dispute.actor).toEqual({ employeeId: startOf(dispute.inspection).authorId, roles: ['employee'] });
        const resolution = steps.find((step) => step.type === 'resolve-dispute');
        if (resolution === undefined) continue;
        expect([steps[0]!.actor.employeeId, dispute.actor.employeeId]).not.toContain(resolution.actor.employeeId);
      }
      const outcomes = ofType(quality, 'resolve-dispute').map((step) => step.outcome);
      expect(new Set(outcomes)).toEqual(new Set(['accepted', 'partly-accepted', 'rejected']));
    });
  });

  describe('surveys', () => {
    const surveys = ofContext(plan.steps, 'surveys');
    const waves = groupBy(
      surveys.filter((step): step is Exclude<SurveyStep, { type: 'create-survey' }> => step.type !== 'create-survey'),
      (step) => `${step.surveyId}/${step.wave}`,
    );
    const scores = (surveyId: (id: string) => boolean, questionId: string) =>
      surveys.flatMap((step) =>
        (step.type === 'answer' || step.type === 'answer-anonymously') && surveyId(step.surveyId)
          ? step.answers.filter((answer) => answer.questionId === questionId).map((answer) => answer.score!)
          : [],
      );
    const nps = (values: number[]) => (100 * (values.filter((v) => v >= 9).length - values.filter((v) => v <= 6).length)) / values.length;

    it('runs monthly and quarterly waves, each launched, answered and then closed, numbered from 1', () => {
      expect(ofType(surveys, 'create-survey')).toHaveLength(6);
      const perSurvey = groupBy(ofType(surveys, 'launch-wave'), (step) => step.surveyId);
      expect(perSurvey.get('survey-buyers-course-copywriting')!.length).toBeGreaterThanOrEqual(22);
      expect(perSurvey.get('survey-enps')!.length).toBeGreaterThanOrEqual(7);
      expect(perSurvey.get('survey-enps')!.length).toBeLessThanOrEqual(8);
      for (const launches of perSurvey.values()) expect(launches.map((step) => step.wave)).toEqual(launches.map((_, index) => index + 1));
      for (const steps of waves.values()) {
        expect(steps[0]!.type).toBe('launch-wave');
        const closing = steps.findIndex((step) => step.type === 'close-wave');
        const answered = steps.flatMap((step, index) => (step.type === 'answer' || step.type === 'answer-anonymously' ? [index] : []));
        if (closing !== -1) expect(Math.max(...answered)).toBeLessThan(closing);
      }
    });

    it('has believable client scores: NPS 20 to 50 and CSAT 75 to 92 % per product', () => {
      for (const productId of ['course-copywriting', 'course-targeted-ads', 'webinar-sales-funnels', 'mentoring-marketing-pro']) {
        const buyers = (id: string) => id === `survey-buyers-${productId}`;
        expect(nps(scores(buyers, 'recommend'))).toBeGreaterThan(20);
        expect(nps(scores(buyers, 'recommend'))).toBeLessThan(50);
        const csat = scores(buyers, 'satisfaction');
        expect(share(csat.filter((score) => score >= 4).length, csat.length)).toBeGreaterThan(0.75);
        expect(share(csat.filter((score) => score >= 4).length, csat.length)).toBeLessThan(0.92);
      }
    });

    it('asks clients who did not buy for their objections, as tagged answers', () => {
      const answers = ofType(surveys, 'answer').filter((step) => step.surveyId === 'survey-did-not-buy');
      expect(answers.length).toBeGreaterThan(200);
      for (const step of answers) expect(step.answers[0]!.tags).toEqual(['objection']);
    });

    it('answers the quarterly eNPS anonymously, with tokens issued for each wave, and no actor', () => {
      const enps = [...waves].filter(([key]) => key.startsWith('survey-enps/')).map(([, steps]) => steps);
      for (const steps of enps) {
        const [issued] = ofType(steps, 'issue-tokens');
        const answers = ofType(steps, 'answer-anonymously');
        expect(answers.length).toBeGreaterThan(0);
        expect(answers.length).toBeLessThanOrEqual(issued!.count);
        for (const answer of answers) expect(answer).not.toHaveProperty('actor');
      }
      expect(ofType(surveys, 'answer').some((step) => step.surveyId === 'survey-enps')).toBe(false);
      expect(nps(scores((id) => id === 'survey-enps', 'recommend-employer'))).toBeGreaterThan(0);
    });

    it('grants a few bonuses, for answers to the survey that offered one, after the answer', () => {
      const grants = ofType(surveys, 'grant-bonus');
      expect(grants.length).toBeGreaterThan(20);
      for (const grant of grants) {
        expect(grant.surveyId).toBe('survey-buyers-mentoring-marketing-pro');
        const answer = waves.get(`${grant.surveyId}/${grant.wave}`)!.find((step) => step.type === 'answer' && step.clientId === grant.clientId)!;
        expect(answer.occurredAt < grant.occurredAt).toBe(true);
      }
    });

    it('asks each client once per wave', () => {
      for (const steps of waves.values()) {
        const clients = ofType(steps, 'answer').map((step) => step.clientId);
        expect(new Set(clients).size).toBe(clients.length);
      }
    });
  });

  describe('care', () => {
    const care = ofContext(plan.steps, 'care');
    const cases = groupBy(care, (step) => step.caseId);
    const outcomes = [...cases.values()].map((steps) => steps.filter((s) => s.type === 'refund' || s.type === 'retain'));

    it('opens every case first and decides it at most once, except a lost save after a retention', () => {
      for (const steps of cases.values()) {
        expect(steps[0]!.type).toBe('open');
        const decisions = steps.filter((s) => s.type === 'refund' || s.type === 'retain').map((s) => s.type);
        expect([[], ['refund'], ['retain'], ['retain', 'refund']]).toContainEqual(decisions);
      }
    });

    it('has two years of cases with a believable mix of outcomes', () => {
      expect(cases.size).toBeGreaterThan(1500);
      const decided = outcomes.filter((steps) => steps.length > 0);
      const retained = decided.filter((steps) => steps.length === 1 && steps[0]!.type === 'retain').length;
      expect(retained / decided.length).toBeGreaterThan(0.55);
      expect(retained / decided.length).toBeLessThan(0.65);

      const lostSaves = outcomes.filter((steps) => steps.length === 2);
      expect(lostSaves.length).toBeGreaterThan(20);
      for (const [retention, refund] of lostSaves as unknown as [RetainStep, RefundStep][]) {
        expect(refund.lostSave).toBe(true);
        expect(Date.parse(refund.occurredAt) - Date.parse(retention.occurredAt)).toBeLessThanOrEqual(30 * DAY);
      }

      const refunds = ofType(care, 'refund').filter((s) => !s.lostSave);
      expect(new Set(refunds.map((r) => r.full))).toEqual(new Set([true, false]));
      expect(new Set(ofType(care, 'open').map((s) => s.kind))).toEqual(new Set(['refund-request', 'dissatisfaction', 'other']));
      expect(new Set(ofType(care, 'retain').map((s) => s.method)).size).toBe(6);
    });

    it('keeps money in whole minor units, mostly in one currency and some in a second', () => {
      const amounts = care.flatMap((s) => (s.type === 'refund' ? [s.amount] : s.type === 'retain' ? [s.retained] : []));
      for (const { minor } of amounts) expect(Number.isInteger(minor) && minor > 0).toBe(true);
      const euros = amounts.filter((a) => a.currency === 'EUR').length;
      expect(amounts.filter((a) => a.currency === 'RUB').length).toBeGreaterThan(euros * 4);
      expect(euros).toBeGreaterThan(0);
    });

    it('spreads the cases over several agents, sections and products, as care agents and their lead', () => {
      const assigned = new Set(ofType(care, 'assign').map((s) => s.employeeId));
      expect(assigned.size).toBeGreaterThanOrEqual(5);
      const opened = ofType(care, 'open');
      expect(new Set(opened.map((s) => s.sectionId)).size).toBe(3);
      expect(new Set(opened.map((s) => s.productId)).size).toBe(5);
      expect(new Set(care.map((s) => s.actor.roles.join()))).toEqual(new Set(['care-agent', 'care-lead']));
    });

    it('keeps lost saves inside a shorter observation window', () => {
      const week = planDemo({ ...TWO_YEARS, observationWindowDays: 7 });
      const lostSaves = [...groupBy(ofContext(week.steps, 'care'), (step) => step.caseId).values()].filter((steps) =>
        steps.some((s) => s.type === 'refund' && s.lostSave),
      );
      expect(lostSaves.length).toBeGreaterThan(20);
      for (const steps of lostSaves) {
        const [retention, refund] = steps.filter((s) => s.type === 'retain' || s.type === 'refund');
        expect(Date.parse(refund!.occurredAt) - Date.parse(retention!.occurredAt)).toBeLessThanOrEqual(7 * DAY);
      }
    });

    it('scales with the number of months', () => {
      const quarter = planDemo({ ...TWO_YEARS, months: 3 });
      const quarterCases = new Set(ofContext(quarter.steps, 'care').map((step: CareStep) => step.caseId));
      expect(quarterCases.size).toBeGreaterThan(150);
      expect(quarterCases.size).toBeLessThan(cases.size / 5);
      expect(ofType(quarter.steps, 'start-inspection').length).toBeLessThan(ofType(plan.steps, 'start-inspection').length / 5);
    });
  });

  describe('competence', () => {
    const competence = ofContext(plan.steps, 'competence');
    const profiles = ofType(competence, 'draft-profile');

    it('defines the scale, the competencies of every kind and a profile per position, approved at the start', () => {
      const [scale] = ofType(competence, 'define-scale');
      expect(scale!.levels).toHaveLength(5);
      expect(scale!.proficientLevel).toBe(3);
      expect(new Set(ofType(competence, 'define-competency').map((step) => step.kind))).toEqual(
        new Set(['knowledge', 'skill', 'personal-quality', 'value']),
      );
      const opening = profiles.filter((step) => step.occurredAt < new Date(plan.start.getTime() + DAY).toISOString());
      expect(opening).toHaveLength(13);
      expect(ofType(competence, 'approve-profile').map((step) => step.positionId)).toEqual(profiles.map((step) => step.positionId));
    });

    it('gives a profile its seven sections, skills weighing twice, and raises the care agent profile half-way', () => {
      const agent = profileContent('care-agent');
      expect(Object.keys(agent).sort()).toEqual(
        ['duties', 'generalKnowledge', 'personalQualities', 'responsibilities', 'skills', 'subjectKnowledge', 'values'].sort(),
      );
      expect(agent.skills.map((requirement) => requirement.weight)).toEqual([2, 2]);
      expect(requiredLevels('care-agent')).toEqual([
        ['comp-regulations', 2],
        ['comp-products', 2],
        ['comp-refund-policy', 3],
        ['comp-client-conversation', 3],
        ['comp-written-answers', 2],
        ['comp-composure', 2],
        ['comp-client-first', 3],
        ['comp-honesty', 3],
      ]);
      const revisions = profiles.filter((step) => step.positionId === 'position-care-agent');
      expect(revisions).toHaveLength(2);
      expect(revisions[1]!.content).toEqual(profileContent('care-agent', true));
      expect(revisions[1]!.occurredAt.slice(0, 7)).toBe('2025-03');
    });

    it('defines the career path support agent, care agent, care lead, with two employees aiming along it', () => {
      expect(ofType(competence, 'define-career-path').map((step) => [step.fromPositionId, step.toPositionId])).toEqual([
        ['position-support-agent', 'position-care-agent'],
        ['position-care-agent', 'position-care-lead'],
      ]);
      expect(ofType(competence, 'set-career-target')).toHaveLength(2);
    });

    it("assesses everyone but the director at the start of each job, by their manager, never by themselves", () => {
      const assessed = ofType(competence, 'assess');
      const baselineOf = new Set(assessed.map((step) => step.employeeId));
      expect(baselineOf.size).toBe(DEMO_STAFF.length - 1);
      expect(baselineOf.has('emp-0001')).toBe(false);
      for (const step of assessed) expect(step.actor.employeeId).not.toBe(step.employeeId);
      const agents = assessed.filter((step) => step.employeeId === 'emp-0107').map((step) => step.competencyId);
      expect(agents).toEqual(requiredLevels('care-agent').map(([competencyId]) => competencyId));
      const required = new Map(requiredLevels('care-agent'));
      const foundingAgents = assessed.filter((step) => ['emp-0107', 'emp-0112', 'emp-0118'].includes(step.employeeId));
      expect(foundingAgents).toHaveLength(3 * required.size);
      for (const step of foundingAgents) {
        expect(step.level).toBeLessThanOrEqual(required.get(step.competencyId)!);
        expect(step.level).toBeGreaterThanOrEqual(required.get(step.competencyId)! - 2);
      }
      expect(foundingAgents.filter((step) => step.level < required.get(step.competencyId)!).length).toBeGreaterThan(3);
    });

    it('asks everyone working each quarter to take the open-book check, most take it with their own key, and the trainer marks the open answer', () => {
      const campaigns = ofType(competence, 'create-check-campaign');
      expect(campaigns).toHaveLength(8);
      const [define] = ofType(competence, 'define-check');
      expect(define!.questions.map((question) => question.kind)).toEqual(['single', 'multiple', 'single', 'multiple', 'open']);
      for (const question of define!.questions) expect(question.cites?.materialId).toMatch(/^kb-/);
      const submitted = ofType(competence, 'submit-check-attempt');
      for (const campaign of campaigns) {
        expect(campaign.checkId).toBe(KNOWLEDGE_CHECK_ID);
        const takers = submitted.filter((step) => step.campaignId === campaign.campaignId);
        expect(takers.length).toBeGreaterThan(0.85 * campaign.employeeIds.length);
        expect(takers.length).toBeLessThanOrEqual(campaign.employeeIds.length);
        for (const step of takers) {
          expect(campaign.employeeIds).toContain(step.employeeId);
          expect(step.actor).toEqual({ employeeId: step.employeeId, roles: ['employee'] });
        }
      }
      const attemptOf = (step: { campaignId: string; employeeId: string }) => `${step.campaignId}/${step.employeeId}`;
      expect(ofType(competence, 'mark-check-answers').map(attemptOf).sort()).toEqual(submitted.map(attemptOf).sort());
      expect(submitted.length).toBeGreaterThan(8 * 20);
      expect(submitted.length).toBeLessThan(campaigns.reduce((total, campaign) => total + campaign.employeeIds.length, 0));
    });

    it('sits two attestation commissions and validates each self assessment by a manager', () => {
      const commissions = ofType(competence, 'form-commission');
      expect(commissions.map((step) => step.employeeId)).toEqual(['emp-0107', 'emp-0125']);
      for (const commission of commissions) expect(commission.members).not.toContain(commission.employeeId);
      expect(ofType(competence, 'record-attestation')).toHaveLength(2);
      const selves = ofType(competence, 'self-assess');
      const validations = ofType(competence, 'validate-self-assessment');
      expect(validations.map((step) => step.assessmentId)).toEqual(selves.map((step) => step.assessmentId));
      for (const [index, self] of selves.entries()) {
        expect(self.actor.employeeId).toBe(self.employeeId);
        expect(validations[index]!.actor.employeeId).not.toBe(self.employeeId);
      }
    });
  });

  describe('training', () => {
    const training = ofContext(plan.steps, 'training');

    it('publishes the knowledge base at the start, keeps reviewing some materials and lets two go stale', () => {
      const published = ofType(training, 'publish-material');
      expect(published).toHaveLength(8);
      const reviewed = new Set(ofType(training, 'review-material').map((step) => step.materialId));
      const stale = published.filter((step) => !reviewed.has(step.materialId) && step.reviewBy < END.toISOString());
      expect(stale.length).toBeGreaterThanOrEqual(2);
      expect(ofType(training, 'revise-material').map((step) => step.materialId)).toEqual(['kb-refund-regulation']);
    });

    it('has most of each regulation audience sign it, themselves, and care sign the revised refund regulation again', () => {
      const signed = ofType(training, 'acknowledge');
      for (const step of signed) expect(step.actor.roles).toEqual(['employee']);
      const refund = signed.filter((step) => step.materialId === 'kb-refund-regulation');
      expect(new Set(refund.map((step) => step.version))).toEqual(new Set([1, 2]));
      const rules = signed.filter((step) => step.materialId === 'kb-company-rules');
      expect(rules.length).toBeGreaterThan(0.75 * DEMO_STAFF.length);
      expect(rules.length).toBeLessThan(DEMO_STAFF.length);
    });

    it('holds an internal session every two or three months for everyone, and two courses with a cost', () => {
      const sessions = ofType(training, 'schedule-session');
      const internal = sessions.filter((step) => step.kind === 'internal').map((step) => Date.parse(step.startsAt));
      expect(internal.length).toBeGreaterThanOrEqual(8);
      internal.slice(1).forEach((startsAt, index) => expect((startsAt - internal[index]!) / DAY).toBeGreaterThan(55));
      internal.slice(1).forEach((startsAt, index) => expect((startsAt - internal[index]!) / DAY).toBeLessThan(100));
      const paid = sessions.filter((step) => step.cost !== undefined);
      expect(paid.map((step) => step.kind)).toEqual(['bought-course', 'external-trainer']);
      for (const attendance of ofType(training, 'record-attendance')) {
        expect(attendance.attendance.some((entry) => entry.attended)).toBe(true);
      }
    });

    it('records the webinars of each host converting around the 30 % target', () => {
      const webinars = ofType(training, 'record-webinar');
      const byHost = groupBy(webinars, (step) => step.trainerId);
      expect([...byHost.keys()].sort()).toEqual(['emp-0501', 'emp-0502', 'emp-0503']);
      for (const held of byHost.values()) {
        const conversion = share(sum(held.map((step) => step.buyers)), sum(held.map((step) => step.attendees)));
        expect(conversion).toBeGreaterThan(0.22);
        expect(conversion).toBeLessThan(0.38);
      }
    });

    it('reviews the proposed plans after every round of assessment, then trains and re-assesses most employees', () => {
      const rounds = assessmentRounds(new DemoPeriod(END, 24));
      const reviews = ofType(training, 'review-plans');
      expect(reviews.map((step) => step.round).sort()).toEqual([...new Set(rounds.map((round) => round.round))].sort());
      const completions = ofType(training, 'complete-training');
      const reassessments = ofType(training, 'reassess');
      expect(completions.length).toBeGreaterThan(0.75 * rounds.length);
      expect(completions.length).toBeLessThan(rounds.length);
      const completedAt = new Map(completions.map((step) => [`${step.round}/${step.employeeId}`, step.recordedAt]));
      for (const step of reassessments) expect(completedAt.get(`${step.round}/${step.employeeId}`)! < step.recordedAt).toBe(true);
      expect(reassessments.length).toBeGreaterThan(0.9 * completions.length);
      expect(share(reassessments.filter((step) => step.closesGaps).length, reassessments.length)).toBeGreaterThan(0.7);
      for (const step of reassessments) expect(step.actor.employeeId).not.toBe(step.employeeId);
    });
  });

  describe('motivation', () => {
    const motivation = ofContext(plan.steps, 'motivation');
    const council = ofContext(plan.steps, 'council');
    const rulings = motivationRulings(new DemoPeriod(END, TWO_YEARS.months));

    it('has the council adopt each version of the rule unanimously, and HR adopt it the next working day', () => {
      const adoptions = ofType(motivation, 'adopt-motivation-rule');
      expect(adoptions.map((step) => step.effectiveFrom)).toEqual(['2024-03', '2025-04']);
      for (const [index, adoption] of adoptions.entries()) {
        const submitted = ofType(council, 'submit-proposal').find((step) => step.proposal === adoption.proposal)!;
        expect(submitted.text).toBe(rulings[index]!.text);
        const votes = ofType(council, 'cast-vote').filter((step) => step.proposal === adoption.proposal);
        expect(votes.length).toBeGreaterThanOrEqual(4);
        expect(votes.every((vote) => vote.choice === 'for')).toBe(true);
        const decided = ofType(council, 'decide-proposal').find((step) => step.proposal === adoption.proposal)!;
        expect(decided.adopted).toBe(true);
        expect(adoption.occurredAt > decided.recordedAt).toBe(true);
        expect(adoption.actor.roles).toEqual(['hr']);
      }
    });

    it('closes every month from the first, in order, on the first working day after it', () => {
      const closes = ofType(motivation, 'close-motivation-month');
      expect(closes.map((step) => step.month)).toEqual(Array.from({ length: 24 }, (_, index) => new Date(Date.UTC(2024, 2 + index, 1)).toISOString().slice(0, 7)));
      // The first waits for the rule, adopted the day after the meeting of April 1.
      expect(closes[0]!.occurredAt).toBe('2024-04-02T09:01:00.000Z');
      expect(closes.at(-1)!.occurredAt).toBe('2026-03-02T09:00:00.000Z');
      expect(tallyOf(plan.steps).motivation).toEqual({ ruleVersions: 2, closedMonths: 24, lateCorrections: 2 });
    });

    it('enters a batch of refunds of two closed months after they closed, three for each client their agent retained', () => {
      const closedAt = new Map(ofType(motivation, 'close-motivation-month').map((step) => [step.month, step.recordedAt]));
      const late = ofType(plan.steps, 'refund').filter((step) => step.caseId.startsWith(LATE_CASE_PREFIX));
      for (const [month, refunds] of groupBy(late, (step) => step.occurredAt.slice(0, 7))) {
        expect(closedAt.has(month)).toBe(true);
        const agents = new Set(refunds.map((step) => step.actor.employeeId));
        expect(agents.size).toBe(1);
        const [agent] = agents;
        const retained = ofType(plan.steps, 'retain').filter((step) => step.actor.employeeId === agent && step.occurredAt.startsWith(month) && !step.caseId.startsWith(LATE_CASE_PREFIX));
        expect(refunds).toHaveLength(3 * retained.length);
        for (const refund of refunds) expect(refund.recordedAt > closedAt.get(month)!).toBe(true);
      }
    });
  });

  describe('council', () => {
    const council = ofContext(plan.steps, 'council');
    const meetings = groupBy(
      council.filter((step): step is Extract<typeof step, { meetingId: string }> => 'meetingId' in step),
      (step) => step.meetingId,
    );
    const opened = ofType(council, 'open-meeting');
    const chairId = 'emp-0001';
    const employedIds = new Set(DEMO_STAFF.map((member) => member.id));

    it('appoints a chair and six members of the staff by the admin, with a quorum of four, before the first meeting', () => {
      const members = ofType(council, 'appoint-council-member').map((step) => step.memberId);
      expect(members).toHaveLength(7);
      for (const memberId of members) expect(employedIds.has(memberId)).toBe(true);
      expect(ofType(council, 'appoint-council-chair').map((step) => step.memberId)).toEqual([chairId]);
      expect(ofType(council, 'set-council-quorum').map((step) => step.count)).toEqual([4]);
      for (const step of council.slice(0, 9)) expect(step.actor.roles).toEqual(['admin']);
      expect(council[9]!.type).toBe('schedule-meeting');
    });

    it('meets every Monday of the period but the first two weeks, each meeting scheduled, opened, closed and signed by the chair', () => {
      const days = ofType(council, 'schedule-meeting').map((step) => Date.parse(step.day));
      expect(days.length).toBeGreaterThanOrEqual(100);
      for (const day of days) expect(new Date(day).getUTCDay()).toBe(1);
      days.slice(1).forEach((day, index) => expect((day - days[index]!) / DAY).toBe(7));
      for (const steps of meetings.values()) {
        const types = steps.map((step) => step.type);
        expect(types.slice(0, 2)).toEqual(['schedule-meeting', 'open-meeting']);
        expect(types.slice(-2)).toEqual(['close-meeting', 'sign-minutes']);
        expect(steps.at(-1)!.actor.employeeId).toBe(chairId);
      }
    });

    it('has some members absent, and now and then too few to decide anything', () => {
      expect(opened.filter((step) => step.present.length < 7).length).toBeGreaterThan(0.3 * opened.length);
      const thin = opened.filter((step) => !step.quorate);
      expect(thin.length).toBeGreaterThan(0);
      for (const step of thin) {
        expect(step.present.length).toBeLessThan(4);
        expect(meetings.get(step.meetingId)!.filter((other) => other.type === 'submit-proposal')).toHaveLength(0);
      }
      for (const step of opened.filter((other) => other.quorate)) expect(step.present.length).toBeGreaterThanOrEqual(4);
    });

    it('has every member present vote once on each proposal, adopting by a majority of those present', () => {
      const present = new Map(opened.map((step) => [step.meetingId, step.present]));
      const votes = groupBy(ofType(council, 'cast-vote'), (step) => step.proposal);
      const decided = ofType(council, 'decide-proposal');
      expect(decided).toHaveLength(ofType(council, 'submit-proposal').length);
      for (const decision of decided) {
        const cast = votes.get(decision.proposal)!;
        const attending = present.get(decision.meetingId)!;
        expect(cast.map((vote) => vote.actor.employeeId).sort()).toEqual([...attending].sort());
        const inFavour = cast.filter((vote) => vote.choice === 'for').length;
        expect(decision.adopted).toBe(inFavour * 2 > attending.length);
      }
      const adopted = decided.filter((decision) => decision.adopted).length;
      expect(share(adopted, decided.length)).toBeGreaterThan(0.7);
      expect(share(adopted, decided.length)).toBeLessThan(0.97);
      expect(new Set(ofType(council, 'cast-vote').map((vote) => vote.choice))).toEqual(new Set(['for', 'against', 'abstain']));
    });

    it('records dissenting opinions only from members who voted against or abstained', () => {
      const choices = new Map(ofType(council, 'cast-vote').map((vote) => [`${vote.proposal}/${vote.actor.employeeId}`, vote.choice]));
      const dissents = ofType(council, 'record-dissent');
      expect(dissents.length).toBeGreaterThan(5);
      for (const dissent of dissents) expect(choices.get(`${dissent.proposal}/${dissent.actor.employeeId}`)).not.toBe('for');
    });

    it('backs proposals with care cases, inspections and assessments recorded before the meeting, the rulings of motivation apart', () => {
      const recordedAt = new Map<string, string>();
      for (const step of plan.steps) {
        if (step.type === 'open') recordedAt.set(`careCase/${step.caseId}`, step.recordedAt);
        if (step.type === 'start-inspection') recordedAt.set(`inspection/${step.inspection}`, step.recordedAt);
        if (step.type === 'assess') recordedAt.set(`assessment/${step.assessmentId}`, step.recordedAt);
      }
      const rulings = new Set(motivationRulings(new DemoPeriod(END, TWO_YEARS.months)).map((ruling) => ruling.text));
      const proposals = ofType(council, 'submit-proposal').filter((step) => !rulings.has(step.text));
      expect(new Set(proposals.flatMap((step) => step.evidence.map((link) => link.kind)))).toEqual(new Set(['careCase', 'inspection', 'assessment']));
      for (const proposal of proposals) {
        expect(proposal.evidence.length).toBeGreaterThan(0);
        for (const link of proposal.evidence) expect(recordedAt.get(`${link.kind}/${link.id}`)! < proposal.recordedAt).toBe(true);
      }
    });

    it('takes up every week the support line missed its first-response target by half again, at the next quorate meeting', () => {
      const withSupport = planDemo({ ...TWO_YEARS, contactsPerDay: 10 });
      const misses = supportMisses(ofType(withSupport.steps, 'import-helpdesk'), DEFAULT_SUPPORT_TARGETS.firstResponseSeconds);
      expect(misses.length).toBeGreaterThanOrEqual(3);
      const meetingAfter = (weekStart: number) => `meeting-${new Date(weekStart + 7 * DAY).toISOString().slice(0, 10)}`;
      const quorate = new Set(ofType(withSupport.steps, 'open-meeting').filter((step) => step.quorate).map((step) => step.meetingId));
      const takenUp = misses.filter((miss) => quorate.has(meetingAfter(miss.weekStart)));
      expect(takenUp.length).toBeGreaterThan(0);
      const supportProposals = ofType(withSupport.steps, 'submit-proposal').filter((step) => step.evidence.some((link) => link.kind === 'supportTicket'));
      expect(supportProposals.map((step) => step.meetingId)).toEqual(takenUp.map((miss) => meetingAfter(miss.weekStart)));
      const importedAt = new Map(
        ofType(withSupport.steps, 'import-helpdesk').flatMap((step) =>
          step.lines.filter((line) => line.event === 'opened').map((line) => [importedTicketId(line.externalId), step.recordedAt] as const),
        ),
      );
      for (const [index, step] of supportProposals.entries()) {
        const miss = takenUp[index]!;
        expect(miss.meanFirstResponseMinutes).toBeGreaterThan(3);
        expect(step.rationale).toContain(`${miss.meanFirstResponseMinutes.toFixed(1)} minutes on average against a target of 2`);
        expect(step.evidence).toEqual(miss.slowest);
        for (const link of step.evidence) expect(importedAt.get(link.id)! < step.recordedAt).toBe(true);
      }
      expect(tallyOf(withSupport.steps).council.supportProposals).toBe(supportProposals.length);
    });

    it('creates programs from adopted proposals only, with a goal on a pack indicator and actions owned by members', () => {
      const adopted = new Set(ofType(council, 'decide-proposal').filter((step) => step.adopted).map((step) => step.proposal));
      const created = ofType(council, 'create-program');
      expect(created.length).toBeGreaterThanOrEqual(10);
      const indicators = ['care.retentionShare', 'quality.checklistPassRate', 'surveys.csat', 'competence.gapCoverage', 'support.firstResponseMinutes'];
      for (const program of created) {
        expect(adopted.has(program.proposal)).toBe(true);
        expect(indicators).toContain(program.goal.indicator);
        expect(program.goal.targetDate > program.occurredAt.slice(0, 10)).toBe(true);
      }
      const members = new Set(ofType(council, 'appoint-council-member').map((step) => step.memberId));
      for (const action of ofType(council, 'plan-action')) {
        expect(members.has(action.ownerId)).toBe(true);
        expect(action.deadline > action.occurredAt.slice(0, 10)).toBe(true);
      }
    });

    it('completes actions mostly on time, by their owners and never on a meeting day, and checks effectiveness before closing', () => {
      const planned = new Map(ofType(council, 'plan-action').map((step) => [step.actionId, step]));
      const completed = ofType(council, 'complete-action');
      for (const step of completed) {
        const action = planned.get(step.actionId)!;
        expect(step.actor.employeeId).toBe(action.ownerId);
        expect(step.occurredAt.slice(0, 10) > action.deadline).toBe(step.late);
        expect(new Date(step.occurredAt).getUTCDay()).not.toBe(1);
      }
      const late = completed.filter((step) => step.late).length;
      expect(late).toBeGreaterThan(0);
      expect(share(late, completed.length)).toBeLessThan(0.35);
      for (const { programId } of ofType(council, 'close-program')) {
        const program = council.filter((step) => 'programId' in step && step.programId === programId && step.type !== 'resolve-agenda-item');
        expect(program.map((step) => step.type).slice(-2)).toEqual(['check-effectiveness', 'close-program']);
        expect((Date.parse(program.at(-1)!.occurredAt) - Date.parse(program[0]!.occurredAt)) / DAY).toBeGreaterThan(84);
      }
      expect(ofType(council, 'close-program').length).toBeGreaterThan(0.6 * ofType(council, 'create-program').length);
    });

    it('carries over or escalates, at each meeting, the actions of running programs overdue by more than two meetings', () => {
      const resolved = ofType(council, 'resolve-agenda-item');
      expect(new Set(resolved.map((step) => step.resolution))).toEqual(new Set(['carried-over', 'escalated']));
      const completedAt = new Map(ofType(council, 'complete-action').map((step) => [step.actionId, step.recordedAt]));
      const closedAt = new Map(ofType(council, 'close-program').map((step) => [step.programId, step.recordedAt]));
      for (const meeting of ofType(council, 'close-meeting')) {
        const day = meeting.meetingId.slice('meeting-'.length);
        const staleBefore = new Date(Date.parse(day) - 14 * DAY).toISOString().slice(0, 10);
        const stale = ofType(council, 'plan-action')
          .filter((action) => action.recordedAt < meeting.recordedAt && action.deadline < staleBefore)
          .filter((action) => (completedAt.get(action.actionId) ?? '9') > meeting.recordedAt)
          .filter((action) => (closedAt.get(action.programId) ?? '9') > meeting.recordedAt)
          .map((action) => action.actionId);
        expect(resolved.filter((step) => step.meetingId === meeting.meetingId).map((step) => step.actionId)).toEqual(stale);
      }
    });
  });
});

describe('demo tally', () => {
  const at = '2026-01-05T09:00:00.000Z';
  const inspector = { employeeId: 'emp-0201', roles: ['quality-inspector'] } as const;
  const base = { context: 'quality', occurredAt: at, recordedAt: at, actor: inspector } as const;
  const complete = (inspection: string, verdict: 'passed' | 'failed'): DemoStep => ({ ...base, type: 'complete-inspection', inspection, verdict });
  const resolve = (inspection: string, outcome: 'accepted' | 'rejected', verdict: 'passed' | 'failed'): DemoStep => ({
    ...base,
    type: 'resolve-dispute',
    inspection,
    outcome,
    comment: 'Checked again',
    verdict,
  });

  it('counts each completed inspection once, by the verdict in force after its disputes', () => {
    const tally = tallyOf([
      complete('a/1', 'passed'),
      complete('b/1', 'failed'),
      complete('c/1', 'failed'),
      resolve('c/1', 'accepted', 'passed'),
      complete('d/1', 'failed'),
      resolve('d/1', 'rejected', 'failed'),
    ]);
    expect(tally.quality).toMatchObject({ passed: 2, failed: 2, disputes: { raised: 0, accepted: 1, 'partly-accepted': 0, rejected: 1 } });
  });

  it('counts as still open the cases decided by neither a retention nor a refund, lost saves undoing a retention', () => {
    const agent = { employeeId: 'emp-0107', roles: ['care-agent'] } as const;
    const care = { context: 'care', occurredAt: at, recordedAt: at, actor: agent } as const;
    const money = { minor: 1000, currency: 'RUB' };
    const open = (caseId: string): DemoStep => ({
      ...care,
      caseId,
      type: 'open',
      clientId: 'client-1',
      productId: 'course-copywriting',
      sectionId: 'section-education',
      kind: 'refund-request',
      channel: 'phone',
      summary: 'Asks for a refund',
    });
    const tally = tallyOf([
      open('a'),
      open('b'),
      open('c'),
      { ...care, caseId: 'a', type: 'retain', method: 'discount', retained: money },
      { ...care, caseId: 'a', type: 'refund', amount: money, full: true, reason: 'Came back', lostSave: true },
      { ...care, caseId: 'b', type: 'retain', method: 'bonus', retained: money },
    ]);
    expect(tally.care).toEqual({ cases: 3, stillOpen: 1, retentions: 2, refunds: 1, lostSaves: 1 });
  });

  it('counts the attendees who came and the webinar attendees and buyers', () => {
    const trainer = { employeeId: 'emp-0502', roles: ['trainer'] } as const;
    const training = { context: 'training', occurredAt: at, recordedAt: at, actor: trainer } as const;
    const webinar = (webinarId: string, attendees: number, buyers: number): DemoStep => ({
      ...training,
      type: 'record-webinar',
      webinarId,
      trainerId: 'emp-0501',
      title: 'Copy that sells',
      attendees,
      buyers,
    });
    const tally = tallyOf([
      webinar('w1', 100, 31),
      webinar('w2', 50, 14),
      {
        ...training,
        type: 'record-attendance',
        sessionId: 'session-1',
        attendance: [
          { employeeId: 'emp-0107', attended: true },
          { employeeId: 'emp-0118', attended: false },
          { employeeId: 'emp-0125', attended: true },
        ],
      },
    ]);
    expect(tally.training).toMatchObject({ webinars: 2, webinarAttendees: 150, webinarBuyers: 45, attendances: 2, sessions: 0 });
  });

  it('counts the meetings without quorum, the decisions by outcome and the actions completed late', () => {
    const chair = { employeeId: 'emp-0001', roles: ['council-chair'] } as const;
    const council = { context: 'council', occurredAt: at, recordedAt: at, actor: chair } as const;
    const open = (meetingId: string, quorate: boolean): DemoStep => ({ ...council, meetingId, type: 'open-meeting', present: ['emp-0001'], quorate });
    const decide = (proposal: string, adopted: boolean): DemoStep => ({ ...council, meetingId: 'm1', type: 'decide-proposal', proposal, adopted });
    const complete = (actionId: string, late: boolean): DemoStep => ({ ...council, programId: 'p1', type: 'complete-action', actionId, late });
    const tally = tallyOf([
      open('m1', true),
      open('m2', false),
      open('m3', true),
      decide('m1/1', true),
      decide('m1/2', false),
      decide('m3/1', true),
      complete('a1', false),
      complete('a2', true),
      complete('a3', false),
    ]);
    expect(tally.council).toMatchObject({ meetings: 3, withoutQuorum: 1, adopted: 2, rejected: 1, lateActions: 1, programs: 0 });
  });
});
