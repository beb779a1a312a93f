import type { AnswerDraft, AnswerMark, CompetencyKind, CompetencyRequirement, JobProfileContent, LevelFound, QuestionDraft } from '#domain/competence/index.js';
import type { IndicatorId } from '#domain/catalogue/indicators.js';
import { DEMO_STAFF, jobAt, JOBS, spellStartsAt, staffMember, type Job } from './demo-company.js';
import { DAY, HOUR, iso, MINUTE, recordedInOrder, workingDayFrom, workingTime, type DemoActor, type DemoPeriod, type PlannedBase, type Random, type Recorded } from './planning.js';

/**
 * What the school expects of each position and what its staff can do: the competency catalogue and
 * the scale, a job profile per position (one revised half-way), career paths, and the assessments:
 * a manager's baseline for everyone who starts a job, a knowledge check every quarter, two
 * attestations and a few self assessments a manager validates. The rounds of assessment are what the
 * training plan reviews follow (see `assessmentRounds`).
 */

interface CompetenceBase extends PlannedBase {
  readonly context: 'competence';
}

export interface DefineScaleStep extends CompetenceBase {
  readonly type: 'define-scale';
  readonly levels: readonly string[];
  readonly proficientLevel: number;
}

export interface DefineCompetencyStep extends CompetenceBase {
  readonly type: 'define-competency';
  readonly competencyId: string;
  readonly kind: CompetencyKind;
  readonly name: string;
}

export interface DraftProfileStep extends CompetenceBase {
  readonly type: 'draft-profile';
  readonly positionId: string;
  readonly content: JobProfileContent;
}

export interface ApproveProfileStep extends CompetenceBase {
  readonly type: 'approve-profile';
  readonly positionId: string;
}

export interface DefineCareerPathStep extends CompetenceBase {
  readonly type: 'define-career-path';
  readonly pathId: string;
  readonly fromPositionId: string;
  readonly toPositionId: string;
}

export interface SetCareerTargetStep extends CompetenceBase {
  readonly type: 'set-career-target';
  readonly employeeId: string;
  readonly pathId: string;
}

export interface DefineCheckStep extends CompetenceBase {
  readonly type: 'define-check';
  readonly checkId: string;
  readonly title: string;
  readonly questions: readonly QuestionDraft[];
}

export interface CreateCheckCampaignStep extends CompetenceBase {
  readonly type: 'create-check-campaign';
  readonly campaignId: string;
  readonly checkId: string;
  readonly title: string;
  readonly employeeIds: readonly string[];
  readonly dueOn: string;
}

interface AttemptBase extends CompetenceBase {
  readonly campaignId: string;
  readonly employeeId: string;
}

/** The employee starts, answers and submits with their own key; the trainer marks the open answer. */
export interface StartCheckAttemptStep extends AttemptBase {
  readonly type: 'start-check-attempt';
}

export interface AnswerCheckStep extends AttemptBase {
  readonly type: 'answer-check';
  readonly answers: readonly AnswerDraft[];
}

export interface SubmitCheckAttemptStep extends AttemptBase {
  readonly type: 'submit-check-attempt';
}

export interface MarkCheckAnswersStep extends AttemptBase {
  readonly type: 'mark-check-answers';
  readonly marks: readonly AnswerMark[];
}

export interface AssessStep extends CompetenceBase {
  readonly type: 'assess';
  readonly assessmentId: string;
  readonly employeeId: string;
  readonly competencyId: string;
  readonly level: number;
  readonly evidence: string;
}

export interface SelfAssessStep extends CompetenceBase {
  readonly type: 'self-assess';
  readonly assessmentId: string;
  readonly employeeId: string;
  readonly competencyId: string;
  readonly level: number;
}

export interface ValidateSelfAssessmentStep extends CompetenceBase {
  readonly type: 'validate-self-assessment';
  readonly assessmentId: string;
  readonly employeeId: string;
}

export interface FormCommissionStep extends CompetenceBase {
  readonly type: 'form-commission';
  readonly attestationId: string;
  readonly employeeId: string;
  readonly members: readonly string[];
  readonly chairId: string;
  readonly sittingAt: string;
}

