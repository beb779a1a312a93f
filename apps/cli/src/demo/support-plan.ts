import { isoWeekStart } from '#domain/shared/days.js';
import { importedTicketId, type SupportChannel, type SupportScore } from '#domain/support/index.js';
import type { SupportImportLine } from '../../../api/src/support/support-import.js';
import type { SupportMiss } from './council-plan.js';
import { SOLD_PRODUCTS, soleActor, staffIn } from './demo-company.js';
import { DAY, HOUR, iso, MINUTE, type DemoPeriod, type PlannedBase, type Random, type Recorded, type Weighted } from './planning.js';

/**
 * The support line of the demo company. The company keeps its helpdesk; every night the day's ticket
 * events are exported from it and imported into the record, the way a real support line is loaded.
 *
 * The contacts of a weekday are an option, fewer at weekends; the seed's line takes about a hundred,
 * and the demo takes fewer by default so that it stays quick (see docs/DEMO.md). Most first
 * responses come within two minutes and most tickets are solved within a few hours, with a long tail. A few weeks go badly
 * (a new agent, a release that breaks logins): responses slow down, escalations and poor ratings go
 * up, and those weeks miss the targets the council watches.
 */

export interface SupportPlanOptions {
  /** Average contacts on a weekday. */
  readonly contactsPerDay: number;
}

/**
 * About the seed's hundred a day. On a 2-core machine two years load in about 2.1 minutes at 90 and
 * 2.3 at 100: 90 keeps the demo well inside its 3 minutes on a busy machine too.
 */
export const DEFAULT_CONTACTS_PER_DAY = 90;

export interface ImportStep extends PlannedBase {
  readonly context: 'support';
  readonly type: 'import-helpdesk';
  /** The day the export covers. */
  readonly day: string;
  readonly lines: readonly SupportImportLine[];
}

export type SupportStep = Recorded<ImportStep>;

const CHANNELS: Weighted<SupportChannel> = [
  ['chat', 40],
  ['email', 25],
  ['phone', 20],
  ['messenger', 12],
  ['other', 3],
];

const TOPICS = [
  'cannot log in',
  'payment did not go through',
  'certificate not issued',
  'lesson video does not play',
  'homework not reviewed',
  'change of group schedule',
  'invoice for an employer',
  'access to the course expired',
  'question about the programme',
  'installment plan',
];

const ESCALATION_REASONS = [
  'Needs a developer: the platform shows an error',
  'Payment provider must check the transaction',
  'Asks for a manager',
  'Needs the curator of the course',
];

const REOPEN_REASONS = ['The problem came back the next day', 'The answer did not solve it', 'The client asked a follow-up on the same problem'];

const POOR_RATING_COMMENTS = ['Waited too long', 'Had to explain everything twice', 'The problem is still not solved'];
const GOOD_RATING_COMMENTS = ['Quick and polite', 'Thank you, solved at once', 'Very helpful'];

/** Contacts relative to a weekday: the line is staffed at weekends, but fewer people write. */
const WEEKEND_SHARE = 0.45;
const CLIENTS = 30_000;
/** The chance that a contact is the same client coming back on the same problem within days. */
const REPEAT_CHANCE = 0.045;
/** How long after a contact the same client may come back on it: inside the repeat window of the record. */
const REPEAT_WITHIN = 5 * DAY;
const BAD_WEEK_CHANCE = 0.08;
const RATED_SHARE = 0.55;
const RESOLVED_SHARE = 0.985;
const REOPEN_CHANCE = 0.03;
const AUTO_CLOSE_AFTER = DAY;
/** The nightly export runs at 01:00 UTC, after the day it covers. */
const EXPORT_HOUR = HOUR;

interface Ticket {
  readonly externalId: string;
  readonly clientId: string;
  readonly topic: string;
  readonly openedAt: number;
}

