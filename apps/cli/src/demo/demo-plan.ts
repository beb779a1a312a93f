import type { CareCaseKind, RetentionMethod } from '#libs/domain/care/index.js';
import type { Money } from '#libs/domain/shared/money.js';

/**
 * The demo company and its history, as a plan of care commands in the order they were recorded. Pure
 * and deterministic: the same seed, length and end give the same plan.
 *
 * An online school sells webinars, intensives, courses and mentoring through three sections. Its care
 * agents handle refund requests and complaints; about six cases in ten end with the client retained,
 * the rest with a refund, and a few retained clients come back for their money within the observation
 * window (lost saves). Volume grows over the period and follows the seasons of the school year; the
 * retention rate improves slowly, and differs by agent.
 */

export interface DemoPlanOptions {
  readonly seed: number;
  /** Length of the history, ending at `end`. */
  readonly months: number;
  /** The last moment of the history: nothing is planned after it. */
  readonly end: Date;
  /** Average cases opened per month. */
  readonly casesPerMonth: number;
  /** Days after a retention during which the app accepts a refund (a lost save); lost saves fall inside. */
  readonly observationWindowDays: number;
}

export const DEFAULT_CASES_PER_MONTH = 90;

interface StepBase {
  readonly caseId: string;
  /** Business time of the decision. */
  readonly occurredAt: string;
  /** When an agent entered it: the demo's clock is at this time while the command runs. */
  readonly recordedAt: string;
  /** The employee who entered the decision, and as what. */
  readonly actor: DemoEmployee;
}

export interface OpenStep extends StepBase {
  readonly type: 'open';
  readonly clientId: string;
  readonly productId: string;
  readonly sectionId: string;
  readonly kind: CareCaseKind;
  readonly channel: string;
  readonly summary: string;
}

export interface AssignStep extends StepBase {
  readonly type: 'assign';
  readonly employeeId: string;
}

export interface RefundStep extends StepBase {
  readonly type: 'refund';
  readonly amount: Money;
  readonly full: boolean;
  readonly reason: string;
  readonly scriptId?: string;
  /** The refund reverses a retention of this case. */
  readonly lostSave: boolean;
}

export interface RetainStep extends StepBase {
  readonly type: 'retain';
  readonly method: RetentionMethod;
  readonly retained: Money;
  readonly scriptId?: string;
  readonly note?: string;
}

export type DemoStep = OpenStep | AssignStep | RefundStep | RetainStep;

export interface DemoPlan {
  readonly seed: number;
  readonly start: Date;
  readonly end: Date;
  readonly steps: readonly DemoStep[];
}

export interface DemoEmployee {
  readonly id: string;
  readonly role: 'care-agent' | 'care-lead';
}

interface Agent extends DemoEmployee {
  /** Added to the chance of retaining a client. */
  readonly skill: number;
  /** Share of the period (0 to 1) during which the agent works in care. */
  readonly joins: number;
  readonly leaves: number;
}

interface Product {
  readonly id: string;
  readonly sectionId: string;
  /** Prices in minor units per currency. */
  readonly price: Readonly<Record<Currency, number>>;
  /** How often its buyers open a case, relative to the other products. */
  readonly weight: number;
}

type Currency = 'RUB' | 'EUR';
/** Most clients pay in roubles; the international groups pay in euros. */
const SECOND_CURRENCY_SHARE = 0.12;

export const DEMO_SECTIONS = ['section-sales', 'section-support', 'section-education'] as const;

export const DEMO_PRODUCTS: readonly Product[] = [
  { id: 'webinar-sales-funnels', sectionId: 'section-sales', price: { RUB: 2_990_00, EUR: 39_00 }, weight: 3 },
  { id: 'intensive-email-marketing', sectionId: 'section-sales', price: { RUB: 14_900_00, EUR: 169_00 }, weight: 2 },
  { id: 'course-copywriting', sectionId: 'section-education', price: { RUB: 39_000_00, EUR: 420_00 }, weight: 3 },
  { id: 'course-targeted-ads', sectionId: 'section-education', price: { RUB: 59_000_00, EUR: 640_00 }, weight: 2 },
  { id: 'mentoring-marketing-pro', sectionId: 'section-support', price: { RUB: 120_000_00, EUR: 1_290_00 }, weight: 1 },
];