export interface RecordAttestationStep extends CompetenceBase {
  readonly type: 'record-attestation';
  readonly attestationId: string;
  readonly results: readonly LevelFound[];
  readonly minutes: string;
}

type Planned =
  | DefineScaleStep
  | DefineCompetencyStep
  | DraftProfileStep
  | ApproveProfileStep
  | DefineCareerPathStep
  | SetCareerTargetStep
  | DefineCheckStep
  | CreateCheckCampaignStep
  | StartCheckAttemptStep
  | AnswerCheckStep
  | SubmitCheckAttemptStep
  | MarkCheckAnswersStep
  | AssessStep
  | SelfAssessStep
  | ValidateSelfAssessmentStep
  | FormCommissionStep
  | RecordAttestationStep;
export type CompetenceStep = Recorded<Planned>;

const DEMO_COMPETENCIES: readonly { readonly id: string; readonly kind: CompetencyKind; readonly name: string }[] = [
  { id: 'comp-regulations', kind: 'knowledge', name: 'Company regulations' },
  { id: 'comp-products', kind: 'knowledge', name: 'Courses and products of the school' },
  { id: 'comp-refund-policy', kind: 'knowledge', name: 'Refund and retention policy' },
  { id: 'comp-copy-standards', kind: 'knowledge', name: 'Copy and design standards' },
  { id: 'comp-inspection-method', kind: 'knowledge', name: 'Inspection method' },
  { id: 'comp-client-conversation', kind: 'skill', name: 'Conversation with an upset client' },
  { id: 'comp-written-answers', kind: 'skill', name: 'Clear written answers' },
  { id: 'comp-copywriting', kind: 'skill', name: 'Selling copy' },
  { id: 'comp-layout', kind: 'skill', name: 'Landing page layout' },
  { id: 'comp-presenting', kind: 'skill', name: 'Presenting to an audience' },
  { id: 'comp-leading', kind: 'skill', name: 'Leading a team' },
  { id: 'comp-composure', kind: 'personal-quality', name: 'Composure under pressure' },
  { id: 'comp-attention', kind: 'personal-quality', name: 'Attention to detail' },
  { id: 'comp-client-first', kind: 'value', name: "The client's result comes first" },
  { id: 'comp-honesty', kind: 'value', name: 'Honesty with clients and colleagues' },
];

const SCALE_LEVELS = ['none', 'basic', 'working', 'proficient', 'expert'];
const PROFICIENT_LEVEL = 3;

type Levels = readonly (readonly [competencyId: string, level: number])[];

interface JobRequirements {
  readonly subject: Levels;
  readonly skills: Levels;
  readonly qualities: Levels;
  readonly duties: readonly string[];
  readonly area: string;
  /** The area's KPI: an indicator of the catalogue and its target. */
  readonly kpi: readonly [indicatorId: IndicatorId, target: number];
}

