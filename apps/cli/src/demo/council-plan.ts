import {
  isAdopted,
  STALE_AFTER_DAYS,
  tallyOf,
  type DocumentName,
  type EvidenceKind,
  type EvidenceLink,
  type ItemResolution,
  type VoteChoice,
} from '#domain/council/index.js';
import { actorAs, soleActor, staffMember } from './demo-company.js';
import {
  DAY,
  dayOf,
  HOUR,
  iso,
  MINUTE,
  workingDayFrom,
  type DemoActor,
  type DemoPeriod,
  type PlannedBase,
  type Random,
  type Recorded,
  type Weighted,
} from './planning.js';

/**
 * The quality council: appointed in the first days of the period, it meets every Monday, looks at the
 * numbers, votes on proposals backed by inspections, care cases and assessments, and launches
 * improvement programs whose actions are done in the weeks after (on other days than Mondays, so that
 * what a meeting finds overdue is plain). Actions overdue for more than two meetings are carried over
 * or escalated by every meeting until they are done; a program's effectiveness is checked and the
 * program closed once its actions are done and its goals' date draws near.
 */

interface CouncilBase extends PlannedBase {
  readonly context: 'council';
}

export interface AppointCouncilMemberStep extends CouncilBase {
  readonly type: 'appoint-council-member';
  readonly memberId: string;
}

export interface AppointCouncilChairStep extends CouncilBase {
  readonly type: 'appoint-council-chair';
  readonly memberId: string;
}

export interface SetCouncilQuorumStep extends CouncilBase {
  readonly type: 'set-council-quorum';
  readonly count: number;
}

interface MeetingBase extends CouncilBase {
  readonly meetingId: string;
}

export interface ScheduleMeetingStep extends MeetingBase {
  readonly type: 'schedule-meeting';
  readonly day: string;
}

export interface OpenMeetingStep extends MeetingBase {
  readonly type: 'open-meeting';
  readonly present: readonly string[];
  readonly quorate: boolean;
}

/** Inspections are named by their plan keys: the app gives them their ids. */
export interface SubmitProposalStep extends MeetingBase {
  readonly type: 'submit-proposal';
  readonly proposal: string;
  readonly text: string;
  readonly rationale: string;
  readonly evidence: readonly EvidenceLink[];
}

export interface CastVoteStep extends MeetingBase {
  readonly type: 'cast-vote';
  readonly proposal: string;
  readonly choice: VoteChoice;
  readonly reason: string;
}

export interface RecordDissentStep extends MeetingBase {
  readonly type: 'record-dissent';
  readonly proposal: string;
  readonly opinion: string;
}

export interface DecideProposalStep extends MeetingBase {
  readonly type: 'decide-proposal';
  readonly proposal: string;
  /** What the votes come to, as the council counts them. */
  readonly adopted: boolean;
}

export interface ResolveAgendaItemStep extends MeetingBase {
  readonly type: 'resolve-agenda-item';
  readonly programId: string;
  readonly actionId: string;
  readonly resolution: ItemResolution;
  readonly note: string;
}

export interface CloseMeetingStep extends MeetingBase {
  readonly type: 'close-meeting';
}

export interface SignMinutesStep extends MeetingBase {
  readonly type: 'sign-minutes';
  readonly minutes: string;
}

interface ProgramBase extends CouncilBase {
  readonly programId: string;
}

export interface CreateProgramStep extends ProgramBase {
  readonly type: 'create-program';
  /** The proposal whose adoption the program carries out. */
  readonly proposal: string;
  readonly title: string;
  readonly goal: { readonly indicator: string; readonly targetValue: number; readonly targetDate: string };
}

export interface ListStandardsStep extends ProgramBase {
  readonly type: 'list-standards';
  readonly standardIds: readonly string[];
}

export interface RecordTrainingNeedStep extends ProgramBase {
  readonly type: 'record-training-need';
  readonly needId: string;
  readonly competencyId: string;
  readonly positionIds: readonly string[];
  readonly dueOn: string;
}

export interface PlanStageStep extends ProgramBase {
  readonly type: 'plan-stage';
  readonly stageId: string;
  readonly title: string;
}

