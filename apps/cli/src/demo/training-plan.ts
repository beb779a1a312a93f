import type { Money } from '#domain/shared/money.js';
import type {
  MaterialFormat,
  PublishMaterial,
  RecordWebinar,
  ScheduleTrainingSession,
  TrainingSessionKind,
} from '#domain/training/index.js';
import { assessmentRounds, managerOf, TRAINER, type AssessmentRound } from './competence-plan.js';
import { DEMO_SECTIONS, DEMO_STAFF, jobAt, JOBS, spellAt, spellStartsAt, staffIn, staffMember, type Job, type StaffMember } from './demo-company.js';
import {
  DAY,
  dayOf,
  HOUR,
  iso,
  recordedInOrder,
  workingTime,
  type DemoActor,
  type DemoPeriod,
  type PlannedBase,
  type Random,
  type Recorded,
} from './planning.js';

/**
 * The training department at work: the knowledge base with its regulations and who signed them,
 * internal sessions every two or three months, two bought courses, the webinars of the hosts, and
 * the individual plans. Plans are proposed by the api itself after the assessments that open gaps;
 * the plan only says when a trainer reviews what was proposed for a round of assessment, when each
 * employee does their items (some late, some never) and when their manager re-assesses them.
 */

interface TrainingBase extends PlannedBase {
  readonly context: 'training';
}

/** The owner's employment is looked up by the api. */
export interface PublishMaterialStep extends TrainingBase, Omit<PublishMaterial, 'type' | 'at' | 'ownerEmployed'> {
  readonly type: 'publish-material';
}

export interface ReviseMaterialStep extends TrainingBase {
  readonly type: 'revise-material';
  readonly materialId: string;
  readonly body: string;
  readonly reviewBy: string;
  readonly changeNote: string;
}

export interface ReviewMaterialStep extends TrainingBase {
  readonly type: 'review-material';
  readonly materialId: string;
  readonly reviewBy: string;
}

export interface AcknowledgeStep extends TrainingBase {
  readonly type: 'acknowledge';
  readonly materialId: string;
  readonly version: number;
}

export interface ScheduleSessionStep extends TrainingBase, Omit<ScheduleTrainingSession, 'type' | 'at'> {
  readonly type: 'schedule-session';
}

export interface RecordAttendanceStep extends TrainingBase {
  readonly type: 'record-attendance';
  readonly sessionId: string;
  readonly attendance: readonly { readonly employeeId: string; readonly attended: boolean }[];
}

export interface RecordWebinarStep extends TrainingBase, Omit<RecordWebinar, 'type' | 'at'> {
  readonly type: 'record-webinar';
}

/** Approves the plans proposed for a round's employees, trimmed to the gaps still open; cancels those with none left. */
export interface ReviewPlansStep extends TrainingBase {
  readonly type: 'review-plans';
  readonly round: string;
  readonly employeeIds: readonly string[];
  /** Approves the reviewer's own plans: nobody approves their own. */
  readonly standIn: DemoActor;
}

/** Completes every item of the plans the employee's round approved. */
export interface CompleteTrainingStep extends TrainingBase {
  readonly type: 'complete-training';
  readonly round: string;
  readonly employeeId: string;
  readonly score?: number;
}

/** The manager assesses again each competency the completed plans addressed: at the level required, or one short. */
export interface ReassessStep extends TrainingBase {
  readonly type: 'reassess';
  readonly round: string;
  readonly employeeId: string;
  readonly closesGaps: boolean;
}

type Planned =
  | PublishMaterialStep
  | ReviseMaterialStep
  | ReviewMaterialStep
  | AcknowledgeStep
  | ScheduleSessionStep
  | RecordAttendanceStep
  | RecordWebinarStep
  | ReviewPlansStep
  | CompleteTrainingStep
  | ReassessStep;
export type TrainingStep = Recorded<Planned>;

interface DemoMaterial {
  readonly materialId: string;
  readonly format: MaterialFormat;
  readonly title: string;
  readonly ownerId: string;
  /** Days after the start by which it is due for review. */
  readonly reviewAfterDays: number;
  /** Reviewed again every this many days; absent: nobody does, and it goes stale. */
  readonly reviewedEveryDays?: number;
  readonly competencyIds: readonly string[];
  readonly regulationSectionIds?: readonly string[];
}

const CARE_SECTIONS = ['section-care'];
const ALL_SECTIONS = DEMO_SECTIONS.map((section) => section.id);

