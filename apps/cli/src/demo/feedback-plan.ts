import type { ComplaintOutcome, FeedbackChannel, FeedbackSubject } from '#domain/feedback/index.js';
import { SOLD_PRODUCTS, soleActor, staffIn, type Job } from './demo-company.js';
import {
  addMonths,
  DAY,
  HOUR,
  iso,
  mostlyWorkingTime,
  recordedInOrder,
  type DemoActor,
  type DemoPeriod,
  type PlannedBase,
  type Random,
  type Recorded,
  type Weighted,
} from './planning.js';

/**
 * The thanks and complaints clients send the school, as the care and support leads record them: about
 * the agents and hosts who helped them, a product, or a whole department. Thanks outnumber complaints
 * about three to one; each complaint is ruled on by the lead within days.
 */

interface FeedbackBase extends PlannedBase {
  readonly context: 'feedback';
}

export interface ThankStep extends FeedbackBase {
  readonly type: 'thank';
  readonly thanksId: string;
  readonly clientId: string;
  readonly subject: FeedbackSubject;
  readonly channel: FeedbackChannel;
  readonly text: string;
}

export interface ComplainStep extends FeedbackBase {
  readonly type: 'complain';
  readonly complaintId: string;
  readonly clientId: string;
  readonly subject: FeedbackSubject;
  readonly channel: FeedbackChannel;
  readonly text: string;
}

export interface CloseComplaintStep extends FeedbackBase {
  readonly type: 'close-complaint';
  readonly complaintId: string;
  readonly outcome: ComplaintOutcome;
  readonly note: string;
}

type Planned = ThankStep | ComplainStep | CloseComplaintStep;
export type FeedbackStep = Recorded<Planned>;

const THANKS_PER_MONTH = 24;
const COMPLAINTS_PER_MONTH = 8;
const CLIENTS = 30_000;

/** The jobs of the people clients write about. */
const PEOPLE: readonly Job[] = ['care-agent', 'support-agent', 'webinar-host'];
const SECTIONS = ['section-support', 'section-care', 'section-education'];

const CHANNELS: Weighted<FeedbackChannel> = [
  ['email', 35],
  ['chat', 25],
  ['social', 20],
  ['messenger', 10],
  ['phone', 10],
];

const THANKS_TEXTS = [
  'Thank you for the patient explanation, everything works now',
  'The webinar was clear and practical, thank you',
  'Quick answer late in the evening, much appreciated',
  'The course changed how I write, thank you to the whole team',
];

const COMPLAINT_TEXTS = [
  'Nobody answered my question for two days',
  'The recording of the lesson was never sent',
  'I was promised a call back and it never came',
  'The homework review was rude and unhelpful',
  'The price changed between the landing page and the checkout',
];

const OUTCOMES: Weighted<ComplaintOutcome> = [
  ['resolved', 45],
  ['upheld', 35],
  ['rejected', 20],
];

const CLOSING_NOTES: Readonly<Record<ComplaintOutcome, string>> = {
  resolved: 'Called the client and solved it together',
  upheld: 'The client is right; the team was briefed',
  rejected: 'Checked the records: the answer was given in time',
};

export function planFeedback(period: DemoPeriod, random: Random): FeedbackStep[] {
  const leads = [soleActor('care-lead'), soleActor('support-lead')];
  const stories: Planned[][] = [];
  for (const month of period.months()) {
    const from = Math.max(month.getTime(), period.start.getTime() + DAY);
    const to = Math.min(addMonths(month, 1).getTime(), period.end.getTime());
    if (to <= from) continue;
    const share = (to - from) / (30.4 * DAY);
    for (let n = Math.round(THANKS_PER_MONTH * share * (0.8 + 0.4 * random.float())); n > 0; n--) {
      const at = mostlyWorkingTime(from + random.float() * (to - from), random);
      stories.push([{ ...base(at, random.pick(leads)), type: 'thank', thanksId: `thanks-${stories.length + 1}`, ...about(at, period, random), text: random.pick(THANKS_TEXTS) }]);
    }
    for (let n = Math.round(COMPLAINTS_PER_MONTH * share * (0.8 + 0.4 * random.float())); n > 0; n--) {
      const at = mostlyWorkingTime(from + random.float() * (to - from), random);
      const lead = random.pick(leads);
      const complaintId = `complaint-${stories.length + 1}`;
      const outcome = random.weighted(OUTCOMES);
      const closedAt = at + random.int(1, 10) * DAY + random.int(0, 8) * HOUR;
      stories.push([
        { ...base(at, lead), type: 'complain', complaintId, ...about(at, period, random), text: random.pick(COMPLAINT_TEXTS) },
        { ...base(closedAt, lead), type: 'close-complaint', complaintId, outcome, note: CLOSING_NOTES[outcome] },
      ]);
    }
  }
  return stories.flatMap((story) => recordedInOrder(story, random, period.end));
}

function base(time: number, actor: DemoActor): FeedbackBase {
  return { context: 'feedback', occurredAt: iso(time), actor };
}

/** The client who writes, what about, and how: an employee working then, a product, or a department. */
function about(time: number, period: DemoPeriod, random: Random): Pick<ThankStep, 'clientId' | 'subject' | 'channel'> {
  const people = staffIn(PEOPLE, period.progressAt(time));
  const roll = random.float();
  const subject: FeedbackSubject =
    roll < 0.6 && people.length > 0
      ? { kind: 'employee', id: random.pick(people).id }
      : roll < 0.85
        ? { kind: 'product', id: random.pick(SOLD_PRODUCTS).id }
        : { kind: 'section', id: random.pick(SECTIONS) };
  return { clientId: `client-${String(random.int(1, CLIENTS)).padStart(5, '0')}`, subject, channel: random.weighted(CHANNELS) };
}