const LEAD: Agent = { id: 'emp-0042', role: 'care-lead', skill: 0.12, joins: 0, leaves: 1 };

const AGENTS: readonly Agent[] = [
  { id: 'emp-0107', role: 'care-agent', skill: 0.06, joins: 0, leaves: 1 },
  { id: 'emp-0112', role: 'care-agent', skill: 0.02, joins: 0, leaves: 0.7 },
  { id: 'emp-0118', role: 'care-agent', skill: -0.04, joins: 0, leaves: 1 },
  { id: 'emp-0125', role: 'care-agent', skill: 0, joins: 0.2, leaves: 1 },
  { id: 'emp-0131', role: 'care-agent', skill: -0.07, joins: 0.45, leaves: 1 },
  { id: 'emp-0140', role: 'care-agent', skill: 0.04, joins: 0.65, leaves: 1 },
];

export const DEMO_EMPLOYEES: readonly DemoEmployee[] = [LEAD, ...AGENTS];

/** Cases per calendar month relative to the average: the school year peaks in autumn and January. */
const SEASON = [1.15, 1, 1.05, 1, 0.9, 0.75, 0.7, 0.8, 1.2, 1.25, 1.2, 0.95];

const KINDS: Weighted<CareCaseKind> = [
  ['refund-request', 55],
  ['dissatisfaction', 35],
  ['other', 10],
];

/** Chance of retaining the client, before the agent's skill and the trend of the period. */
const RETENTION_CHANCE: Readonly<Record<CareCaseKind, number>> = { 'refund-request': 0.52, dissatisfaction: 0.74, other: 0.66 };
/** The retention rate improves by this much from the start of the period to its end. */
const RETENTION_TREND = 0.08;
const LOST_SAVE_CHANCE = 0.08;
const FULL_REFUND_CHANCE = 0.62;
const UNASSIGNED_CHANCE = 0.02;
const ESCALATION_CHANCE = 0.06;

const METHODS: Readonly<Record<CareCaseKind, Weighted<RetentionMethod>>> = {
  'refund-request': [
    ['discount', 35],
    ['exchange', 25],
    ['bonus', 15],
    ['explanation', 10],
    ['extra-service', 10],
    ['other', 5],
  ],
  dissatisfaction: [
    ['explanation', 30],
    ['extra-service', 25],
    ['bonus', 20],
    ['discount', 15],
    ['exchange', 5],
    ['other', 5],
  ],
  other: [
    ['explanation', 40],
    ['bonus', 25],
    ['extra-service', 20],
    ['discount', 10],
    ['other', 5],
  ],
};

const CHANNELS: Weighted<string> = [
  ['phone', 35],
  ['chat', 30],
  ['email', 25],
  ['messenger', 10],
];

const SUMMARIES: Readonly<Record<CareCaseKind, readonly string[]>> = {
  'refund-request': [
    'Asks for a refund: the programme did not match the landing page',
    'Asks for a refund: no time to study this term',
    'Asks for a refund: bought by mistake during the sale',
    'Asks for a refund: the recording of the webinar was not sent',
    'Asks for a refund after the first module',
  ],
  dissatisfaction: [
    'Unhappy with the speed of homework reviews',
    'Unhappy with the curator: answers came late',
    'Unhappy with the sound quality of the live sessions',
    'Expected more practice and less theory',
  ],
  other: ['Cannot access the learning platform', 'Asks to move to a later group', 'Wants an invoice for the employer'],
};

const REFUND_REASONS = [
  'The programme did not meet the expectations set by the sales page',
  'The client has no time to study and asked for the money back',
  'The client bought the product twice',
  'Technical problems kept the client from studying',
];
const LOST_SAVE_REASONS = [
  'The client came back after the offer and insisted on the refund',
  'The retention offer did not solve the problem; refunded',
];

const RETENTION_NOTES: Readonly<Record<RetentionMethod, string>> = {
  exchange: 'Moved to another product of the same price',
  discount: 'Kept the product with a discount on the price',
  bonus: 'Kept the product with a bonus module',
  explanation: 'Explained the programme; the client continues',
  'extra-service': 'Offered personal sessions with a curator',
  other: 'Solved by an individual arrangement',
};

