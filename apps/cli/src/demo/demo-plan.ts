import type { DisputeOutcome, Verdict } from '#domain/quality/index.js';
import { planCare, type CarePlanOptions, type CareStep } from './care-plan.js';
import { planCompetence, type CompetenceStep } from './competence-plan.js';
import { planCouncil, type CouncilStep, type EvidenceSource } from './council-plan.js';
import { planFeedback, type FeedbackStep } from './feedback-plan.js';
import { LATE_CASE_PREFIX, motivationRulings, planMotivation, type MotivationStep } from './motivation-plan.js';
import { planOrganisation, type OrganisationStep } from './organisation-plan.js';
import { byRecordingTime, DemoPeriod, Random } from './planning.js';
import { planQuality, type QualityPlanOptions, type QualityStep } from './quality-plan.js';
import { planStandards, type StandardsStep } from './standards-plan.js';
import { DEFAULT_SUPPORT_TARGETS } from '#projections/support/index.js';
import { planSupport, supportMisses, type SupportPlanOptions, type SupportStep } from './support-plan.js';
import { planSurveys, type SurveyStep } from './survey-plan.js';
import { planTraining, type TrainingStep } from './training-plan.js';

export { DEFAULT_CASES_PER_MONTH } from './care-plan.js';
export { DEFAULT_INSPECTIONS_PER_WEEK } from './quality-plan.js';
export { DEFAULT_CONTACTS_PER_DAY } from './support-plan.js';

/**
 * The demo company and its history, as a plan of commands in the order they were recorded. Pure and
 * deterministic: the same seed, length, end and volumes give the same plan.
 *
 * The organisation catalogue comes first, dated at the start of the period; the standards, the
 * checklist templates, the surveys, the competencies, job profiles and the knowledge base follow in
 * the first days; then client care, inspections, survey waves, assessments and training run side by
 * side until the end, each planned by its own module with a generator of its own, so that one part's
 * volume does not shift another part's draws.
 */

export interface DemoPlanOptions extends CarePlanOptions, QualityPlanOptions, SupportPlanOptions {
  readonly seed: number;
  /** Length of the history, ending at `end`. */
  readonly months: number;
  /** The last moment of the history: nothing is planned after it. */
  readonly end: Date;
}

export type DemoStep =
  | OrganisationStep
  | StandardsStep
  | QualityStep
  | SurveyStep
  | CareStep
  | SupportStep
  | FeedbackStep
  | CompetenceStep
  | TrainingStep
  | CouncilStep
  | MotivationStep;
export type DemoContext = DemoStep['context'];

export interface DemoPlan {
  readonly seed: number;
  readonly start: Date;
  readonly end: Date;
  readonly steps: readonly DemoStep[];
}

/** Parts of the plan, each drawing from a generator of its own; care keeps the seed itself. */
const PARTS = { organisation: 1, standards: 2, quality: 3, surveys: 4, competence: 5, training: 6, council: 7, support: 8, feedback: 9 } as const;

export function planDemo(options: DemoPlanOptions): DemoPlan {
  const period = new DemoPeriod(options.end, options.months);
  const part = (name: keyof typeof PARTS) => Random.forPart(options.seed, PARTS[name]);
  // Listed in the order the parts build on each other: steps recorded at the same moment keep it.
  const support = planSupport(period, options, part('support'));
  const others = [
    ...planOrganisation(period, part('organisation')),
    ...planStandards(period, part('standards')),
    ...planQuality(period, options, part('quality')),
    ...planSurveys(period, part('surveys')),
    ...planCare(period, options, new Random(options.seed)),
    ...planCompetence(period, part('competence')),
    ...planTraining(period, part('training')),
    ...support,
    ...planFeedback(period, part('feedback')),
  ];
  // The council comes after: its proposals point to what the other parts made, and take up the weeks
  // the support line missed its first-response target by far. Motivation comes last: the council
  // adopts its rule, and its late corrections are care cases entered after their month closed.
  const misses = supportMisses(support, DEFAULT_SUPPORT_TARGETS.firstResponseSeconds);
  const rulings = motivationRulings(period);
  const council = planCouncil(period, part('council'), evidenceIn(others), misses, rulings);
  const care = others.filter((step): step is CareStep => step.context === 'care');
  const steps = byRecordingTime<DemoStep>([...others, ...council, ...planMotivation(period, rulings, council, care)]);
  return { seed: options.seed, start: period.start, end: period.end, steps };
}