export interface PlanDocumentChangeStep extends ProgramBase {
  readonly type: 'plan-document-change';
  readonly changeId: string;
  readonly document: DocumentName;
  readonly change: string;
  readonly ownerId: string;
  readonly deadline: string;
}

export interface CompleteDocumentChangeStep extends ProgramBase {
  readonly type: 'complete-document-change';
  readonly changeId: string;
}

export interface RescheduleActionStep extends ProgramBase {
  readonly type: 'reschedule-action';
  readonly actionId: string;
  readonly deadline: string;
  readonly reason: string;
}

export interface PlanActionStep extends ProgramBase {
  readonly type: 'plan-action';
  readonly actionId: string;
  readonly stageId?: string;
  readonly description: string;
  readonly ownerId: string;
  readonly deadline: string;
  readonly completionCriteria: string;
}

export interface CompleteActionStep extends ProgramBase {
  readonly type: 'complete-action';
  readonly actionId: string;
  readonly late: boolean;
}

export interface CheckEffectivenessStep extends ProgramBase {
  readonly type: 'check-effectiveness';
}

export interface CloseProgramStep extends ProgramBase {
  readonly type: 'close-program';
}

type Planned =
  | AppointCouncilMemberStep
  | AppointCouncilChairStep
  | SetCouncilQuorumStep
  | ScheduleMeetingStep
  | OpenMeetingStep
  | SubmitProposalStep
  | CastVoteStep
  | RecordDissentStep
  | DecideProposalStep
  | ResolveAgendaItemStep
  | CloseMeetingStep
  | SignMinutesStep
  | CreateProgramStep
  | ListStandardsStep
  | RecordTrainingNeedStep
  | PlanStageStep
  | PlanActionStep
  | RescheduleActionStep
  | PlanDocumentChangeStep
  | CompleteDocumentChangeStep
  | CompleteActionStep
  | CheckEffectivenessStep
  | CloseProgramStep;
export type CouncilStep = Recorded<Planned>;

/** Something the other parts of the demo made, which a proposal can point to. */
export interface EvidenceSource {
  readonly kind: EvidenceKind;
  readonly id: string;
  readonly recordedAt: string;
}

const CHAIR_ID = 'emp-0001';
/** The care lead, an inspector, the survey manager, HR, a webinar host and a support agent. */
const MEMBER_IDS = ['emp-0042', 'emp-0201', 'emp-0301', 'emp-0011', 'emp-0501', 'emp-0601'];
const SUPPORT_MEMBER_ID = 'emp-0601';
const QUORUM = 4;
/** Now and then half the council is away, and the meeting only looks at the numbers. */
const THIN_MEETING_CHANCE = 0.06;
const ABSENCE_CHANCE = 0.12;
const PROGRAM_CHANCE = 0.3;
const LATE_ACTION_CHANCE = 0.2;
const DISSENT_CHANCE = 0.35;
/** Older than this, a stale item is escalated rather than carried over again. */
const ESCALATE_AFTER_DAYS = 35;
/** The evidence of a proposal is recent: among the last of its kind. */
const RECENT_EVIDENCE = 40;

interface Topic {
  readonly indicator: string;
  readonly targetValue: number;
  readonly evidence: EvidenceKind;
  readonly text: string;
  readonly rationale: string;
  readonly program: string;
  readonly actions: readonly (readonly [description: string, criteria: string])[];
  readonly measures: Measures;
}

/**
 * The rest of a plan of measures in the seed's format, for the programs that carry one in full: the
 * standards it applies, a competency the staff of some positions must learn, the stages the actions
 * fall into (the first action prepares, the others roll out), and a document to change.
 */
interface Measures {
  readonly standardIds: readonly string[];
  readonly need: { readonly competencyId: string; readonly positionIds: readonly string[] };
  readonly document: DocumentName & { readonly change: string };
}