const MATERIALS: readonly DemoMaterial[] = [
  {
    materialId: 'kb-company-rules',
    format: 'text',
    title: 'Company rules',
    ownerId: 'emp-0011',
    reviewAfterDays: 180,
    reviewedEveryDays: 180,
    competencyIds: ['comp-regulations', 'comp-honesty'],
    regulationSectionIds: ALL_SECTIONS,
  },
  {
    materialId: 'kb-refund-regulation',
    format: 'text',
    title: 'Refund and retention regulation',
    ownerId: 'emp-0042',
    reviewAfterDays: 120,
    reviewedEveryDays: 120,
    competencyIds: ['comp-refund-policy', 'comp-client-first'],
    regulationSectionIds: CARE_SECTIONS,
  },
  {
    materialId: 'kb-product-guide',
    format: 'video',
    title: 'Guide to the courses and products',
    ownerId: 'emp-0502',
    reviewAfterDays: 90,
    reviewedEveryDays: 90,
    competencyIds: ['comp-products'],
  },
  {
    materialId: 'kb-difficult-conversations',
    format: 'audio',
    title: 'Difficult conversations with clients',
    ownerId: 'emp-0042',
    reviewAfterDays: 75,
    competencyIds: ['comp-client-conversation', 'comp-composure'],
  },
  {
    materialId: 'kb-copy-standards',
    format: 'text',
    title: 'Copy and design standards explained',
    ownerId: 'emp-0401',
    reviewAfterDays: 45,
    competencyIds: ['comp-copy-standards', 'comp-copywriting', 'comp-layout'],
  },
  {
    materialId: 'kb-inspection-handbook',
    format: 'text',
    title: 'Inspector handbook',
    ownerId: 'emp-0201',
    reviewAfterDays: 200,
    reviewedEveryDays: 200,
    competencyIds: ['comp-inspection-method', 'comp-attention'],
  },
  {
    materialId: 'kb-written-answers',
    format: 'text',
    title: 'Writing answers clients understand',
    ownerId: 'emp-0601',
    reviewAfterDays: 150,
    competencyIds: ['comp-written-answers'],
  },
  {
    materialId: 'kb-presenting',
    format: 'video',
    title: 'Presenting a webinar',
    ownerId: 'emp-0501',
    reviewAfterDays: 365,
    competencyIds: ['comp-presenting', 'comp-leading'],
  },
];

/** The refund regulation is rewritten half-way: care signs for the new version. */
const REGULATION_REVISION = { materialId: 'kb-refund-regulation', at: 0.5 } as const;

const SESSION_TITLES: readonly (readonly [title: string, competencyIds: readonly string[]])[] = [
  ['What is new in our courses', ['comp-products']],
  ['Our regulations in practice', ['comp-regulations']],
  ['Keeping calm with angry clients', ['comp-composure', 'comp-client-conversation']],
  ['The client first: cases of the quarter', ['comp-client-first']],
  ['Writing that gets read', ['comp-written-answers']],
];

const BOUGHT_COURSES = [
  {
    at: 0.3,
    kind: 'bought-course',
    title: 'Negotiation for client care',
    provider: 'Northern Business School',
    cost: { minor: 4_800_000, currency: 'RUB' },
    jobs: ['care-lead', 'care-agent'],
    competencyIds: ['comp-client-conversation'],
  },
  {
    at: 0.7,
    kind: 'external-trainer',
    title: 'Conversion copywriting workshop',
    provider: 'Copy Lab studio',
    cost: { minor: 9_500_000, currency: 'RUB' },
    jobs: ['copywriter', 'designer', 'intern'],
    competencyIds: ['comp-copywriting'],
  },
] as const satisfies readonly { at: number; kind: TrainingSessionKind; jobs: readonly Job[]; cost: Money; [key: string]: unknown }[];

const WEBINAR_TITLES = ['Sales funnels that work', 'Email marketing in one evening', 'Your first targeted ad', 'Copy that sells'];
const WEBINARS_PER_MONTH = 2;
/** The trainer KPI's target: three attendees in ten buy. */
export const WEBINAR_CONVERSION_TARGET = 0.3;

const REVIEW_AFTER = 4 * DAY;

export function planTraining(period: DemoPeriod, random: Random): TrainingStep[] {
  const stories: Planned[][] = [
    ...knowledgeBase(period, random),
    ...acknowledgements(period, random),
    ...internalSessions(period, random),
    ...BOUGHT_COURSES.map((course, index) => boughtCourse(period, course, index, random)),
    ...webinars(period, random),
    ...individualPlans(period, random),
  ];
  return stories.flatMap((story) => recordedInOrder(story, random, period.end));
}