/** The care cases, inspections and assessments of the plan, which council proposals can point to. */
function evidenceIn(steps: readonly DemoStep[]): EvidenceSource[] {
  return byRecordingTime(steps).flatMap((step): EvidenceSource[] => {
    const { recordedAt } = step;
    if (step.type === 'open') return [{ kind: 'careCase', id: step.caseId, recordedAt }];
    if (step.type === 'start-inspection') return [{ kind: 'inspection', id: step.inspection, recordedAt }];
    if (step.type === 'assess') return [{ kind: 'assessment', id: step.assessmentId, recordedAt }];
    return [];
  });
}

/** What a plan makes, per context, once every step has run. */
export interface DemoTally {
  readonly organisation: {
    readonly sections: number;
    readonly positions: number;
    readonly products: number;
    readonly hires: number;
    readonly employeeMoves: number;
    readonly sectionMoves: number;
    readonly departures: number;
  };
  readonly standards: { readonly published: number; readonly revisions: number; readonly retirements: number };
  readonly quality: {
    readonly templates: number;
    /** Versions after the first. */
    readonly newVersions: number;
    readonly started: number;
    readonly reinspections: number;
    /** Completed inspections by the verdict in force, after any dispute resolution. */
    readonly passed: number;
    readonly failed: number;
    readonly disputes: Readonly<Record<'raised' | DisputeOutcome, number>>;
  };
  readonly surveys: {
    readonly surveys: number;
    readonly waves: number;
    readonly identifiedResponses: number;
    readonly anonymousResponses: number;
    readonly bonuses: number;
  };
  readonly care: {
    readonly cases: number;
    readonly stillOpen: number;
    /** Every retention, the later lost saves included. */
    readonly retentions: number;
    /** Every refund, the lost saves included. */
    readonly refunds: number;
    readonly lostSaves: number;
  };
  readonly support: {
    /** Nightly imports of the helpdesk's export. */
    readonly imports: number;
    readonly lines: number;
    readonly tickets: number;
  };
  readonly feedback: { readonly thanks: number; readonly complaints: number; readonly closedComplaints: number };
  readonly competence: {
    readonly competencies: number;
    readonly profileVersions: number;
    readonly careerPaths: number;
    readonly checkCampaigns: number;
    readonly checkAttempts: number;
    /** Participants of a campaign who never took its check. */
    readonly checksNotTaken: number;
    readonly managerAssessments: number;
    readonly selfAssessments: number;
    readonly attestations: number;
  };
  readonly training: {
    readonly materials: number;
    readonly materialReviews: number;
    readonly acknowledgements: number;
    readonly sessions: number;
    readonly attendances: number;
    readonly webinars: number;
    readonly webinarAttendees: number;
    readonly webinarBuyers: number;
    /** Reviews of the plans proposed after a round of assessment. */
    readonly planReviews: number;
  };
  readonly council: {
    readonly members: number;
    readonly meetings: number;
    /** Meetings short of the quorum, where nothing was decided. */
    readonly withoutQuorum: number;
    readonly proposals: number;
    /** Those that take up a week the support line missed its first-response target by far. */
    readonly supportProposals: number;
    readonly adopted: number;
    readonly rejected: number;
    readonly votes: number;
    readonly dissents: number;
    /** Stale agenda items carried over or escalated. */
    readonly staleItemsResolved: number;
    readonly programs: number;
    readonly actions: number;
    readonly lateActions: number;
    readonly closedPrograms: number;
    /** Programs with a plan of measures in full: standards, a training need, stages and a document to change. */
    readonly programsInFull: number;
    readonly reschedules: number;
  };
  readonly motivation: {
    readonly ruleVersions: number;
    readonly closedMonths: number;
    /** Months some of whose refunds were entered after they closed. */
    readonly lateCorrections: number;
  };
}

