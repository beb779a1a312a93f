import { DAY, DemoPeriod, Random } from './planning.js';
import type { SupportImportLine } from '../../../api/src/support/support-import.js';
import { planSupport, type SupportStep } from './support-plan.js';

const END = new Date('2026-03-15T12:00:00.000Z');
const period = new DemoPeriod(END, 24);
/** The volume the seed sets for the support line. */
const CONTACTS_PER_DAY = 100;
const plan = planSupport(period, { contactsPerDay: CONTACTS_PER_DAY }, Random.forPart(7, 8));
const lines = plan.flatMap((step) => step.lines);
const timeOf = (line: SupportImportLine) => Date.parse(line.occurredAt);

function ofEvent<E extends SupportImportLine['event']>(event: E): Extract<SupportImportLine, { event: E }>[] {
  return lines.filter((line): line is Extract<SupportImportLine, { event: E }> => line.event === event);
}

function secondsToFirstResponse(): number[] {
  const opened = new Map(ofEvent('opened').map((line) => [line.externalId, Date.parse(line.occurredAt)]));
  return ofEvent('first-response').map((line) => (Date.parse(line.occurredAt) - opened.get(line.externalId)!) / 1000);
}

describe('demo support line', () => {
  it('is the same for the same generator state', () => {
    const again = planSupport(period, { contactsPerDay: CONTACTS_PER_DAY }, Random.forPart(7, 8));
    expect(JSON.stringify(again)).toBe(JSON.stringify(plan));
  });

  it('imports each day the next night, with the lines of that day only, in the order they happened', () => {
    for (const step of plan) {
      expect(Date.parse(step.recordedAt)).toBeGreaterThan(Date.parse(`${step.day}T00:00:00.000Z`) + DAY);
      expect(Date.parse(step.recordedAt)).toBeLessThanOrEqual(END.getTime());
      expect(step.lines.every((line) => new Date(timeOf(line)).toISOString().startsWith(step.day))).toBe(true);
    }
    const days = plan.map((step: SupportStep) => step.day);
    expect([...days].sort()).toEqual(days);
  });

  it('takes about the contacts asked for on a weekday, fewer at weekends', () => {
    const opened = ofEvent('opened');
    const weekdays = opened.filter((line) => ![0, 6].includes(new Date(line.occurredAt).getUTCDay()));
    const weekdayCount = new Set(weekdays.map((line) => line.occurredAt.slice(0, 10))).size;
    expect(weekdays.length / weekdayCount).toBeGreaterThan(90);
    expect(weekdays.length / weekdayCount).toBeLessThan(115);
    expect(opened.length - weekdays.length).toBeLessThan(weekdays.length * 0.25);
  });

  it('answers most contacts within two minutes, with a tail of slow answers', () => {
    const seconds = secondsToFirstResponse();
    const fast = seconds.filter((value) => value <= 120).length / seconds.length;
    expect(fast).toBeGreaterThan(0.8);
    expect(fast).toBeLessThan(0.97);
    expect(Math.max(...seconds)).toBeGreaterThan(600);
  });

  it('has repeat contacts of one client on one topic, escalations, reopenings and ratings in plausible shares', () => {
    const opened = ofEvent('opened');
    const firstOfClientTopic = new Map<string, number>();
    let repeats = 0;
    for (const line of opened) {
      const key = `${line.clientId}\u0000${line.topic}`;
      const previous = firstOfClientTopic.get(key);
      if (previous !== undefined && Date.parse(line.occurredAt) - previous <= 7 * DAY) repeats += 1;
      firstOfClientTopic.set(key, Date.parse(line.occurredAt));
    }
    expect(repeats / opened.length).toBeGreaterThan(0.02);
    expect(repeats / opened.length).toBeLessThan(0.08);
    expect(ofEvent('escalated').length / opened.length).toBeGreaterThan(0.01);
    expect(ofEvent('escalated').length / opened.length).toBeLessThan(0.04);
    expect(ofEvent('reopened').length).toBeGreaterThan(0);
    const ratings = ofEvent('rated');
    expect(ratings.length / opened.length).toBeGreaterThan(0.45);
    expect(ratings.filter((line) => line.score === 5).length / ratings.length).toBeGreaterThan(0.8);
  });

  it('tells each ticket in order: opened first, no event before its opening, a rating only after a resolution', () => {
    const story = new Map<string, SupportImportLine[]>();
    for (const line of lines) (story.get(line.externalId) ?? story.set(line.externalId, []).get(line.externalId)!).push(line);
    const outOfOrder = [...story].filter(([, events]) => {
      const times = events.map(timeOf);
      const rated = events.findIndex((line) => line.event === 'rated');
      return (
        events[0]!.event !== 'opened' ||
        times.some((time, index) => index > 0 && time < times[index - 1]!) ||
        (rated >= 0 && !events.slice(0, rated).some((line) => line.event === 'resolved'))
      );
    });
    expect(outOfOrder.map(([externalId]) => externalId)).toEqual([]);
  });
});