function knowledgeBase(period: DemoPeriod, random: Random): Planned[][] {
  const start = period.start.getTime();
  const publishedAt = start + 2 * HOUR;
  const base = { context: 'training', actor: TRAINER } as const;
  return MATERIALS.map((material) => {
    const { materialId, format, title, ownerId, competencyIds, regulationSectionIds } = material;
    const published: PublishMaterialStep = {
      ...base,
      type: 'publish-material',
      occurredAt: iso(publishedAt),
      materialId,
      format,
      title,
      ...(format === 'text' ? { body: `${title}: what to do, why, and the usual mistakes.` } : { link: `https://media.example.com/${materialId}` }),
      ownerId,
      reviewBy: dayOf(start + material.reviewAfterDays * DAY),
      competencyIds,
      ...(regulationSectionIds !== undefined ? { regulation: { positionIds: [], sectionIds: regulationSectionIds } } : {}),
    };
    const reviews: Planned[] = [];
    if (material.reviewedEveryDays !== undefined) {
      for (let due = start + material.reviewAfterDays * DAY; due < period.end.getTime(); due += material.reviewedEveryDays * DAY) {
        const reviewedAt = workingTime(due - random.int(2, 10) * DAY, random);
        const reviewBy = dayOf(due + material.reviewedEveryDays * DAY);
        if (materialId === REGULATION_REVISION.materialId && Math.abs(period.progressAt(reviewedAt) - REGULATION_REVISION.at) < 0.05) continue;
        reviews.push({ ...base, type: 'review-material', occurredAt: iso(reviewedAt), materialId, reviewBy });
      }
    }
    if (materialId === REGULATION_REVISION.materialId) {
      const revisedAt = workingTime(period.timeAt(REGULATION_REVISION.at), random);
      reviews.push({
        ...base,
        type: 'revise-material',
        occurredAt: iso(revisedAt),
        materialId,
        body: `${title}, second edition: a partial refund is offered before a full one.`,
        reviewBy: dayOf(revisedAt + (material.reviewedEveryDays ?? 120) * DAY),
        changeNote: 'Partial refunds first',
      });
    }
    return [published, ...reviews.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt))];
  });
}

/**
 * Most of a regulation's audience sign for it within days of publishing or of joining; a few never
 * do. The revised refund regulation is signed again; a version is only signed while it is current.
 */
function acknowledgements(period: DemoPeriod, random: Random): Planned[][] {
  const revisedAt = period.timeAt(REGULATION_REVISION.at);
  return MATERIALS.filter((material) => material.regulationSectionIds !== undefined).flatMap((material) =>
    DEMO_STAFF.flatMap((member): Planned[][] => {
      const signings: Planned[][] = [];
      const revised = material.materialId === REGULATION_REVISION.materialId;
      const versions = revised
        ? [
            { version: 1, from: period.start.getTime(), until: revisedAt - DAY },
            { version: 2, from: revisedAt + DAY, until: period.end.getTime() },
          ]
        : [{ version: 1, from: period.start.getTime(), until: period.end.getTime() }];
      for (const { version, from, until } of versions) {
        const joined = Math.max(from, spellStartsAt(period, member.spells[0]) + DAY);
        const signedAt = workingTime(joined + random.int(0, 14) * DAY, random);
        const section = spellAt(member, period.progressAt(signedAt))?.sectionId;
        const inAudience = section !== undefined && material.regulationSectionIds!.includes(section);
        if (!inAudience || signedAt >= until || !random.chance(0.88)) continue;
        signings.push([
          {
            context: 'training',
            type: 'acknowledge',
            occurredAt: iso(signedAt),
            actor: { employeeId: member.id, roles: ['employee'] },
            materialId: material.materialId,
            version,
          },
        ]);
      }
      return signings;
    }),
  );
}

/** Whoever takes work at a point of the period, each attending or not. */
function attendanceOf(members: readonly StaffMember[], random: Random, share: number) {
  return members.map((member) => ({ employeeId: member.id, attended: random.chance(share) }));
}

function internalSessions(period: DemoPeriod, random: Random): Planned[][] {
  const sessions: Planned[][] = [];
  let number = 0;
  for (let time = period.start.getTime() + 30 * DAY; time < period.end.getTime(); time += random.pick([61, 75, 91]) * DAY) {
    const startsAt = workingTime(time, random);
    const [title, competencyIds] = SESSION_TITLES[number % SESSION_TITLES.length]!;
    number += 1;
    const sessionId = `session-${number}`;
    const everyone = DEMO_STAFF.filter((member) => jobAt(member, period.progressAt(startsAt)) !== undefined);
    const base = { context: 'training', actor: TRAINER, sessionId } as const;
    sessions.push([
      {
        ...base,
        type: 'schedule-session',
        occurredAt: iso(startsAt - 7 * DAY),
        kind: 'internal',
        title,
        trainerId: TRAINER.employeeId,
        startsAt: iso(startsAt),
        hours: 2,
        competencyIds,
      },
      { ...base, type: 'record-attendance', occurredAt: iso(startsAt + 3 * HOUR), attendance: attendanceOf(everyone, random, 0.82) },
    ]);
  }
  return sessions;
}

