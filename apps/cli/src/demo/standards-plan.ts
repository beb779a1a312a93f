import type { StandardType } from '#domain/standards/index.js';
import { actorAs, staffIn, type StaffMember } from './demo-company.js';
import { DAY, iso, recordedInOrder, workingTime, type DemoPeriod, type PlannedBase, type Random, type Recorded } from './planning.js';

/**
 * The standards the quality department checks against: a few of each type, owned by a section or a
 * product, published in the first days of the period; some revised as the period goes on, and one
 * retired once another standard covered it.
 */

interface StandardsBase extends PlannedBase {
  readonly context: 'standards';
  readonly standardId: string;
}

/** Owned by a section or by a product. */
export type StandardOwnerRef = { readonly sectionId: string } | { readonly productId: string };

export interface PublishStandardStep extends StandardsBase {
  readonly type: 'publish-standard';
  readonly standardType: StandardType;
  readonly owner: StandardOwnerRef;
  readonly title: string;
  readonly body: string;
}

export interface ReviseStandardStep extends StandardsBase {
  readonly type: 'revise-standard';
  readonly body: string;
  readonly changeNote: string;
}

export interface RetireStandardStep extends StandardsBase {
  readonly type: 'retire-standard';
  readonly reason: string;
}

type Planned = PublishStandardStep | ReviseStandardStep | RetireStandardStep;
export type StandardsStep = Recorded<Planned>;

interface DemoStandard {
  readonly id: string;
  readonly type: StandardType;
  readonly owner: StandardOwnerRef;
  readonly title: string;
  readonly body: string;
  readonly revisions?: readonly { readonly at: number; readonly body: string; readonly changeNote: string }[];
  readonly retirement?: { readonly at: number; readonly reason: string };
}

const STANDARDS: readonly DemoStandard[] = [
  {
    id: 'standard-distance-sales-refunds',
    type: 'external',
    owner: { sectionId: 'section-care' },
    title: 'Refunds for distance sales',
    body: 'A client who bought at a distance may withdraw and get back the price less the part of the service already given.',
  },
  {
    id: 'standard-advertising-claims',
    type: 'external',
    owner: { sectionId: 'section-marketing' },
    title: 'Advertising claims',
    body: 'No guaranteed income, no unverifiable superlatives, and the price stated wherever an offer is made.',
    revisions: [
      {
        at: 0.45,
        body: 'No guaranteed income, no unverifiable superlatives, the price stated wherever an offer is made, and online ads labelled as ads.',
        changeNote: 'Online ads must now be labelled',
      },
    ],
  },
  {
    id: 'standard-tone-of-voice',
    type: 'internal',
    owner: { sectionId: 'section-marketing' },
    title: 'Tone of voice',
    body: 'We speak to the reader as a colleague: plainly, without pressure, and about their result rather than about us.',
    revisions: [
      {
        at: 0.3,
        body: 'We speak to the reader as a colleague: plainly, without pressure or false scarcity, and about their result rather than about us.',
        changeNote: 'False scarcity named as pressure',
      },
    ],
  },
  {
    id: 'standard-support-answers',
    type: 'internal',
    owner: { sectionId: 'section-support' },
    title: 'Support answers',
    body: 'First response within 5 minutes in working hours, resolution within a working day, correct and polite answers.',
    revisions: [
      {
        at: 0.6,
        body: 'First response within 2 minutes in working hours, resolution within 4 hours, repeat contacts under 5 %, escalations under 2 %.',
        changeNote: 'Targets aligned with the support KPIs the council tracks',
      },
    ],
  },
  {
    id: 'standard-webinar-quality',
    type: 'internal',
    owner: { sectionId: 'section-education' },
    title: 'Webinar quality',
    body: 'Agenda and result in the first five minutes, one exercise at least, a rehearsal of sound and slides, time for questions.',
  },
  {
    id: 'standard-funnel-structure',
    type: 'structural',
    owner: { productId: 'funnel-free-webinar' },
    title: 'Structure of the free webinar funnel',
    body: 'Landing page, three reminder emails, the webinar, the offer, and two follow-up emails to those who did not buy.',
  },
  {
    id: 'standard-course-structure',
    type: 'structural',
    owner: { sectionId: 'section-education' },
    title: 'Course structure',
    body: 'Modules of one week, homework after each module, homework reviewed within 72 hours.',
    revisions: [
      {
        at: 0.5,
        body: 'Modules of one week, homework after each module, homework reviewed within 48 hours.',
        changeNote: 'Reviews within 48 hours',
      },
    ],
  },
  {
    id: 'standard-newsletter-frequency',
    type: 'structural',
    owner: { sectionId: 'section-marketing' },
    title: 'Newsletter frequency',
    body: 'At most two newsletters a week to one address.',
    retirement: { at: 0.7, reason: 'Covered by the structure of each funnel' },
  },
  {
    id: 'standard-unhappy-client-conversation',
    type: 'behavioural',
    owner: { sectionId: 'section-care' },
    title: 'Conversation with an unhappy client',
    body: 'Listen to the end, restate the problem, offer what the rules allow, agree the next step and its date.',
    revisions: [
      {
        at: 0.35,
        body: 'Listen to the end, restate the problem, ask what result the client wanted, offer what the rules allow, agree the next step.',
        changeNote: 'Ask for the result the client wanted before offering anything',
      },
      {
        at: 0.75,
        body:
          'Listen to the end, restate the problem, ask what result the client wanted, offer what the rules allow, ' +
          'agree the next step and confirm it in writing.',
        changeNote: 'The agreement is confirmed in writing',
      },
    ],
  },
  {
    id: 'standard-call-etiquette',
    type: 'behavioural',
    owner: { productId: 'support-line' },
    title: 'Call etiquette',
    body: 'Greet and introduce yourself, identify the client and the order, never interrupt, summarise before you hang up.',
  },
  {
    id: 'standard-feedback-without-blame',
    type: 'behavioural',
    owner: { sectionId: 'section-qualification' },
    title: 'Feedback without blame',
    body: 'A finding names the criterion and the evidence, never the person; the author can always dispute it.',
  },
];

/** The standards are published on the first working day after the catalogue, by an inspector. */
export function planStandards(period: DemoPeriod, random: Random): StandardsStep[] {
  const publishedFrom = period.start.getTime() + DAY;
  return STANDARDS.flatMap((standard) => {
    const base = { context: 'standards', standardId: standard.id } as const;
    const at = (progress: number) => Math.max(workingTime(period.timeAt(progress), random), publishedFrom);
    const by = (time: number) => actorAs(random.pick(inspectorsAt(period, time)), 'inspector');
    const published = workingTime(publishedFrom, random);
    const planned: Planned[] = [
      {
        ...base,
        type: 'publish-standard',
        occurredAt: iso(published),
        actor: by(published),
        standardType: standard.type,
        owner: standard.owner,
        title: standard.title,
        body: standard.body,
      },
      ...(standard.revisions ?? []).map(({ at: progress, body, changeNote }): ReviseStandardStep => {
        const time = at(progress);
        return { ...base, type: 'revise-standard', occurredAt: iso(time), actor: by(time), body, changeNote };
      }),
    ];
    if (standard.retirement !== undefined) {
      const time = at(standard.retirement.at);
      planned.push({ ...base, type: 'retire-standard', occurredAt: iso(time), actor: by(time), reason: standard.retirement.reason });
    }
    return recordedInOrder(planned, random, period.end);
  });
}

function inspectorsAt(period: DemoPeriod, time: number): StaffMember[] {
  return staffIn(['inspector'], period.progressAt(time));
}