export function planSupport(period: DemoPeriod, options: SupportPlanOptions, random: Random): SupportStep[] {
  const importer = soleActor('support-lead');
  const byDay = new Map<number, [number, SupportImportLine][]>();
  const lineAt = (time: number, line: SupportImportLine) => {
    const day = Math.floor(time / DAY) * DAY;
    if (day + DAY + EXPORT_HOUR > period.end.getTime()) return;
    (byDay.get(day) ?? byDay.set(day, []).get(day)!).push([time, line]);
  };
  const recent: Ticket[] = [];
  let badWeekUntil = 0;
  let count = 0;
  // The desk opens the day after the catalogue is entered.
  for (let day = Math.floor(period.start.getTime() / DAY) * DAY + DAY; day + DAY <= period.end.getTime(); day += DAY) {
    if (new Date(day).getUTCDay() === 1 && day >= badWeekUntil && random.chance(BAD_WEEK_CHANCE)) badWeekUntil = day + 7 * DAY;
    const bad = day < badWeekUntil;
    const weekend = [0, 6].includes(new Date(day).getUTCDay());
    const expected = options.contactsPerDay * (weekend ? WEEKEND_SHARE : 1) * (bad ? 1.25 : 1);
    const contacts = Math.round(expected * (0.85 + 0.3 * random.float()));
    const openings = Array.from({ length: contacts }, () => day + 5 * HOUR + random.float() * 14 * HOUR).sort((a, b) => a - b);
    const agents = staffIn(['support-agent'], period.progressAt(day));
    if (agents.length === 0) continue;
    for (const openedAt of openings) {
      count += 1;
      while (recent.length > 0 && openedAt - recent[0]!.openedAt >= REPEAT_WITHIN) recent.shift();
      const repeated = recent.length > 0 && random.chance(REPEAT_CHANCE) ? random.pick(recent) : undefined;
      const ticket: Ticket = {
        externalId: `HD-${String(count).padStart(7, '0')}`,
        clientId: repeated?.clientId ?? `client-${String(random.int(1, CLIENTS)).padStart(5, '0')}`,
        topic: repeated?.topic ?? random.pick(TOPICS),
        openedAt,
      };
      recent.push(ticket);
      for (const [time, line] of ticketStory(ticket, random.pick(agents).id, bad, random)) lineAt(time, line);
    }
  }
  return [...byDay]
    .sort(([a], [b]) => a - b)
    .map(([day, timed]) => {
      const recordedAt = iso(day + DAY + EXPORT_HOUR);
      const lines = timed.sort(([a], [b]) => a - b).map(([, line]) => line);
      return { context: 'support', type: 'import-helpdesk', day: iso(day).slice(0, 10), lines, occurredAt: recordedAt, actor: importer, recordedAt };
    });
}

/** A ticket's events, each with the time it happened, from opening to the client's rating. */
function ticketStory(ticket: Ticket, agent: string, bad: boolean, random: Random): [number, SupportImportLine][] {
  const { externalId, openedAt } = ticket;
  const product = random.chance(0.8) ? random.pick(SOLD_PRODUCTS).id : undefined;
  const story: [number, SupportImportLine][] = [
    [
      openedAt,
      {
        externalId,
        event: 'opened',
        clientId: ticket.clientId,
        channel: random.weighted(CHANNELS),
        topic: ticket.topic,
        ...(product === undefined ? {} : { productId: product }),
        occurredAt: iso(openedAt),
      },
    ],
    [openedAt + 1000, { externalId, event: 'assigned', employeeId: agent, line: 1, occurredAt: iso(openedAt + 1000) }],
  ];
  const respondedAt = openedAt + 1000 + responseDelay(bad, random);
  story.push([respondedAt, { externalId, event: 'first-response', employeeId: agent, occurredAt: iso(respondedAt) }]);
  let last = respondedAt;
  if (random.chance(bad ? 0.05 : 0.015)) {
    last += random.int(5, 60) * MINUTE;
    story.push([last, { externalId, event: 'escalated', toLine: 2, reason: random.pick(ESCALATION_REASONS), occurredAt: iso(last) }]);
  }
  if (!random.chance(RESOLVED_SHARE)) return story;
  let resolvedAt = Math.max(last + MINUTE, openedAt + resolutionDelay(bad, random));
  story.push([resolvedAt, { externalId, event: 'resolved', employeeId: agent, occurredAt: iso(resolvedAt) }]);
  if (random.chance(REOPEN_CHANCE)) {
    const reopenedAt = resolvedAt + random.int(1, 20) * HOUR;
    story.push([reopenedAt, { externalId, event: 'reopened', reason: random.pick(REOPEN_REASONS), occurredAt: iso(reopenedAt) }]);
    resolvedAt = reopenedAt + random.int(10, 240) * MINUTE;
    story.push([resolvedAt, { externalId, event: 'resolved', employeeId: agent, occurredAt: iso(resolvedAt) }]);
  }
  if (random.chance(0.97)) story.push([resolvedAt + AUTO_CLOSE_AFTER, { externalId, event: 'closed', occurredAt: iso(resolvedAt + AUTO_CLOSE_AFTER) }]);
  if (random.chance(RATED_SHARE)) {
    const ratedAt = resolvedAt + random.int(2, 180) * MINUTE;
    const score = rating(bad, random);
    const comment = random.chance(0.3) ? random.pick(score >= 4 ? GOOD_RATING_COMMENTS : POOR_RATING_COMMENTS) : undefined;
    story.push([ratedAt, { externalId, event: 'rated', score, ...(comment === undefined ? {} : { comment }), occurredAt: iso(ratedAt) }]);
  }
  return story.sort(([a], [b]) => a - b);
}