/** What each position asks for beyond what every position does (the regulations, the products, the values). */
const JOB_REQUIREMENTS: Readonly<Record<Job, JobRequirements>> = {
  director: {
    subject: [],
    skills: [['comp-leading', 4]],
    qualities: [['comp-composure', 3]],
    duties: ['Sets the goals of the school', 'Chairs the quality council'],
    area: 'The school',
    kpi: ['surveys.nps', 40],
  },
  administrator: {
    subject: [],
    skills: [['comp-written-answers', 2]],
    qualities: [['comp-attention', 3]],
    duties: ['Keeps the systems and the keys'],
    area: 'Systems',
    kpi: ['training.planOnTimeRate', 0.9],
  },
  'hr-manager': {
    subject: [],
    skills: [['comp-written-answers', 3]],
    qualities: [['comp-composure', 3]],
    duties: ['Hires and places staff', 'Keeps job profiles and attestations'],
    area: 'Staff',
    kpi: ['competence.gapCoverage', 0.8],
  },
  'care-lead': {
    subject: [['comp-refund-policy', 4]],
    skills: [
      ['comp-client-conversation', 4],
      ['comp-leading', 3],
    ],
    qualities: [['comp-composure', 3]],
    duties: ['Leads the care agents', 'Decides the hardest cases'],
    area: 'Client care',
    kpi: ['care.retentionShare', 0.45],
  },
  'care-agent': {
    subject: [['comp-refund-policy', 3]],
    skills: [
      ['comp-client-conversation', 3],
      ['comp-written-answers', 2],
    ],
    qualities: [['comp-composure', 2]],
    duties: ['Settles problem clients', 'Records every refund and retention'],
    area: 'Care cases',
    kpi: ['care.retentionShare', 0.4],
  },
  inspector: {
    subject: [['comp-inspection-method', 3]],
    skills: [['comp-written-answers', 3]],
    qualities: [['comp-attention', 3]],
    duties: ['Checks deliverables against their standards'],
    area: 'Inspections',
    kpi: ['quality.hoursToPass', 48],
  },
  'survey-manager': {
    subject: [],
    skills: [['comp-written-answers', 3]],
    qualities: [['comp-attention', 2]],
    duties: ['Runs the client and staff surveys'],
    area: 'Surveys',
    kpi: ['surveys.responseRate', 0.2],
  },
  copywriter: {
    subject: [['comp-copy-standards', 3]],
    skills: [['comp-copywriting', 3]],
    qualities: [['comp-attention', 2]],
    duties: ['Writes landing pages and emails'],
    area: 'Copy',
    kpi: ['quality.firstTimePassRate', 0.7],
  },
  designer: {
    subject: [['comp-copy-standards', 2]],
    skills: [['comp-layout', 3]],
    qualities: [['comp-attention', 3]],
    duties: ['Lays out landing pages'],
    area: 'Layouts',
    kpi: ['quality.firstTimePassRate', 0.7],
  },
  intern: {
    subject: [['comp-copy-standards', 1]],
    skills: [['comp-copywriting', 1]],
    qualities: [['comp-attention', 1]],
    duties: ['Helps the section with drafts'],
    area: 'Drafts',
    kpi: ['quality.checklistPassRate', 0.5],
  },
  'webinar-host': {
    subject: [],
    skills: [
      ['comp-presenting', 3],
      ['comp-client-conversation', 2],
    ],
    qualities: [['comp-composure', 3]],
    duties: ['Runs free and paid webinars'],
    area: 'Webinars',
    kpi: ['training.webinarConversion', 0.3],
  },
  'support-lead': {
    subject: [],
    skills: [
      ['comp-written-answers', 4],
      ['comp-leading', 3],
    ],
    qualities: [['comp-composure', 3]],
    duties: ['Leads the support line', 'Imports the helpdesk every night'],
    area: 'Support line',
    kpi: ['support.firstResponseWithinTarget', 0.9],
  },
  'support-agent': {
    subject: [],
    skills: [
      ['comp-written-answers', 3],
      ['comp-client-conversation', 2],
    ],
    qualities: [['comp-composure', 2]],
    duties: ['Answers client questions by chat, mail and phone'],
    area: 'Support answers',
    kpi: ['support.firstResponseWithinTarget', 0.9],
  },
};

/** Raised half-way, when client care takes on the hardest refund talks. */
const REVISED_CARE_AGENT: JobRequirements = {
  ...JOB_REQUIREMENTS['care-agent'],
  skills: [
    ['comp-client-conversation', 4],
    ['comp-written-answers', 2],
  ],
  qualities: [['comp-composure', 3]],
};
const PROFILE_REVISED_AT = 0.5;

const SKILL_WEIGHT = 2;

function requirements(levels: Levels, weight = 1): CompetencyRequirement[] {
  return levels.map(([competencyId, requiredLevel]) => ({ competencyId, requiredLevel, weight }));
}

export function profileContent(job: Job, revised = false): JobProfileContent {
  const wanted = revised && job === 'care-agent' ? REVISED_CARE_AGENT : JOB_REQUIREMENTS[job];
  return {
    generalKnowledge: requirements([
      ['comp-regulations', 2],
      ['comp-products', 2],
    ]),
    subjectKnowledge: requirements(wanted.subject),
    skills: requirements(wanted.skills, SKILL_WEIGHT),
    personalQualities: requirements(wanted.qualities),
    values: requirements([
      ['comp-client-first', 3],
      ['comp-honesty', 3],
    ]),
    duties: wanted.duties,
    responsibilities: [{ area: wanted.area, kpis: [{ indicatorId: wanted.kpi[0], target: wanted.kpi[1] }] }],
  };
}

