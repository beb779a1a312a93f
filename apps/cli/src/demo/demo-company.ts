import type { Role } from '#domain/access/index.js';
import type { ProductKind } from '#domain/organisation/index.js';
import { DAY, type DemoActor, type DemoPeriod } from './planning.js';

/**
 * The made-up online school every planner of the demo works with: its sections, positions, products
 * and funnels, and its staff with the jobs they hold over the period. Shares of the period (0 to 1)
 * say when someone joins, changes job or leaves.
 */

interface DemoSection {
  readonly id: string;
  readonly name: string;
  readonly valuableFinalProduct: string;
  readonly parentId?: string;
}

/** Listed parents first, as they must be created. */
export const DEMO_SECTIONS: readonly DemoSection[] = [
  {
    id: 'section-head',
    name: 'Head office',
    valuableFinalProduct: 'A profitable school whose graduates apply what they learned and recommend it',
  },
  {
    id: 'section-sales',
    name: 'Sales',
    valuableFinalProduct: 'Paid orders from clients who know what they are buying',
    parentId: 'section-head',
  },
  {
    id: 'section-marketing',
    name: 'Marketing',
    valuableFinalProduct: 'Landing pages, emails and funnels that bring clients the courses suit',
    parentId: 'section-sales',
  },
  {
    id: 'section-education',
    name: 'Education',
    valuableFinalProduct: 'Graduates who can do what their course promised',
    parentId: 'section-head',
  },
  {
    id: 'section-support',
    name: 'Client support',
    valuableFinalProduct: 'Questions answered quickly and correctly, so that clients keep studying',
    parentId: 'section-head',
  },
  {
    id: 'section-qualification',
    name: 'Qualification department',
    valuableFinalProduct: 'Products, funnels and staff that meet their standards',
    parentId: 'section-head',
  },
  {
    id: 'section-quality-control',
    name: 'Quality control',
    valuableFinalProduct: 'Deliverables checked against their standards before they reach clients',
    parentId: 'section-qualification',
  },
  {
    id: 'section-surveys',
    name: 'Quality surveys',
    valuableFinalProduct: 'What clients and employees think, measured and put before the council',
    parentId: 'section-qualification',
  },
  {
    id: 'section-care',
    name: 'Client care',
    valuableFinalProduct: 'Problem clients settled, keeping the money wherever the client ends up satisfied',
    parentId: 'section-support',
  },
];

/** A quarter into the period client care moves from support into the qualification department. */
export const SECTION_MOVES: readonly { readonly sectionId: string; readonly parentId: string; readonly at: number }[] = [
  { sectionId: 'section-care', parentId: 'section-qualification', at: 0.25 },
];

export type Job =
  | 'director'
  | 'administrator'
  | 'hr-manager'
  | 'care-lead'
  | 'care-agent'
  | 'inspector'
  | 'survey-manager'
  | 'copywriter'
  | 'designer'
  | 'intern'
  | 'webinar-host'
  | 'support-lead'
  | 'support-agent';

interface JobDefinition {
  readonly positionId: string;
  readonly title: string;
  /** Absent: a company-wide position, held in any section. */
  readonly positionSectionId?: string;
  /** What the key of someone in this job carries. */
  readonly roles: readonly Role[];
}

export const JOBS: Readonly<Record<Job, JobDefinition>> = {
  director: { positionId: 'position-director', title: 'Director', positionSectionId: 'section-head', roles: ['council-chair'] },
  administrator: { positionId: 'position-administrator', title: 'System administrator', positionSectionId: 'section-head', roles: ['admin'] },
  'hr-manager': { positionId: 'position-hr-manager', title: 'HR manager', positionSectionId: 'section-head', roles: ['hr'] },
  'care-lead': { positionId: 'position-care-lead', title: 'Care lead', positionSectionId: 'section-care', roles: ['care-lead'] },
  'care-agent': { positionId: 'position-care-agent', title: 'Care agent', positionSectionId: 'section-care', roles: ['care-agent'] },
  inspector: {
    positionId: 'position-quality-inspector',
    title: 'Quality inspector',
    positionSectionId: 'section-quality-control',
    roles: ['quality-inspector'],
  },
  'survey-manager': {
    positionId: 'position-survey-manager',
    title: 'Survey manager',
    positionSectionId: 'section-surveys',
    roles: ['survey-manager'],
  },
  copywriter: { positionId: 'position-copywriter', title: 'Copywriter', positionSectionId: 'section-marketing', roles: ['employee'] },
  designer: { positionId: 'position-designer', title: 'Web designer', positionSectionId: 'section-marketing', roles: ['employee'] },
  intern: { positionId: 'position-intern', title: 'Intern', roles: ['employee'] },
  'webinar-host': { positionId: 'position-webinar-host', title: 'Webinar host', positionSectionId: 'section-education', roles: ['employee'] },
  'support-lead': { positionId: 'position-support-lead', title: 'Support lead', positionSectionId: 'section-support', roles: ['support-lead'] },
  'support-agent': { positionId: 'position-support-agent', title: 'Support agent', positionSectionId: 'section-support', roles: ['employee'] },
};