function boughtCourse(period: DemoPeriod, course: (typeof BOUGHT_COURSES)[number], index: number, random: Random): Planned[] {
  const startsAt = workingTime(period.timeAt(course.at), random);
  const base = { context: 'training', actor: TRAINER, sessionId: `course-${index + 1}` } as const;
  const { kind, title, provider, cost, competencyIds } = course;
  return [
    {
      ...base,
      type: 'schedule-session',
      occurredAt: iso(startsAt - 14 * DAY),
      kind,
      title,
      provider,
      startsAt: iso(startsAt),
      hours: 16,
      cost,
      competencyIds,
    },
    {
      ...base,
      type: 'record-attendance',
      occurredAt: iso(startsAt + 2 * DAY),
      attendance: attendanceOf(staffIn(course.jobs, period.progressAt(startsAt)), random, 0.9),
    },
  ];
}

/** Each host's webinars convert around the target, the better hosts a little above it. */
function webinars(period: DemoPeriod, random: Random): Planned[][] {
  const hosts = DEMO_STAFF.filter((member) => member.spells.some((held) => held.job === 'webinar-host'));
  const stories: Planned[][] = [];
  for (const month of period.months()) {
    for (const host of hosts) {
      for (let index = 0; index < WEBINARS_PER_MONTH; index += 1) {
        const heldAt = workingTime(month.getTime() + random.int(0, 27) * DAY, random);
        if (heldAt < period.start.getTime() || jobAt(host, period.progressAt(heldAt)) !== 'webinar-host') continue;
        const attendees = random.int(60, 260);
        const rate = WEBINAR_CONVERSION_TARGET + host.skill + (random.float() - 0.5) * 0.12;
        stories.push([
          {
            context: 'training',
            type: 'record-webinar',
            occurredAt: iso(heldAt + 2 * HOUR),
            actor: TRAINER,
            webinarId: `webinar-${host.id}-${month.toISOString().slice(0, 7)}-${index + 1}`,
            trainerId: host.id,
            title: random.pick(WEBINAR_TITLES),
            attendees,
            buyers: Math.max(0, Math.min(attendees, Math.round(attendees * rate))),
          },
        ]);
      }
    }
  }
  return stories;
}

/**
 * A review a few days after each round of assessment; then each employee does their items, mostly
 * within the month they are due in, a fifth late, one in ten never; a couple of weeks after, their
 * manager assesses again, finding most gaps closed.
 */
function individualPlans(period: DemoPeriod, random: Random): Planned[][] {
  const rounds = new Map<string, AssessmentRound[]>();
  for (const round of assessmentRounds(period)) rounds.set(round.round, [...(rounds.get(round.round) ?? []), round]);
  return [...rounds.values()].flatMap((assessed) => {
    const { round, at } = assessed[0]!;
    const reviewedAt = workingTime(at + REVIEW_AFTER, random);
    const review: ReviewPlansStep = {
      context: 'training',
      type: 'review-plans',
      occurredAt: iso(reviewedAt),
      actor: TRAINER,
      round,
      employeeIds: assessed.map((entry) => entry.employeeId),
      standIn: { employeeId: 'emp-0011', roles: ['hr'] },
    };
    const followUps = assessed.flatMap((entry) => trainingOf(period, entry, reviewedAt, random));
    return [[review], ...followUps];
  });
}

function trainingOf(period: DemoPeriod, entry: AssessmentRound, reviewedAt: number, random: Random): Planned[][] {
  const pace = random.weighted([
    ['on time', 0.7],
    ['late', 0.2],
    ['never', 0.1],
  ] as const);
  if (pace === 'never') return [];
  const doneAt = workingTime(pace === 'on time' ? reviewedAt + random.int(7, 22) * DAY : entry.at + random.int(36, 60) * DAY, random);
  const reassessedAt = workingTime(doneAt + random.int(10, 20) * DAY, random);
  const leaves = period.timeAt(staffMember(entry.employeeId).leaves);
  if (reassessedAt >= leaves && leaves < period.end.getTime()) return [];
  const base = { context: 'training', round: entry.round, employeeId: entry.employeeId } as const;
  const score = random.chance(0.65) ? random.int(60, 100) : undefined;
  return [
    [
      {
        ...base,
        type: 'complete-training',
        occurredAt: iso(doneAt),
        actor: { employeeId: entry.employeeId, roles: JOBS[entry.job].roles },
        ...(score !== undefined ? { score } : {}),
      },
      { ...base, type: 'reassess', occurredAt: iso(reassessedAt), actor: managerOf(entry.employeeId, entry.job), closesGaps: random.chance(0.8) },
    ],
  ];
}
