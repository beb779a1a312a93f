import type { CareCaseKind, RetentionMethod } from '#domain/care/index.js';
import type { Money } from '#domain/shared/money.js';
import { actorAs, SOLD_PRODUCTS, soleActor, staffIn, staffMember, stillThere, type Currency, type StaffMember } from './demo-company.js';
import {
  addMonths,
  DAY,
  HOUR,
  iso,
  MINUTE,
  monthKey,
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
 * The client care of the demo company. Its care agents handle refund requests and complaints; about
 * six cases in ten end with the client retained, the rest with a refund, and a few retained clients
 * come back for their money within the observation window (lost saves). Volume grows over the period
 * and follows the seasons of the school year; the retention rate improves slowly, and differs by agent.
 */

export interface CarePlanOptions {
  /** Average cases opened per month. */
  readonly casesPerMonth: number;
  /** Days after a retention during which the app accepts a refund (a lost save); lost saves fall inside. */
  readonly observationWindowDays: number;
}

export const DEFAULT_CASES_PER_MONTH = 90;

interface CareBase extends PlannedBase {
  readonly context: 'care';
  readonly caseId: string;
}

export interface OpenStep extends CareBase {
  readonly type: 'open';
  readonly clientId: string;
  readonly productId: string;
  readonly sectionId: string;
  readonly kind: CareCaseKind;
  readonly channel: string;
  readonly summary: string;
}

export interface AssignStep extends CareBase {
  readonly type: 'assign';
  readonly employeeId: string;
}

export interface RefundStep extends CareBase {
  readonly type: 'refund';
  readonly amount: Money;
  readonly full: boolean;
  readonly reason: string;
  readonly scriptId?: string;
  /** The refund reverses a retention of this case. */
  readonly lostSave: boolean;
}

export interface RetainStep extends CareBase {
  readonly type: 'retain';
  readonly method: RetentionMethod;
  readonly retained: Money;
  readonly scriptId?: string;
  readonly note?: string;
}

type Planned = OpenStep | AssignStep | RefundStep | RetainStep;
export type CareStep = Recorded<Planned>;

/** Most clients pay in roubles; the international groups pay in euros. */
const SECOND_CURRENCY_SHARE = 0.12;

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

const CLIENTS = 40_000;

export function planCare(period: DemoPeriod, options: CarePlanOptions, random: Random): CareStep[] {
  const observationWindow = options.observationWindowDays * DAY;
  // The catalogue is entered in the first minutes of the period; the desk opens after it.
  const deskOpens = period.start.getTime() + HOUR;
  const lead = staffMember(soleActor('care-lead').employeeId);
  const cases: CareStep[][] = [];
  for (const month of period.months()) {
    const from = Math.max(month.getTime(), period.start.getTime());
    const to = Math.min(addMonths(month, 1).getTime(), period.end.getTime());
    const growth = 0.85 + 0.3 * period.progressAt(from);
    const expected = (options.casesPerMonth * SEASON[month.getUTCMonth()]! * growth * (to - from)) / (30.4 * DAY);
    const count = Math.round(expected * (0.9 + 0.2 * random.float()));
    const openings = Array.from({ length: count }, () => mostlyWorkingTime(from + random.float() * (to - from), random))
      .filter((openedAt) => openedAt >= deskOpens)
      .sort((a, b) => a - b);
    for (const openedAt of openings) {
      const context = { random, period, observationWindow, lead };
      cases.push(careCase(`case-${monthKey(month)}-${String(cases.length + 1).padStart(5, '0')}`, openedAt, context));
    }
  }
  return cases.flat();
}

interface CaseContext {
  readonly random: Random;
  readonly period: DemoPeriod;
  /** In milliseconds. */
  readonly observationWindow: number;
  /** Assigns the cases, takes the escalated ones, and decides those whose agent has left. */
  readonly lead: StaffMember;
}

/** The steps of one case, each recorded after the one before, cut at the end of the period. */
function careCase(caseId: string, openedAt: number, context: CaseContext): CareStep[] {
  const { random, observationWindow, period } = context;
  const progress = period.progressAt(openedAt);
  const lead = actorAs(context.lead, 'care-lead');
  const product = random.weighted(SOLD_PRODUCTS.map((p) => [p, p.caseWeight] as const));
  const currency: Currency = random.chance(SECOND_CURRENCY_SHARE) ? 'EUR' : 'RUB';
  const price = product.price[currency];
  const kind = random.weighted(KINDS);
  const agent = random.pick(staffIn(['care-agent'], progress));
  const base = { context: 'care', caseId } as const;

  const planned: Planned[] = [];
  planned.push({
    ...base,
    type: 'open',
    occurredAt: iso(openedAt),
    actor: actorAs(agent, 'care-agent'),
    clientId: `client-${String(random.int(1, CLIENTS)).padStart(6, '0')}`,
    productId: product.id,
    sectionId: product.sectionId,
    kind,
    channel: random.weighted(CHANNELS),
    summary: random.pick(SUMMARIES[kind]),
  });

  let handler: StaffMember | undefined;
  let time = openedAt;
  if (!random.chance(UNASSIGNED_CHANCE)) {
    time += random.int(10 * MINUTE, 6 * HOUR);
    handler = agent;
    planned.push({ ...base, type: 'assign', occurredAt: iso(time), actor: lead, employeeId: agent.id });
    if (random.chance(ESCALATION_CHANCE)) {
      time += random.int(1 * HOUR, 1 * DAY);
      handler = undefined;
      planned.push({ ...base, type: 'assign', occurredAt: iso(time), actor: lead, employeeId: lead.employeeId });
    }
  }

  time += kind === 'refund-request' ? random.int(2 * HOUR, 3 * DAY) : random.int(4 * HOUR, 5 * DAY);
  const chance = RETENTION_CHANCE[kind] + (handler ?? context.lead).skill + RETENTION_TREND * (progress - 0.5);
  // What the handler would decide after they have left, the lead decides.
  const deciderAt = (at: number): DemoActor => (handler !== undefined && stillThere(handler, at, period) ? actorAs(handler, 'care-agent') : lead);
  if (random.chance(chance)) {
    const method = random.weighted(METHODS[kind]);
    const scriptId = RETENTION_SCRIPTS[method];
    planned.push({
      ...base,
      type: 'retain',
      occurredAt: iso(time),
      actor: deciderAt(time),
      method,
      retained: { minor: retainedAmount(method, price, random), currency },
      ...(scriptId !== undefined && random.chance(SCRIPT_USE_CHANCE) ? { scriptId } : {}),
      note: RETENTION_NOTES[method],
    });
    if (random.chance(LOST_SAVE_CHANCE)) {
      // Inside the window: after it the app refuses the refund (409), and the case stays retained.
      time += random.int(Math.min(2 * DAY, observationWindow / 2), observationWindow - HOUR);
      const amount = random.chance(0.8) ? price : partOf(price, random);
      planned.push(refundStep(caseId, iso(time), deciderAt(time), { minor: amount, currency }, price, random.pick(LOST_SAVE_REASONS), true));
    }
  } else {
    const amount = random.chance(FULL_REFUND_CHANCE) ? price : partOf(price, random);
    const refund = refundStep(caseId, iso(time), deciderAt(time), { minor: amount, currency }, price, random.pick(REFUND_REASONS), false);
    planned.push(random.chance(SCRIPT_USE_CHANCE) ? { ...refund, scriptId: REFUND_SCRIPT } : refund);
  }
  return recordedInOrder(planned, random, period.end);
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

function refundStep(
  caseId: string,
  occurredAt: string,
  actor: DemoActor,
  amount: Money,
  price: number,
  reason: string,
  lostSave: boolean,
): RefundStep {
  return { context: 'care', type: 'refund', caseId, occurredAt, actor, amount, full: amount.minor === price, reason, lostSave };
}