/** A job held from a share of the period on, in a section (the position's own, unless it is company-wide). */
interface Spell {
  readonly from: number;
  readonly job: Job;
  readonly sectionId: string;
}

export interface StaffMember {
  readonly id: string;
  readonly name: string;
  /** The first is the job they are hired into; each later one is a move. */
  readonly spells: readonly [Spell, ...Spell[]];
  /** When they stop taking new work; 1: they stay. */
  readonly leaves: number;
  /** Added to the chance of doing well: of retaining a client, of passing an inspection. */
  readonly skill: number;
  readonly departureReason?: string;
}

function spell(job: Job, from = 0, sectionId = JOBS[job].positionSectionId!): Spell {
  return { from, job, sectionId };
}

export const DEMO_STAFF: readonly StaffMember[] = [
  { id: 'emp-0001', name: 'Irina Volkova', spells: [spell('director')], leaves: 1, skill: 0 },
  { id: 'emp-0010', name: 'Pavel Orlov', spells: [spell('administrator')], leaves: 1, skill: 0 },
  { id: 'emp-0011', name: 'Olga Smirnova', spells: [spell('hr-manager')], leaves: 1, skill: 0 },
  { id: 'emp-0042', name: 'Marina Kuznetsova', spells: [spell('care-lead')], leaves: 1, skill: 0.12 },
  { id: 'emp-0107', name: 'Dmitry Sokolov', spells: [spell('care-agent')], leaves: 1, skill: 0.06 },
  {
    id: 'emp-0112',
    name: 'Elena Popova',
    spells: [spell('care-agent')],
    leaves: 0.7,
    skill: 0.02,
    departureReason: 'Moved to another city',
  },
  { id: 'emp-0118', name: 'Sergey Lebedev', spells: [spell('care-agent')], leaves: 1, skill: -0.04 },
  { id: 'emp-0125', name: 'Anna Kozlova', spells: [spell('care-agent', 0.2)], leaves: 1, skill: 0 },
  { id: 'emp-0131', name: 'Nikita Novikov', spells: [spell('care-agent', 0.45)], leaves: 1, skill: -0.07 },
  { id: 'emp-0140', name: 'Yulia Morozova', spells: [spell('support-agent'), spell('care-agent', 0.65)], leaves: 1, skill: 0.04 },
  { id: 'emp-0201', name: 'Tatiana Pavlova', spells: [spell('inspector')], leaves: 1, skill: 0 },
  { id: 'emp-0202', name: 'Andrey Semenov', spells: [spell('inspector')], leaves: 1, skill: 0 },
  { id: 'emp-0203', name: 'Ksenia Golubeva', spells: [spell('inspector', 0.5)], leaves: 1, skill: 0 },
  { id: 'emp-0301', name: 'Natalia Vinogradova', spells: [spell('survey-manager')], leaves: 1, skill: 0 },
  { id: 'emp-0401', name: 'Alexey Bogdanov', spells: [spell('copywriter')], leaves: 1, skill: 0.05 },
  {
    id: 'emp-0402',
    name: 'Victoria Fedorova',
    spells: [spell('copywriter')],
    leaves: 0.55,
    skill: -0.03,
    departureReason: 'Left for an agency',
  },
  {
    id: 'emp-0403',
    name: 'Maxim Mikhailov',
    spells: [spell('intern', 0, 'section-marketing'), spell('copywriter', 0.3)],
    leaves: 1,
    skill: -0.06,
  },
  { id: 'emp-0404', name: 'Daria Belova', spells: [spell('copywriter', 0.5)], leaves: 1, skill: 0.02 },
  { id: 'emp-0451', name: 'Roman Tarasov', spells: [spell('designer')], leaves: 1, skill: 0.04 },
  { id: 'emp-0452', name: 'Alina Zakharova', spells: [spell('designer')], leaves: 1, skill: -0.02 },
  { id: 'emp-0501', name: 'Igor Komarov', spells: [spell('webinar-host')], leaves: 1, skill: 0.06 },
  { id: 'emp-0502', name: 'Svetlana Kiseleva', spells: [spell('webinar-host')], leaves: 1, skill: 0 },
  {
    id: 'emp-0503',
    name: 'Artem Makarov',
    spells: [spell('webinar-host')],
    leaves: 0.8,
    skill: -0.05,
    departureReason: 'Went freelance',
  },
  { id: 'emp-0600', name: 'Olga Fedorova', spells: [spell('support-lead')], leaves: 1, skill: 0.02 },
  { id: 'emp-0601', name: 'Ekaterina Andreeva', spells: [spell('support-agent')], leaves: 1, skill: 0.03 },
  { id: 'emp-0602', name: 'Ivan Nikolaev', spells: [spell('support-agent')], leaves: 1, skill: -0.04 },
  { id: 'emp-0603', name: 'Polina Zaitseva', spells: [spell('support-agent', 0.3)], leaves: 1, skill: 0 },
];