/** Every competency a job's profile requires, with its level. */
export function requiredLevels(job: Job, revised = false): Levels {
  const content = profileContent(job, revised);
  const sections = [content.generalKnowledge, content.subjectKnowledge, content.skills, content.personalQualities, content.values];
  return sections.flatMap((section) => section.map(({ competencyId, requiredLevel }) => [competencyId, requiredLevel] as const));
}

const CAREER_PATHS = [
  { pathId: 'path-support-to-care', from: 'support-agent', to: 'care-agent' },
  { pathId: 'path-care-to-lead', from: 'care-agent', to: 'care-lead' },
] as const satisfies readonly { pathId: string; from: Job; to: Job }[];

const CAREER_TARGETS = [
  { employeeId: 'emp-0601', pathId: 'path-support-to-care', at: 0.1 },
  { employeeId: 'emp-0107', pathId: 'path-care-to-lead', at: 0.15 },
] as const;

export const KNOWLEDGE_CHECK_ID = 'check-regulations-products';
const options = (...texts: string[]) => texts.map((text, index) => ({ optionId: `o${index + 1}`, text }));
const cites = (materialId: string) => ({ materialId, version: 1 });
/** The question bank of the quarterly open-book check: choice questions on the regulations and the products, and one open question. */
const CHECK_QUESTIONS: readonly QuestionDraft[] = [
  {
    questionId: 'q1',
    kind: 'single',
    text: 'Which regulation applies when a client asks for a refund?',
    competencyId: 'comp-regulations',
    points: 10,
    options: options('The refund regulation', 'The company rules', 'The product guide'),
    correctOptionIds: ['o1'],
    cites: cites('kb-refund-regulation'),
  },
  {
    questionId: 'q2',
    kind: 'multiple',
    text: 'Who may approve an exception to a regulation?',
    competencyId: 'comp-regulations',
    points: 10,
    options: options('The director', 'The head of the section the regulation belongs to', 'Any employee the client asks', 'The care agent on the case'),
    correctOptionIds: ['o1', 'o2'],
    cites: cites('kb-company-rules'),
  },
  {
    questionId: 'q3',
    kind: 'single',
    text: 'What does the copywriting course promise its graduates?',
    competencyId: 'comp-products',
    points: 10,
    options: options('A portfolio of ten selling texts', 'A job at the school', 'A state diploma'),
    correctOptionIds: ['o1'],
    cites: cites('kb-product-guide'),
  },
  {
    questionId: 'q4',
    kind: 'multiple',
    text: 'Which courses follow the email marketing intensive?',
    competencyId: 'comp-products',
    points: 10,
    options: options('Marketing automation', 'Newsletter copywriting', 'Landing page design', 'Public speaking'),
    correctOptionIds: ['o1', 'o2'],
    cites: cites('kb-product-guide'),
  },
  {
    questionId: 'q5',
    kind: 'open',
    text: 'A client asks for a refund after the refund period. Explain, as you would to them, what the regulation allows.',
    competencyId: 'comp-regulations',
    points: 10,
    cites: cites('kb-refund-regulation'),
  },
];
const CHOICE_QUESTIONS = CHECK_QUESTIONS.filter((question) => question.kind !== 'open');
/** A few employees let the quarter's check go by: the participation report shows them overdue. */
const SKIP_CHECK_CHANCE = 0.05;
/** Days an employee has to take the quarter's check. */
const CHECK_DAYS = 14;

const ATTESTATIONS = [
  { attestationId: 'attestation-0107', employeeId: 'emp-0107', at: 0.4 },
  { attestationId: 'attestation-0125', employeeId: 'emp-0125', at: 0.8 },
] as const;
const COMMISSION = { members: ['emp-0001', 'emp-0011', 'emp-0042'], chairId: 'emp-0001' } as const;

const SELF_ASSESSMENTS = [
  { employeeId: 'emp-0601', competencyId: 'comp-written-answers', at: 0.3 },
  { employeeId: 'emp-0401', competencyId: 'comp-copywriting', at: 0.35 },
  { employeeId: 'emp-0451', competencyId: 'comp-layout', at: 0.6 },
] as const;