const TOPICS: readonly Topic[] = [
  {
    indicator: 'care.retentionShare',
    targetValue: 0.6,
    evidence: 'careCase',
    text: 'Review every lost save with the care lead within a week',
    rationale: 'The retention share stays under its target of 0.6 and the cases below were refunded without an offer',
    program: 'Retention of dissatisfied clients',
    measures: {
      standardIds: ['standard-distance-sales-refunds', 'standard-unhappy-client-conversation'],
      need: { competencyId: 'comp-client-conversation', positionIds: ['position-care-agent'] },
      document: { kind: 'knowledge-base', id: 'kb-refund-regulation', change: 'Offer a free consultation before any refund of a course' },
    },
    actions: [
      ['Rewrite the retention script for refund requests', 'The new script is published and read by every care agent'],
      ['Pair new care agents with the care lead for a week', 'Every agent hired this quarter has worked a week in a pair'],
      ['Offer a free consultation before any refund of a course', 'The offer is in the script and used on ten cases'],
    ],
  },
  {
    indicator: 'quality.checklistPassRate',
    targetValue: 0.85,
    evidence: 'inspection',
    text: 'Reinspect failed deliverables within five working days',
    rationale: 'The failed inspections below went back to their authors without a date to fix them',
    program: 'Deliverables that pass the first time',
    measures: {
      standardIds: ['standard-advertising-claims', 'standard-tone-of-voice'],
      need: { competencyId: 'comp-copy-standards', positionIds: ['position-copywriter', 'position-designer'] },
      document: { kind: 'standard', id: 'standard-tone-of-voice', change: 'Add an example of passing copy to every rule' },
    },
    actions: [
      ['Walk every author through the checklist of their deliverables', 'Each author has seen the checklist with an inspector'],
      ['Add examples of passing work to the checklist criteria', 'Every criterion with failures has an example'],
    ],
  },
  {
    indicator: 'surveys.csat',
    targetValue: 0.9,
    evidence: 'careCase',
    text: 'Call back every client who rated the course below four',
    rationale: 'Satisfaction dipped and the complaints below repeat the same questions',
    program: 'Satisfied students',
    measures: {
      standardIds: ['standard-course-structure', 'standard-webinar-quality'],
      need: { competencyId: 'comp-products', positionIds: ['position-support-agent', 'position-care-agent'] },
      document: { kind: 'knowledge-base', id: 'kb-product-guide', change: 'Answer the ten most asked questions of the course introduction' },
    },
    actions: [
      ['Answer the ten most asked questions in the course introduction', 'The introduction is revised and published'],
      ['Call back clients with a low rating within two days', 'Callbacks are logged for a month of low ratings'],
    ],
  },
  {
    indicator: 'competence.gapCoverage',
    targetValue: 0.8,
    evidence: 'assessment',
    text: 'Plan training for every skill gap found at assessment',
    rationale: 'The assessments below found gaps that no training plan covers yet',
    program: 'Skill gaps covered',
    measures: {
      standardIds: ['standard-feedback-without-blame'],
      need: { competencyId: 'comp-leading', positionIds: ['position-care-lead', 'position-support-lead'] },
      document: { kind: 'knowledge-base', id: 'kb-company-rules', change: 'Name a mentor for every employee below the proficient level' },
    },
    actions: [
      ['Run a workshop on the most frequent gap', 'The workshop took place and its attendance is recorded'],
      ['Assign a mentor to each employee below the proficient level', 'Every such employee has a mentor'],
    ],
  },
];

/** Taken up at the meeting after a week whose first answers came far too late. */
const SUPPORT_TOPIC: Topic = {
  indicator: 'support.firstResponseMinutes',
  targetValue: 2,
  evidence: 'supportTicket',
  text: 'Put a second agent on the chat and phone lines at peak hours until first answers come within two minutes again',
  rationale: 'First answers came late last week; the tickets below waited longest',
  program: 'First answers within two minutes',
  measures: {
    standardIds: ['standard-support-answers', 'standard-call-etiquette'],
    need: { competencyId: 'comp-written-answers', positionIds: ['position-support-agent'] },
    document: { kind: 'standard', id: 'standard-support-answers', change: 'Add the ready first answers of the ten most frequent topics' },
  },
  actions: [
    ['Add a second agent to the peak-hour rota', 'The rota has two agents on every peak hour for a month'],
    ['Write ready first answers for the ten most frequent topics', 'The answers are in the helpdesk and used on every line'],
  ],
};