/** Seconds to the first answer: most within two minutes, a tail of slow ones, more of them in a bad week. */
function responseDelay(bad: boolean, random: Random): number {
  const slow = random.chance(bad ? 0.35 : 0.08);
  const seconds = slow ? random.int(120, 1_800) : random.int(10, 115);
  return seconds * 1000;
}

/** Time from opening to a solution: usually within a few hours, sometimes the next day. */
function resolutionDelay(bad: boolean, random: Random): number {
  const roll = random.float();
  if (roll < (bad ? 0.5 : 0.7)) return random.int(5, 120) * MINUTE;
  if (roll < 0.93) return random.int(2, 8) * HOUR;
  return random.int(16, 48) * HOUR;
}

function rating(bad: boolean, random: Random): SupportScore {
  return random.weighted<SupportScore>(
    bad
      ? [
          [5, 70],
          [4, 14],
          [3, 8],
          [2, 4],
          [1, 4],
        ]
      : [
          [5, 88],
          [4, 8],
          [3, 2],
          [2, 1],
          [1, 1],
        ],
  );
}

/** A week whose first answers took this many times the target on average is one the council takes up. */
const MISSED_BY = 1.5;
/** The tickets that waited longest, as the evidence of a missed week. */
const SLOWEST_SHOWN = 3;

/**
 * The ISO weeks of the support line whose tickets, by their opening, waited on average well past the
 * first-response target for their first answer: what the council's pack shows the Monday after.
 */
export function supportMisses(steps: readonly SupportStep[], targetSeconds: number): SupportMiss[] {
  const openedAt = new Map<string, number>();
  const weeks = new Map<number, { seconds: number[]; waits: { externalId: string; seconds: number }[] }>();
  for (const line of steps.flatMap((step) => step.lines)) {
    if (line.event === 'opened') openedAt.set(line.externalId, Date.parse(line.occurredAt));
    if (line.event !== 'first-response') continue;
    const opened = openedAt.get(line.externalId)!;
    const seconds = (Date.parse(line.occurredAt) - opened) / 1000;
    const weekStart = isoWeekStart(Math.floor(opened / DAY)) * DAY;
    const week = weeks.get(weekStart) ?? weeks.set(weekStart, { seconds: [], waits: [] }).get(weekStart)!;
    week.seconds.push(seconds);
    week.waits.push({ externalId: line.externalId, seconds });
  }
  return [...weeks]
    .map(([weekStart, { seconds, waits }]) => ({ weekStart, mean: seconds.reduce((sum, s) => sum + s, 0) / seconds.length, waits }))
    .filter(({ mean }) => mean > MISSED_BY * targetSeconds)
    .map(({ weekStart, mean, waits }) => ({
      weekStart,
      meanFirstResponseMinutes: mean / 60,
      slowest: [...waits]
        .sort((a, b) => b.seconds - a.seconds)
        .slice(0, SLOWEST_SHOWN)
        .map(({ externalId }) => ({ kind: 'supportTicket' as const, id: importedTicketId(externalId) })),
    }));
}