const DIRECTOR = 'emp-0001';
const CARE_LEAD = 'emp-0042';
const HR_MANAGER = 'emp-0011';
/** The school's trainer: a webinar host who also runs the checks, the knowledge base and the sessions. */
export const TRAINER: DemoActor = { employeeId: 'emp-0502', roles: ['trainer'] };
const HR: DemoActor = { employeeId: HR_MANAGER, roles: ['hr'] };

/** Managers hold no role of their own in the api: their keys carry hr's to assess and validate. */
export function managerOf(employeeId: string, job: Job): DemoActor {
  const section = JOBS[job].positionSectionId;
  const managerId = section === 'section-care' && employeeId !== CARE_LEAD ? CARE_LEAD : DIRECTOR;
  return { employeeId: managerId, roles: ['hr'] };
}

/** A manager's baseline for someone in a new job, or the quarterly knowledge check. */
export interface AssessmentRound {
  /** Shared by the employees assessed together, whose proposed plans one review settles. */
  readonly round: string;
  readonly employeeId: string;
  readonly job: Job;
  readonly at: number;
  readonly kind: 'baseline' | 'check';
}

const BASELINE_AFTER = 3 * DAY;
const FIRST_CHECK_AFTER = 45 * DAY;
const CHECK_EVERY = 91 * DAY;

/**
 * When each employee is assessed: a baseline by their manager a few days into each job (the director
 * sets the goals and is not assessed), and the knowledge check each quarter. Pure in the period alone,
 * so that the training plan can follow the same rounds.
 */
export function assessmentRounds(period: DemoPeriod): AssessmentRound[] {
  const assessed = DEMO_STAFF.filter((member) => member.id !== DIRECTOR);
  const baselines = assessed.flatMap((member) =>
    member.spells.map((spell): AssessmentRound => {
      const at = workingDay(spellStartsAt(period, spell) + BASELINE_AFTER);
      const round = spell.from === 0 ? 'baseline' : `baseline-${member.id}-${spell.job}`;
      return { round, employeeId: member.id, job: spell.job, at, kind: 'baseline' };
    }),
  );
  const checks: AssessmentRound[] = [];
  for (let time = period.start.getTime() + FIRST_CHECK_AFTER, quarter = 1; time < period.end.getTime(); time += CHECK_EVERY, quarter += 1) {
    const at = workingDay(time);
    for (const member of assessed) {
      const job = jobAt(member, period.progressAt(at));
      if (job !== undefined) checks.push({ round: `check-${quarter}`, employeeId: member.id, job, at, kind: 'check' });
    }
  }
  return [...baselines, ...checks].filter((round) => round.at < period.end.getTime() && stillThere(period, round));
}

function stillThere(period: DemoPeriod, round: AssessmentRound): boolean {
  return period.progressAt(round.at) < staffMember(round.employeeId).leaves;
}

/** Ten in the morning, Moscow time, of the working day at or after `time`. */
function workingDay(time: number): number {
  return workingDayFrom(time) + 7 * HOUR;
}