/**
 * A matter another part of the demo brings to the council: proposed at the first meeting with a
 * quorum from `from` on, by HR when present, and adopted by every member present.
 */
export interface Ruling {
  readonly from: number;
  readonly text: string;
  readonly rationale: string;
}

const HR_MEMBER_ID = 'emp-0011';

/** A week of the support line whose first answers took far longer than the target, on average. */
export interface SupportMiss {
  /** The Monday the ISO week starts on (ms). */
  readonly weekStart: number;
  readonly meanFirstResponseMinutes: number;
  /** The tickets that waited longest for their first answer. */
  readonly slowest: readonly EvidenceLink[];
}

const REASONS: Readonly<Record<VoteChoice, readonly string[]>> = {
  for: ['The numbers support it', 'Cheap to try and easy to measure', 'It answers what the clients tell us'],
  against: ['It takes people off the cases they already have', 'The evidence is too thin yet', 'It treats the symptom, not the cause'],
  abstain: ['Too early to judge', 'My section is not affected', 'I need to see the next month first'],
};

const CARRY_OVER_NOTE = 'The owner asked for two more weeks';
const ESCALATION_NOTE = 'Overdue for over a month: the director takes it up with the owner';

const DISSENT = [
  'The proposal moves the workload onto the same few people; I expect the deadlines to slip.',
  'We decide on one month of numbers; I would wait for the next survey wave before committing.',
];

type Scenario = 'consensus' | 'split' | 'rejected';
const SCENARIOS: Weighted<Scenario> = [
  ['consensus', 70],
  ['split', 18],
  ['rejected', 12],
];
const FOR_CHANCE: Readonly<Record<Scenario, number>> = { consensus: 0.92, split: 0.6, rejected: 0.3 };

interface PlannedAction {
  readonly actionId: string;
  readonly deadline: string;
  readonly completedAt: number;
}

interface PlannedProgram {
  readonly programId: string;
  readonly createdAt: number;
  readonly closedAt: number;
  readonly actions: readonly PlannedAction[];
}

export function planCouncil(
  period: DemoPeriod,
  random: Random,
  evidence: readonly EvidenceSource[],
  supportMisses: readonly SupportMiss[],
  rulings: readonly Ruling[] = [],
): CouncilStep[] {
  const steps: Planned[] = [...roster(workingDayFrom(period.start.getTime() + DAY) + HOUR)];
  const programs: PlannedProgram[] = [];
  const missOfWeek = new Map(supportMisses.map((miss) => [miss.weekStart, miss]));
  const pending = [...rulings];
  for (let monday = firstMonday(period.start.getTime() + 14 * DAY); monday < period.end.getTime(); monday += 7 * DAY) {
    const due = pending.filter((ruling) => ruling.from <= monday);
    const meeting = planMeeting(monday, random, evidence, programs, missOfWeek.get(monday - 7 * DAY), due);
    for (const ruled of meeting.ruled) pending.splice(pending.indexOf(ruled), 1);
    steps.push(...meeting.steps);
    for (const adopted of meeting.adopted) {
      if (!random.chance(PROGRAM_CHANCE)) continue;
      const program = planProgram(monday + 2 * DAY, adopted, random, programs.length + 1);
      programs.push(program.program);
      steps.push(...program.steps);
    }
  }
  return steps
    .map((step): CouncilStep => ({ ...step, recordedAt: iso(Date.parse(step.occurredAt) + MINUTE) }))
    .filter((step) => Date.parse(step.recordedAt) <= period.end.getTime());
}

function roster(at: number): Planned[] {
  const admin = soleActor('administrator');
  const base = (index: number) => ({ context: 'council' as const, occurredAt: iso(at + index * MINUTE), actor: admin });
  return [
    ...[CHAIR_ID, ...MEMBER_IDS].map((memberId, index): Planned => ({ ...base(index), type: 'appoint-council-member', memberId })),
    { ...base(MEMBER_IDS.length + 1), type: 'appoint-council-chair', memberId: CHAIR_ID },
    { ...base(MEMBER_IDS.length + 2), type: 'set-council-quorum', count: QUORUM },
  ];
}

const chair = (): DemoActor => actorAs(staffMember(CHAIR_ID), 'director');
const member = (memberId: string): DemoActor => ({ employeeId: memberId, roles: ['council-member'] });