export function tallyOf(steps: readonly DemoStep[]): DemoTally {
  const count = (test: (step: DemoStep) => boolean) => steps.filter(test).length;
  const ofType = (type: DemoStep['type']) => count((step) => step.type === type);
  const verdicts = new Map<string, Verdict>();
  for (const step of steps) {
    if (step.type === 'complete-inspection' || step.type === 'resolve-dispute') verdicts.set(step.inspection, step.verdict);
  }
  const inForce = (verdict: Verdict) => [...verdicts.values()].filter((v) => v === verdict).length;
  const resolved = (outcome: DisputeOutcome) => count((s) => s.type === 'resolve-dispute' && s.outcome === outcome);
  const retentions = ofType('retain');
  const refunds = ofType('refund');
  const lostSaves = count((step) => step.type === 'refund' && step.lostSave);
  const cases = ofType('open');
  return {
    organisation: {
      sections: ofType('create-section'),
      positions: ofType('create-position'),
      products: ofType('create-product'),
      hires: ofType('hire'),
      employeeMoves: ofType('move-employee'),
      sectionMoves: ofType('move-section'),
      departures: ofType('record-departure'),
    },
    standards: { published: ofType('publish-standard'), revisions: ofType('revise-standard'), retirements: ofType('retire-standard') },
    quality: {
      templates: ofType('publish-template'),
      newVersions: ofType('publish-template-version'),
      started: ofType('start-inspection'),
      reinspections: count((step) => step.type === 'start-inspection' && step.reinspectionOf !== undefined),
      passed: inForce('passed'),
      failed: inForce('failed'),
      disputes: {
        raised: ofType('dispute-verdict'),
        accepted: resolved('accepted'),
        'partly-accepted': resolved('partly-accepted'),
        rejected: resolved('rejected'),
      },
    },
    surveys: {
      surveys: ofType('create-survey'),
      waves: ofType('launch-wave'),
      identifiedResponses: ofType('answer'),
      anonymousResponses: ofType('answer-anonymously'),
      bonuses: ofType('grant-bonus'),
    },
    care: { cases, stillOpen: cases - (retentions + refunds - lostSaves), retentions, refunds, lostSaves },
    support: {
      imports: ofType('import-helpdesk'),
      lines: sum(steps, (step) => (step.type === 'import-helpdesk' ? step.lines.length : 0)),
      tickets: sum(steps, (step) => (step.type === 'import-helpdesk' ? step.lines.filter((line) => line.event === 'opened').length : 0)),
    },
    feedback: { thanks: ofType('thank'), complaints: ofType('complain'), closedComplaints: ofType('close-complaint') },
    competence: {
      competencies: ofType('define-competency'),
      profileVersions: ofType('approve-profile'),
      careerPaths: ofType('define-career-path'),
      checkCampaigns: ofType('create-check-campaign'),
      checkAttempts: ofType('submit-check-attempt'),
      checksNotTaken: sum(steps, (step) => (step.type === 'create-check-campaign' ? step.employeeIds.length : 0)) - ofType('submit-check-attempt'),
      managerAssessments: ofType('assess'),
      selfAssessments: ofType('self-assess'),
      attestations: ofType('record-attestation'),
    },
    training: {
      materials: ofType('publish-material'),
      materialReviews: ofType('review-material') + ofType('revise-material'),
      acknowledgements: ofType('acknowledge'),
      sessions: ofType('schedule-session'),
      attendances: sum(steps, (step) => (step.type === 'record-attendance' ? step.attendance.filter((entry) => entry.attended).length : 0)),
      webinars: ofType('record-webinar'),
      webinarAttendees: sum(steps, (step) => (step.type === 'record-webinar' ? step.attendees : 0)),
      webinarBuyers: sum(steps, (step) => (step.type === 'record-webinar' ? step.buyers : 0)),
      planReviews: ofType('review-plans'),
    },
    council: {
      members: ofType('appoint-council-member'),
      meetings: ofType('open-meeting'),
      withoutQuorum: count((step) => step.type === 'open-meeting' && !step.quorate),
      proposals: ofType('submit-proposal'),
      supportProposals: count((step) => step.type === 'submit-proposal' && step.evidence.some((link) => link.kind === 'supportTicket')),
      adopted: count((step) => step.type === 'decide-proposal' && step.adopted),
      rejected: count((step) => step.type === 'decide-proposal' && !step.adopted),
      votes: ofType('cast-vote'),
      dissents: ofType('record-dissent'),
      staleItemsResolved: ofType('resolve-agenda-item'),
      programs: ofType('create-program'),
      actions: ofType('plan-action'),
      lateActions: count((step) => step.type === 'complete-action' && step.late),
      closedPrograms: ofType('close-program'),
      programsInFull: ofType('list-standards'),
      reschedules: ofType('reschedule-action'),
    },
    motivation: {
      ruleVersions: ofType('adopt-motivation-rule'),
      closedMonths: ofType('close-motivation-month'),
      lateCorrections: new Set(steps.flatMap((step) => (step.type === 'refund' && step.caseId.startsWith(LATE_CASE_PREFIX) ? [step.occurredAt.slice(0, 7)] : []))).size,
    },
  };
}

function sum(steps: readonly DemoStep[], measure: (step: DemoStep) => number): number {
  return steps.reduce((total, step) => total + measure(step), 0);
}