export function planCompetence(period: DemoPeriod, random: Random): CompetenceStep[] {
  const start = period.start.getTime();
  const catalogueAt = iso(start + HOUR);
  const revisedAt = iso(workingTime(period.timeAt(PROFILE_REVISED_AT), random));
  const base = { context: 'competence' } as const;
  const opening: Planned[] = [
    { ...base, type: 'define-scale', occurredAt: catalogueAt, actor: TRAINER, levels: SCALE_LEVELS, proficientLevel: PROFICIENT_LEVEL },
    ...DEMO_COMPETENCIES.map(
      ({ id, kind, name }): DefineCompetencyStep => ({ ...base, type: 'define-competency', occurredAt: catalogueAt, actor: TRAINER, competencyId: id, kind, name }),
    ),
    ...(Object.keys(JOBS) as Job[]).flatMap((job): Planned[] => [
      { ...base, type: 'draft-profile', occurredAt: catalogueAt, actor: HR, positionId: JOBS[job].positionId, content: profileContent(job) },
      { ...base, type: 'approve-profile', occurredAt: catalogueAt, actor: HR, positionId: JOBS[job].positionId },
    ]),
    ...CAREER_PATHS.map(
      ({ pathId, from, to }): DefineCareerPathStep => ({
        ...base,
        type: 'define-career-path',
        occurredAt: catalogueAt,
        actor: HR,
        pathId,
        fromPositionId: JOBS[from].positionId,
        toPositionId: JOBS[to].positionId,
      }),
    ),
    // Its questions cite the knowledge base, which the trainer publishes in the first hours.
    { ...base, type: 'define-check', occurredAt: iso(start + 3 * HOUR), actor: TRAINER, checkId: KNOWLEDGE_CHECK_ID, title: 'Regulations and products', questions: CHECK_QUESTIONS },
  ];
  const careAgent = JOBS['care-agent'].positionId;
  const revision: Planned[] = [
    { ...base, type: 'draft-profile', occurredAt: revisedAt, actor: HR, positionId: careAgent, content: profileContent('care-agent', true) },
    { ...base, type: 'approve-profile', occurredAt: revisedAt, actor: HR, positionId: careAgent },
  ];
  const targets = CAREER_TARGETS.map(
    ({ employeeId, pathId, at }): SetCareerTargetStep => ({
      ...base,
      type: 'set-career-target',
      occurredAt: iso(workingTime(period.timeAt(at), random)),
      actor: HR,
      employeeId,
      pathId,
    }),
  );
  const allRounds = assessmentRounds(period);
  const baselines = allRounds.filter((round) => round.kind === 'baseline').map((round) => baseline(period, round, random));
  const checks = [...groupedByRound(allRounds.filter((round) => round.kind === 'check')).values()].flatMap((quarter) => quarterlyCheck(quarter, random));
  const rounds = [...baselines, ...checks];
  return [
    ...recordedInOrder(opening, random, period.end),
    ...recordedInOrder(revision, random, period.end),
    ...targets.flatMap((step) => recordedInOrder([step], random, period.end)),
    ...rounds.flatMap((steps) => recordedInOrder(steps, random, period.end)),
    ...ATTESTATIONS.flatMap((attestation) => recordedInOrder(attested(period, attestation, random), random, period.end)),
    ...SELF_ASSESSMENTS.flatMap((self) => recordedInOrder(selfAssessed(period, self, random), random, period.end)),
  ];
}

/** Most levels meet the profile; a third fall one short, a few two. */
function levelDrawn(required: number, skill: number, random: Random): number {
  const short = random.weighted([
    [0, 0.55 + skill],
    [1, 0.35],
    [2, 0.1 - skill / 2],
  ]);
  return Math.max(0, required - short);
}

function baseline(period: DemoPeriod, round: AssessmentRound, random: Random): Planned[] {
  const member = staffMember(round.employeeId);
  const revised = period.progressAt(round.at) >= PROFILE_REVISED_AT;
  const occurredAt = iso(round.at + random.int(0, 4) * HOUR);
  return requiredLevels(round.job, revised).map(
    ([competencyId, required], index): AssessStep => ({
      context: 'competence',
      type: 'assess',
      occurredAt,
      actor: managerOf(member.id, round.job),
      assessmentId: `assessment-${round.round}-${member.id}-${index + 1}`,
      employeeId: member.id,
      competencyId,
      level: levelDrawn(required, member.skill, random),
      evidence: `Baseline in the first days as ${JOBS[round.job].title.toLowerCase()}`,
    }),
  );
}

function groupedByRound(rounds: readonly AssessmentRound[]): Map<string, AssessmentRound[]> {
  const grouped = new Map<string, AssessmentRound[]>();
  for (const round of rounds) grouped.set(round.round, [...(grouped.get(round.round) ?? []), round]);
  return grouped;
}

/**
 * A quarter's check: the trainer asks everyone of the round to take it within two weeks; each takes
 * it with their own key hours later, choosing right as their skill allows, and the trainer marks the
 * open answer the next working day. A few let it go by.
 */