interface AdoptedProposal {
  readonly proposal: string;
  readonly topic: Topic;
}

type NextStep = (actor: DemoActor) => { context: 'council'; meetingId: string; occurredAt: string; actor: DemoActor };

function planMeeting(
  monday: number,
  random: Random,
  evidence: readonly EvidenceSource[],
  programs: readonly PlannedProgram[],
  supportMiss: SupportMiss | undefined,
  rulings: readonly Ruling[],
): { steps: Planned[]; adopted: AdoptedProposal[]; ruled: readonly Ruling[] } {
  const day = dayOf(monday);
  const meetingId = `meeting-${day}`;
  let minute = 6 * 60;
  const next: NextStep = (actor) => ({ context: 'council', meetingId, occurredAt: iso(monday + minute++ * MINUTE), actor });
  const present = attendance(random);
  const quorate = present.length >= QUORUM;
  const steps: Planned[] = [
    { ...next(chair()), type: 'schedule-meeting', day },
    { ...next(chair()), type: 'open-meeting', present, quorate },
  ];
  const adopted: AdoptedProposal[] = [];
  let submitted = 0;
  const propose = (proposer: string, topic: Topic, rationale: string, links: readonly EvidenceLink[]) => {
    submitted += 1;
    const proposal = `${meetingId}/${submitted}`;
    steps.push({ ...next(member(proposer)), type: 'submit-proposal', proposal, text: topic.text, rationale, evidence: links });
    const vote = votingOn(proposal, present, next, random);
    steps.push(...vote.steps);
    if (vote.adopted) adopted.push({ proposal, topic });
  };
  const ruled = quorate ? rulings : [];
  for (const ruling of ruled) {
    submitted += 1;
    const proposal = `${meetingId}/${submitted}`;
    const proposer = present.includes(HR_MEMBER_ID) ? HR_MEMBER_ID : CHAIR_ID;
    steps.push({ ...next(member(proposer)), type: 'submit-proposal', proposal, text: ruling.text, rationale: ruling.rationale, evidence: [] });
    steps.push(...present.map((memberId): Planned => ({ ...next(member(memberId)), type: 'cast-vote', proposal, choice: 'for', reason: REASONS.for[0]! })));
    steps.push({ ...next(chair()), type: 'decide-proposal', proposal, adopted: true });
  }
  // The pack shows the missed week: whoever handles support puts it on the table.
  if (quorate && supportMiss !== undefined) {
    const waited = supportMiss.meanFirstResponseMinutes.toFixed(1);
    const proposer = present.includes(SUPPORT_MEMBER_ID) ? SUPPORT_MEMBER_ID : random.pick(present);
    propose(proposer, SUPPORT_TOPIC, `${SUPPORT_TOPIC.rationale}: ${waited} minutes on average against a target of ${SUPPORT_TOPIC.targetValue}`, supportMiss.slowest);
  }
  const proposals = quorate ? random.int(1, 2) : 0;
  for (let index = 1; index <= proposals; index += 1) {
    const topic = random.pick(TOPICS);
    const links = evidenceFor(topic.evidence, monday, evidence, random);
    propose(random.pick(present), topic, topic.rationale, links);
  }
  for (const item of staleItemsOn(day, monday, programs)) steps.push({ ...next(chair()), type: 'resolve-agenda-item', ...item });
  steps.push({ ...next(chair()), type: 'close-meeting' });
  const attended = `${present.length} of ${MEMBER_IDS.length + 1} members present`;
  const minutes = quorate
    ? `${attended}; ${adopted.length + ruled.length} of ${submitted} proposals adopted.`
    : `${attended}, short of the quorum of ${QUORUM}: the numbers were reviewed, nothing was decided.`;
  steps.push({ ...next(chair()), type: 'sign-minutes', minutes });
  return { steps, adopted, ruled };
}