export interface DemoProduct {
  readonly id: string;
  readonly kind: ProductKind;
  readonly name: string;
  readonly sectionId: string;
}

/** What the school sells, in roubles and euros, and how often its buyers open a care case relative to each other. */
export interface SoldProduct extends DemoProduct {
  readonly price: Readonly<Record<Currency, number>>;
  readonly caseWeight: number;
}

export type Currency = 'RUB' | 'EUR';

export const SOLD_PRODUCTS: readonly SoldProduct[] = [
  {
    id: 'webinar-sales-funnels',
    kind: 'product',
    name: 'Webinar: sales funnels that work',
    sectionId: 'section-sales',
    price: { RUB: 2_990_00, EUR: 39_00 },
    caseWeight: 3,
  },
  {
    id: 'intensive-email-marketing',
    kind: 'product',
    name: 'Email marketing intensive',
    sectionId: 'section-sales',
    price: { RUB: 14_900_00, EUR: 169_00 },
    caseWeight: 2,
  },
  {
    id: 'course-copywriting',
    kind: 'product',
    name: 'Copywriting course',
    sectionId: 'section-education',
    price: { RUB: 39_000_00, EUR: 420_00 },
    caseWeight: 3,
  },
  {
    id: 'course-targeted-ads',
    kind: 'product',
    name: 'Targeted advertising course',
    sectionId: 'section-education',
    price: { RUB: 59_000_00, EUR: 640_00 },
    caseWeight: 2,
  },
  {
    id: 'mentoring-marketing-pro',
    kind: 'product',
    name: 'Marketing Pro mentoring',
    sectionId: 'section-support',
    price: { RUB: 120_000_00, EUR: 1_290_00 },
    caseWeight: 1,
  },
];

/** The funnels marketing runs, and the support line whose answers and calls are reviewed. */
const OTHER_PRODUCTS: readonly DemoProduct[] = [
  { id: 'funnel-free-webinar', kind: 'funnel', name: 'Free webinar to the email marketing intensive', sectionId: 'section-marketing' },
  { id: 'funnel-email-course', kind: 'funnel', name: 'Free email course to the copywriting course', sectionId: 'section-marketing' },
  { id: 'funnel-ads-quiz', kind: 'funnel', name: 'Ads quiz to the targeted advertising course', sectionId: 'section-marketing' },
  { id: 'support-line', kind: 'product', name: 'Support answers and calls', sectionId: 'section-support' },
];

export const DEMO_PRODUCTS: readonly DemoProduct[] = [...SOLD_PRODUCTS, ...OTHER_PRODUCTS];

/** Someone who joins after the start is hired a day before they take work; the same for a move. */
const ONBOARDING = DAY;
/** Someone who leaves hands their work over for a week after they stop taking new work. */
const HANDOVER = 7 * DAY;

/** When a spell is recorded as begun: the start of the period for the first spells of the founding staff. */
export function spellStartsAt(period: DemoPeriod, spell: Spell): number {
  return spell.from === 0 ? period.start.getTime() : period.timeAt(spell.from) - ONBOARDING;
}

/** When a member's departure is recorded; undefined for those who stay. */
export function departureAt(period: DemoPeriod, member: StaffMember): number | undefined {
  return member.leaves >= 1 ? undefined : period.timeAt(member.leaves) + HANDOVER;
}

/** Whether a member still works for the company at a moment: before their departure is recorded. */
export function stillThere(member: StaffMember, at: number, period: DemoPeriod): boolean {
  const leftAt = departureAt(period, member);
  return leftAt === undefined || at < leftAt;
}

/** The job and section someone holds at a point of the period, when they take work then. */
export function spellAt(member: StaffMember, progress: number): Spell | undefined {
  if (progress < member.spells[0].from || progress >= member.leaves) return undefined;
  return member.spells.filter((held) => held.from <= progress).at(-1)!;
}

/** The job someone does at a point of the period, when they take work then. */
export function jobAt(member: StaffMember, progress: number): Job | undefined {
  return spellAt(member, progress)?.job;
}

/** The staff who do one of these jobs at a point of the period. */
export function staffIn(jobs: readonly Job[], progress: number): StaffMember[] {
  return DEMO_STAFF.filter((member) => {
    const job = jobAt(member, progress);
    return job !== undefined && jobs.includes(job);
  });
}

export function staffMember(id: string): StaffMember {
  const member = DEMO_STAFF.find((candidate) => candidate.id === id);
  if (member === undefined) throw new RangeError(`no staff member ${id}`);
  return member;
}

/** Someone in a job, as the actor of what they enter. */
export function actorAs(member: StaffMember, job: Job): DemoActor {
  return { employeeId: member.id, roles: JOBS[job].roles };
}

/** The one member of a job that only one holds all along (the administrator, the survey manager...). */
export function soleActor(job: Job): DemoActor {
  const holders = DEMO_STAFF.filter((member) => member.spells.every((held) => held.job === job) && member.leaves >= 1);
  if (holders.length !== 1) throw new RangeError(`the demo company has ${holders.length} permanent holders of ${job}`);
  return actorAs(holders[0]!, job);
}