const REFUND_SCRIPT = 'script-refund-request-v3';
const RETENTION_SCRIPTS: Readonly<Partial<Record<RetentionMethod, string>>> = {
  discount: 'script-retention-discount-v2',
  exchange: 'script-retention-exchange-v1',
  explanation: 'script-objection-handling-v4',
};
const SCRIPT_USE_CHANCE = 0.7;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Working hours of the care desk, in UTC (Moscow time minus three hours). */
const DESK_OPENS_UTC_HOUR = 6;
const DESK_HOURS = 11;
const CLIENTS = 40_000;

type Weighted<T> = readonly (readonly [T, number])[];

/** A step before it is given the time it was recorded at. */
type Planned = { [T in DemoStep['type']]: Omit<Extract<DemoStep, { type: T }>, 'recordedAt'> }[DemoStep['type']];

export function planDemo(options: DemoPlanOptions): DemoPlan {
  if (!Number.isInteger(options.months) || options.months < 1) throw new RangeError('months must be a whole number of at least 1');
  const end = options.end;
  const start = addMonths(end, -options.months);
  const random = new Random(options.seed);
  const observationWindow = options.observationWindowDays * DAY;
  const cases: DemoStep[][] = [];
  /** Where a moment lies in the period, 0 to 1 (just under, so that an agent leaving at 1 still works). */
  const progressAt = (time: number) => Math.min(Math.max((time - start.getTime()) / (end.getTime() - start.getTime()), 0), 0.999);
  for (let month = startOfMonth(start); month < end; month = addMonths(month, 1)) {
    const from = Math.max(month.getTime(), start.getTime());
    const to = Math.min(addMonths(month, 1).getTime(), end.getTime());
    const growth = 0.85 + 0.3 * progressAt(from);
    const expected = (options.casesPerMonth * SEASON[month.getUTCMonth()]! * growth * (to - from)) / (30.4 * DAY);
    const count = Math.round(expected * (0.9 + 0.2 * random.float()));
    const openings = Array.from({ length: count }, () => deskTime(from + random.float() * (to - from), random)).sort((a, b) => a - b);
    for (const openedAt of openings) {
      const context = { random, end, observationWindow, progress: progressAt(openedAt) };
      cases.push(careCase(`case-${monthKey(month)}-${String(cases.length + 1).padStart(5, '0')}`, openedAt, context));
    }
  }
  const steps = cases.flat().sort((a, b) => (a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : 0));
  return { seed: options.seed, start, end, steps };
}

interface CaseContext {
  readonly random: Random;
  /** In milliseconds. */
  readonly observationWindow: number;
  readonly end: Date;
  /** Where the case opens in the period, 0 to 1. */
  readonly progress: number;
}

/** The steps of one case, each recorded after the one before, cut at the end of the period. */
function careCase(caseId: string, openedAt: number, context: CaseContext): DemoStep[] {
  const { random, observationWindow, progress } = context;
  const product = random.weighted(DEMO_PRODUCTS.map((p) => [p, p.weight] as const));
  const currency: Currency = random.chance(SECOND_CURRENCY_SHARE) ? 'EUR' : 'RUB';
  const price = product.price[currency];
  const kind = random.weighted(KINDS);
  const agent = random.pick(AGENTS.filter((a) => a.joins <= progress && progress < a.leaves));

  const planned: Planned[] = [];
  const at = (time: number) => new Date(time).toISOString();

  planned.push({
    type: 'open',
    caseId,
    occurredAt: at(openedAt),
    actor: agent,
    clientId: `client-${String(random.int(1, CLIENTS)).padStart(6, '0')}`,
    productId: product.id,
    sectionId: product.sectionId,
    kind,
    channel: random.weighted(CHANNELS),
    summary: random.pick(SUMMARIES[kind]),
  });

  let handler: Agent | undefined;
  let time = openedAt;
  if (!random.chance(UNASSIGNED_CHANCE)) {
    time += random.int(10 * MINUTE, 6 * HOUR);
    handler = agent;
    planned.push({ type: 'assign', caseId, occurredAt: at(time), actor: LEAD, employeeId: agent.id });
    if (random.chance(ESCALATION_CHANCE)) {
      time += random.int(1 * HOUR, 1 * DAY);
      handler = LEAD;
      planned.push({ type: 'assign', caseId, occurredAt: at(time), actor: LEAD, employeeId: LEAD.id });
    }
  }

  time += kind === 'refund-request' ? random.int(2 * HOUR, 3 * DAY) : random.int(4 * HOUR, 5 * DAY);
  const chance = RETENTION_CHANCE[kind] + (handler?.skill ?? 0) + RETENTION_TREND * (progress - 0.5);
  const actor = handler ?? LEAD;
  if (random.chance(chance)) {
    const method = random.weighted(METHODS[kind]);
    const scriptId = RETENTION_SCRIPTS[method];
    planned.push({
      type: 'retain',
      caseId,
      occurredAt: at(time),
      actor,
      method,
      retained: { minor: retainedAmount(method, price, random), currency },
      ...(scriptId !== undefined && random.chance(SCRIPT_USE_CHANCE) ? { scriptId } : {}),
      note: RETENTION_NOTES[method],
    });
    if (random.chance(LOST_SAVE_CHANCE)) {
      // Inside the window: after it the app refuses the refund (409), and the case stays retained.
      time += random.int(Math.min(2 * DAY, observationWindow / 2), observationWindow - HOUR);
      const amount = random.chance(0.8) ? price : partOf(price, random);
      planned.push(refundStep(caseId, at(time), actor, { minor: amount, currency }, price, random.pick(LOST_SAVE_REASONS), true));
    }
  } else {
    const amount = random.chance(FULL_REFUND_CHANCE) ? price : partOf(price, random);
    const refund = refundStep(caseId, at(time), actor, { minor: amount, currency }, price, random.pick(REFUND_REASONS), false);
    planned.push(random.chance(SCRIPT_USE_CHANCE) ? { ...refund, scriptId: REFUND_SCRIPT } : refund);
  }
  return recordedInOrder(planned, context);
}