/** Every member present votes with a reason, some who did not vote for write a dissenting opinion, and the chair counts. */
function votingOn(proposal: string, present: readonly string[], next: NextStep, random: Random): { steps: Planned[]; adopted: boolean } {
  const scenario = random.weighted(SCENARIOS);
  const votes = present.map((memberId) => {
    const choice = choiceIn(scenario, random);
    return { memberId, choice, reason: random.pick(REASONS[choice]) };
  });
  const adopted = isAdopted(tallyOf(present, votes));
  const steps: Planned[] = [
    ...votes.map(({ memberId, choice, reason }): Planned => ({ ...next(member(memberId)), type: 'cast-vote', proposal, choice, reason })),
    ...votes
      .filter((vote) => vote.choice !== 'for' && random.chance(DISSENT_CHANCE))
      .map(({ memberId }): Planned => ({ ...next(member(memberId)), type: 'record-dissent', proposal, opinion: random.pick(DISSENT) })),
    { ...next(chair()), type: 'decide-proposal', proposal, adopted },
  ];
  return { steps, adopted };
}

function attendance(random: Random): string[] {
  if (random.chance(THIN_MEETING_CHANCE)) return [CHAIR_ID, ...MEMBER_IDS.filter(() => random.chance(0.3)).slice(0, QUORUM - 2)];
  return [CHAIR_ID, ...MEMBER_IDS.filter(() => !random.chance(ABSENCE_CHANCE))];
}

function choiceIn(scenario: Scenario, random: Random): VoteChoice {
  if (random.chance(FOR_CHANCE[scenario])) return 'for';
  return random.chance(0.6) ? 'against' : 'abstain';
}

function evidenceFor(kind: EvidenceKind, before: number, sources: readonly EvidenceSource[], random: Random): EvidenceLink[] {
  // Drawn whatever the other parts made, so that their volumes do not shift the council's draws.
  const draws = [random.float(), random.float()];
  const recent = sources.filter((source) => source.kind === kind && Date.parse(source.recordedAt) < before).slice(-RECENT_EVIDENCE);
  const picked = new Set(recent.length === 0 ? [] : draws.map((draw) => recent[Math.floor(draw * recent.length)]!.id));
  return [...picked].map((id) => ({ kind, id }));
}

/** What the agenda of the meeting on `day` marks stale: actions of running programs overdue for more than two meetings. */
function staleItemsOn(day: string, meetingAt: number, programs: readonly PlannedProgram[]) {
  const staleBefore = dayOf(Date.parse(`${day}T00:00:00Z`) - STALE_AFTER_DAYS * DAY);
  const escalateBefore = dayOf(Date.parse(`${day}T00:00:00Z`) - ESCALATE_AFTER_DAYS * DAY);
  return programs
    .filter((program) => program.createdAt < meetingAt && program.closedAt > meetingAt)
    .flatMap((program) =>
      program.actions
        .filter((action) => action.completedAt > meetingAt && action.deadline < staleBefore)
        .map((action) => {
          const resolution: ItemResolution = action.deadline < escalateBefore ? 'escalated' : 'carried-over';
          const note = resolution === 'escalated' ? ESCALATION_NOTE : CARRY_OVER_NOTE;
          return { programId: program.programId, actionId: action.actionId, resolution, note };
        }),
    );
}