function quarterlyCheck(quarter: readonly AssessmentRound[], random: Random): Planned[][] {
  const opensAt = quarter[0]!.at;
  const campaignId = `campaign-${quarter[0]!.round}`;
  const campaign: CreateCheckCampaignStep = {
    context: 'competence',
    type: 'create-check-campaign',
    occurredAt: iso(opensAt - HOUR),
    actor: TRAINER,
    campaignId,
    checkId: KNOWLEDGE_CHECK_ID,
    title: `Regulations and products, ${quarter[0]!.round}`,
    employeeIds: quarter.map((round) => round.employeeId),
    dueOn: iso(opensAt + CHECK_DAYS * DAY).slice(0, 10),
  };
  const attempts = quarter.filter(() => !random.chance(SKIP_CHECK_CHANCE)).map((round) => attempt(campaignId, round, random));
  return [[campaign], ...attempts];
}

function attempt(campaignId: string, round: AssessmentRound, random: Random): Planned[] {
  const member = staffMember(round.employeeId);
  const startedAt = round.at + random.int(1, 6) * HOUR;
  const rightChance = 0.72 + member.skill + random.float() * 0.2;
  const answers: AnswerDraft[] = [
    ...CHOICE_QUESTIONS.map(({ questionId, options: choices, correctOptionIds }) => {
      const right = random.chance(rightChance);
      const wrong = choices!.find((option) => !correctOptionIds!.includes(option.optionId))!.optionId;
      return { questionId, optionIds: right ? correctOptionIds! : [wrong] };
    }),
    { questionId: 'q5', text: 'Only within the period, unless the head of care agrees an exception; I would offer a consultation first.' },
  ];
  const self = { employeeId: member.id, roles: ['employee'] } as const;
  const base = { context: 'competence', actor: self, campaignId, employeeId: member.id } as const;
  return [
    { ...base, type: 'start-check-attempt', occurredAt: iso(startedAt) },
    { ...base, type: 'answer-check', occurredAt: iso(startedAt + 20 * MINUTE), answers },
    { ...base, type: 'submit-check-attempt', occurredAt: iso(startedAt + 25 * MINUTE) },
    {
      ...base,
      type: 'mark-check-answers',
      occurredAt: iso(workingDay(startedAt + DAY)),
      // Nobody marks their own answers: the trainer's are marked by HR, with a trainer's key.
      actor: member.id === TRAINER.employeeId ? { employeeId: HR_MANAGER, roles: ['trainer'] } : TRAINER,
      marks: [{ questionId: 'q5', points: Math.min(10, Math.max(0, Math.round(10 * (0.6 + member.skill + random.float() * 0.4)))) }],
    },
  ];
}

function attested(period: DemoPeriod, attestation: (typeof ATTESTATIONS)[number], random: Random): Planned[] {
  const formedAt = workingTime(period.timeAt(attestation.at), random);
  const sittingAt = workingTime(formedAt + 7 * DAY, random);
  const revised = attestation.at >= PROFILE_REVISED_AT;
  const results = requiredLevels('care-agent', revised).map(([competencyId, required]) => ({
    competencyId,
    level: random.chance(0.75) ? required : required - 1,
  }));
  const base = { context: 'competence', actor: HR, attestationId: attestation.attestationId } as const;
  return [
    { ...base, type: 'form-commission', occurredAt: iso(formedAt), employeeId: attestation.employeeId, ...COMMISSION, sittingAt: iso(sittingAt) },
    {
      ...base,
      type: 'record-attestation',
      occurredAt: iso(sittingAt + 2 * HOUR),
      results,
      minutes: 'The commission heard the agent on three recent cases and went through the profile competency by competency.',
    },
  ];
}

function selfAssessed(period: DemoPeriod, self: (typeof SELF_ASSESSMENTS)[number], random: Random): Planned[] {
  const member = staffMember(self.employeeId);
  const job = jobAt(member, self.at)!;
  const required = requiredLevels(job).find(([competencyId]) => competencyId === self.competencyId)![1];
  const assessedAt = workingTime(period.timeAt(self.at), random);
  const assessmentId = `self-${member.id}-${self.competencyId}`;
  const base = { context: 'competence', assessmentId, employeeId: member.id } as const;
  return [
    { ...base, type: 'self-assess', occurredAt: iso(assessedAt), actor: { employeeId: member.id, roles: ['employee'] }, competencyId: self.competencyId, level: required },
    { ...base, type: 'validate-self-assessment', occurredAt: iso(workingTime(assessedAt + 2 * DAY, random)), actor: managerOf(member.id, job) },
  ];
}