/** Agents enter a decision a few minutes after it happened; a case's steps keep their order. */
function recordedInOrder(planned: readonly Planned[], { random, end }: CaseContext): DemoStep[] {
  const steps: DemoStep[] = [];
  let previous = 0;
  for (const step of planned) {
    const recorded = Math.max(Date.parse(step.occurredAt) + random.int(0, 20 * MINUTE), previous + 1000);
    if (recorded > end.getTime()) break;
    steps.push({ ...step, recordedAt: new Date(recorded).toISOString() });
    previous = recorded;
  }
  return steps;
}

/** A discount keeps the price less the discount; the other methods keep the whole price. */
function retainedAmount(method: RetentionMethod, price: number, random: Random): number {
  if (method !== 'discount') return price;
  const discountPercent = random.pick([10, 15, 20, 25, 30]);
  return roundToUnits((price * (100 - discountPercent)) / 100);
}

function partOf(price: number, random: Random): number {
  return Math.max(100, roundToUnits(price * (0.3 + 0.4 * random.float())));
}

/** Whole roubles or euros: partial amounts are agreed in round figures. */
function roundToUnits(minor: number): number {
  return Math.round(minor / 100) * 100;
}

/** Moves a moment into the desk's working hours of its day; fewer cases arrive at weekends. */
function deskTime(time: number, random: Random): number {
  const day = new Date(time);
  day.setUTCHours(0, 0, 0, 0);
  const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
  const dayStart = weekend && random.chance(0.6) ? day.getTime() + (day.getUTCDay() === 6 ? 2 : 1) * DAY : day.getTime();
  return dayStart + DESK_OPENS_UTC_HOUR * HOUR + random.float() * DESK_HOURS * HOUR;
}

function startOfMonth(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

function addMonths(date: Date, months: number): Date {
  const moved = new Date(date);
  moved.setUTCMonth(moved.getUTCMonth() + months);
  return moved;
}

function monthKey(month: Date): string {
  return `${month.getUTCFullYear() % 100}${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** mulberry32: a small, fast, seedable generator; statistical quality is ample for made-up data. */
class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  float(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!;
  }

  weighted<T>(items: Weighted<T>): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.float() * total;
    for (const [item, weight] of items) {
      roll -= weight;
      if (roll < 0) return item;
    }
    return items[items.length - 1]![0];
  }
}

function refundStep(
  caseId: string,
  occurredAt: string,
  actor: RefundStep['actor'],
  amount: RefundStep['amount'],
  price: number,
  reason: string,
  lostSave: boolean,
): Omit<RefundStep, 'recordedAt'> {
  return { type: 'refund', caseId, occurredAt, actor, amount, full: amount.minor === price, reason, lostSave };
}