function planProgram(wednesday: number, adopted: AdoptedProposal, random: Random, number: number): { program: PlannedProgram; steps: Planned[] } {
  const programId = `program-${String(number).padStart(3, '0')}`;
  const createdAt = wednesday + 8 * HOUR;
  const base = (at: number) => ({ context: 'council' as const, programId, occurredAt: iso(at), actor: chair() });
  const { topic } = adopted;
  const inFull = number <= PROGRAMS_IN_FULL;
  const steps: Planned[] = [
    {
      ...base(createdAt),
      type: 'create-program',
      proposal: adopted.proposal,
      title: topic.program,
      goal: { indicator: topic.indicator, targetValue: topic.targetValue, targetDate: dayOf(createdAt + 91 * DAY) },
    },
  ];
  const stageOf = (index: number) => (index === 0 ? PREPARE.stageId : ROLL_OUT.stageId);
  if (inFull) steps.push(...measuresOf(topic.measures, createdAt, base));
  const actions = topic.actions.map(([description, completionCriteria], index): PlannedAction & { ownerId: string; late: boolean } => {
    const actionId = `${programId}-action-${index + 1}`;
    const deadlineAt = createdAt + 14 * random.int(1, 4) * DAY;
    const late = random.chance(LATE_ACTION_CHANCE);
    const completedAt = offMeetingDay(late ? deadlineAt + random.int(10, 40) * DAY : Math.max(deadlineAt - random.int(1, 10) * DAY, createdAt + DAY));
    const ownerId = random.pick(MEMBER_IDS);
    const deadline = dayOf(deadlineAt);
    const stage = inFull ? { stageId: stageOf(index) } : {};
    steps.push({ ...base(createdAt + (10 + index) * MINUTE), type: 'plan-action', actionId, ...stage, description, ownerId, deadline, completionCriteria });
    if (!(inFull && late)) return { actionId, deadline, completedAt, ownerId, late };
    // A program planned in full moves the deadline of an action that would be late, with the reason.
    const moved = dayOf(completedAt + 2 * DAY);
    steps.push({ ...base(offMeetingDay(deadlineAt - 5 * DAY)), actor: member(ownerId), type: 'reschedule-action', actionId, deadline: moved, reason: RESCHEDULE_REASON });
    return { actionId, deadline: moved, completedAt, ownerId, late: false };
  });
  for (const action of actions) {
    steps.push({ ...base(action.completedAt), actor: member(action.ownerId), type: 'complete-action', actionId: action.actionId, late: action.late });
  }
  if (inFull) {
    const lastDone = Math.max(...actions.map((action) => action.completedAt));
    const [first] = actions;
    steps.push(
      { ...base(createdAt + 20 * MINUTE), type: 'plan-document-change', changeId: `${programId}-change-1`, document: { kind: topic.measures.document.kind, id: topic.measures.document.id }, change: topic.measures.document.change, ownerId: first!.ownerId, deadline: dayOf(lastDone + 7 * DAY) },
      { ...base(lastDone + HOUR), actor: member(first!.ownerId), type: 'complete-document-change', changeId: `${programId}-change-1` },
    );
  }
  const checkedAt = offMeetingDay(Math.max(...actions.map((action) => action.completedAt)) + 7 * DAY, createdAt + 84 * DAY);
  const closedAt = checkedAt + HOUR;
  steps.push({ ...base(checkedAt), type: 'check-effectiveness' }, { ...base(closedAt), type: 'close-program' });
  return { program: { programId, createdAt, closedAt, actions }, steps };
}

/** The first programs carry a plan of measures in full; the others only their actions. */
const PROGRAMS_IN_FULL = 2;
const PREPARE = { stageId: 'stage-prepare', title: 'Prepare: scripts, documents and training' };
const ROLL_OUT = { stageId: 'stage-roll-out', title: 'Roll out to every team and check' };
const RESCHEDULE_REASON = 'The owner covers the peak-hour rota this month; the council agreed to the new date';
/** Training needs are due six weeks after the program starts. */
const NEED_DUE_AFTER = 42 * DAY;

/** The standards, the training need and the stages of a program planned in full, in the minutes after its creation. */
function measuresOf(measures: Measures, createdAt: number, base: (at: number) => { context: 'council'; programId: string; occurredAt: string; actor: DemoActor }): Planned[] {
  const at = (minute: number) => base(createdAt + minute * MINUTE);
  const { programId } = at(0);
  return [
    { ...at(1), type: 'list-standards', standardIds: measures.standardIds },
    { ...at(2), type: 'record-training-need', needId: `${programId}-need-1`, ...measures.need, dueOn: dayOf(createdAt + NEED_DUE_AFTER) },
    { ...at(3), type: 'plan-stage', ...PREPARE },
    { ...at(4), type: 'plan-stage', ...ROLL_OUT },
  ];
}

/** Noon of the working day at or after the latest of `times`, moved off Monday, the day the council meets. */
function offMeetingDay(...times: number[]): number {
  const day = workingDayFrom(Math.max(...times));
  return (new Date(day).getUTCDay() === 1 ? day + DAY : day) + 12 * HOUR;
}

function firstMonday(time: number): number {
  let day = workingDayFrom(time);
  while (new Date(day).getUTCDay() !== 1) day += DAY;
  return day;
}
