import { INDICATOR_DIRECTIONS, INDICATOR_UNITS } from '../catalogue/indicators.js';
import { LOG_CHECKPOINT_FIELDS, LOG_POSITION_SCHEMA } from '../shared/log-checkpoint.js';
import {
  anyNumber,
  boolean,
  day,
  definitionsOf,
  eventSchemaTable,
  eventType,
  eventTypesOf,
  id,
  ids,
  instant,
  integer,
  list,
  nullable,
  number,
  object,
  oneOf,
  text,
  variants,
} from '../shared/fields.schemas.js';
import {
  COUNCIL_CATEGORY,
  COUNCIL_CHAIR_APPOINTED,
  COUNCIL_MEMBER_APPOINTED,
  COUNCIL_MEMBER_REMOVED,
  COUNCIL_QUORUM_SET,
  type CouncilEvent,
} from './council.events.js';
import {
  AGENDA_ITEM_RESOLVED,
  DECISION_ADOPTED,
  DISSENT_RECORDED,
  EVIDENCE_KINDS,
  ITEM_RESOLUTIONS,
  MEETING_CATEGORY,
  MEETING_CLOSED,
  MEETING_OPENED,
  MEETING_SCHEDULED,
  METRICS_PACK_RECORDED,
  MINUTES_SIGNED,
  PACK_PERIOD_RULES,
  PROPOSAL_REJECTED,
  PROPOSAL_SUBMITTED,
  VOTE_CAST,
  VOTE_CHOICES,
  type MeetingEvent,
} from './meeting.events.js';
import {
  ACTION_CANCELLED,
  ACTION_COMPLETED,
  ACTION_PLANNED,
  ACTION_RESCHEDULED,
  DOCUMENT_CHANGE_COMPLETED,
  DOCUMENT_CHANGE_PLANNED,
  DOCUMENT_KINDS,
  EFFECTIVENESS_CHECKED,
  PROGRAM_CATEGORY,
  PROGRAM_CLOSED,
  PROGRAM_CREATED,
  STAGE_PLANNED,
  STANDARDS_LISTED,
  TRAINING_NEED_RECORDED,
  type ProgramEvent,
} from './program.events.js';

const memberId = id('emp-anna');
const meetingId = id('meeting-2026-w10');
const proposalId = id('0196f3a1-7b2c-7d40-8a11-2b3c4d5e6f70');
const position = LOG_POSITION_SCHEMA;
const member = object({ memberId, at: instant() });
const quorum = variants([object({ kind: oneOf(['count']), count: integer(1, 3) }), object({ kind: oneOf(['share']), share: number(0, 1, 0.5) })], {
  kind: 'count',
  count: 3,
});
const vote = object({ memberId, choice: oneOf(VOTE_CHOICES), reason: text('The pack shows the drop in both weeks') });
const dissent = object({ memberId, opinion: text('Two weeks are too few to tell a trend') });
const evidence = object({ kind: oneOf(EVIDENCE_KINDS), id: id('case-4711') });
const tally = object({ present: integer(0, 3), for: integer(0, 2), against: integer(0, 1), abstain: integer(0) });
const decided = object({
  meetingId,
  proposalId,
  text: text('Retrain the webinar section'),
  rationale: text('Retention share below target'),
  packPosition: position,
  present: ids('emp-anna'),
  votes: list(vote),
  tally,
  dissent: list(dissent),
  evidence: list(evidence),
  decidedAt: instant(),
});

const logCheckpoint = object(LOG_CHECKPOINT_FIELDS);
const meetingOpenedV1 = {
  meetingId,
  openedAt: instant(),
  chairId: memberId,
  members: ids('emp-anna'),
  present: ids('emp-anna'),
  quorumNeeded: integer(1, 3),
  packPosition: position,
};
const minutesSignedV1 = { meetingId, chairId: memberId, minutes: text('Adopted: retraining.'), signedAt: instant() };

const packPeriod = object({ from: day(), to: day() });
const readingV1 = { value: nullable(anyNumber(0.5)), deviation: nullable(anyNumber(-0.1)), onTarget: nullable(boolean()) };
const indicatorV1 = {
  indicator: id('care.retentionShare'),
  definitionVersion: integer(1),
  unit: oneOf(INDICATOR_UNITS),
  target: nullable(anyNumber(0.6)),
  direction: oneOf(INDICATOR_DIRECTIONS),
};
const reading = object({ ...readingV1, sample: nullable(integer(0, 42)) });
const recordedIndicator = object({ ...indicatorV1, sampleOf: nullable(text('decided cases')), current: reading, previous: reading });
const packV1 = {
  meetingId,
  periodRule: oneOf(PACK_PERIOD_RULES),
  periods: object({ current: packPeriod, previous: packPeriod }),
  indicators: list(object({ ...indicatorV1, current: object(readingV1), previous: object(readingV1) })),
  packPosition: position,
  packCheckpoint: nullable(logCheckpoint),
  recordedAt: instant(),
};

/** A pack recorded before samples were: each indicator and reading gains a null sample. */
function withoutSamples(previous: unknown): unknown {
  const pack = previous as { indicators: { current: object; previous: object }[] };
  return {
    ...pack,
    indicators: pack.indicators.map((indicator) => ({
      ...indicator,
      sampleOf: null,
      current: { ...indicator.current, sample: null },
      previous: { ...indicator.previous, sample: null },
    })),
  };
}

const programId = id('program-retention-2026');
const actionId = id('action-1');
const indicator = id('care.retentionShare');
const measured = nullable(anyNumber(0.55));
const goal = object({ indicator, direction: oneOf(INDICATOR_DIRECTIONS), targetValue: anyNumber(0.6), targetDate: day(), baseline: measured });
const goalResult = object({ indicator, targetValue: anyNumber(0.6), before: measured, after: measured, achieved: boolean() });
const stageId = id('stage-scripts');
const actionPlannedV1 = {
  programId,
  actionId,
  description: text('Rewrite the discount script'),
  ownerId: memberId,
  deadline: day(),
  completionCriteria: text('Published and read by every agent'),
  plannedAt: instant(),
};
const changeId = id('change-refund-regulation');

const COUNCIL_TABLE = eventSchemaTable<CouncilEvent>()({
  [COUNCIL_MEMBER_APPOINTED]: eventType(COUNCIL_CATEGORY, 'An employee was appointed to the quality council.', member),
  [COUNCIL_MEMBER_REMOVED]: eventType(COUNCIL_CATEGORY, 'A member left the quality council.', member),
  [COUNCIL_CHAIR_APPOINTED]: eventType(COUNCIL_CATEGORY, 'A member became the chair of the council.', member),
  [COUNCIL_QUORUM_SET]: eventType(COUNCIL_CATEGORY, 'The members present the council needs to decide.', object({ quorum, at: instant() })),
});

export const COUNCIL_EVENT_TYPES = eventTypesOf(COUNCIL_TABLE);

const MEETING_TABLE = eventSchemaTable<MeetingEvent>()({
  [MEETING_SCHEDULED]: eventType(MEETING_CATEGORY, 'A council meeting was scheduled for a day.', object({ meetingId, day: day(), scheduledAt: instant() })),
  [MEETING_OPENED]: {
    categories: [MEETING_CATEGORY],
    description: 'The meeting opened with its attendance; `packPosition` pins its metrics pack to the log, `packCheckpoint` to the ledger over it.',
    versions: [
      { version: 1, schema: object(meetingOpenedV1) },
      {
        version: 2,
        change: 'Adds `packCheckpoint`, the tree size and root of the ledger up to `packPosition`; meetings opened before the ledger read it as null.',
        schema: object({ ...meetingOpenedV1, packCheckpoint: nullable(logCheckpoint) }),
        upcastFrom: (previous: unknown) => ({ ...(previous as object), packCheckpoint: null }),
      },
    ],
  },
  [PROPOSAL_SUBMITTED]: eventType(
    MEETING_CATEGORY,
    'A member present proposed something, with its rationale and evidence.',
    object({
      meetingId,
      proposalId,
      proposerId: memberId,
      text: text('Retrain the webinar section'),
      rationale: text('Retention share below target'),
      evidence: list(evidence),
      submittedAt: instant(),
    }),
  ),
  [VOTE_CAST]: eventType(MEETING_CATEGORY, 'A member present voted on a proposal, with a reason.', object({ meetingId, proposalId, memberId, choice: oneOf(VOTE_CHOICES), reason: text('Agreed'), castAt: instant() })),
  [DISSENT_RECORDED]: eventType(
    MEETING_CATEGORY,
    'A member who voted against or abstained wrote a dissenting opinion.',
    object({ meetingId, proposalId, memberId, opinion: text('Too early to tell'), recordedAt: instant() }),
  ),
  [DECISION_ADOPTED]: eventType(MEETING_CATEGORY, 'A majority of the members present adopted a proposal; carries its provenance.', decided),
  [PROPOSAL_REJECTED]: eventType(MEETING_CATEGORY, 'A proposal failed to win a majority of the members present.', decided),
  [MEETING_CLOSED]: eventType(MEETING_CATEGORY, 'The meeting closed with every proposal decided.', object({ meetingId, closedAt: instant() })),
  [MINUTES_SIGNED]: {
    categories: [MEETING_CATEGORY],
    description: 'The chair signed the minutes of a closed meeting, with the ledger checkpoints of its pack and of its decisions.',
    versions: [
      { version: 1, schema: object(minutesSignedV1) },
      {
        version: 2,
        change:
          'Adds `packCheckpoint` (the ledger as the pack was pinned) and `checkpoint` (the ledger as the minutes were signed, holding every decision); minutes signed before the ledger read both as null.',
        schema: object({ ...minutesSignedV1, packCheckpoint: nullable(logCheckpoint), checkpoint: nullable(logCheckpoint) }),
        upcastFrom: (previous: unknown) => ({ ...(previous as object), packCheckpoint: null, checkpoint: null }),
      },
    ],
  },
  [METRICS_PACK_RECORDED]: {
    categories: [MEETING_CATEGORY],
    description:
      'The metrics pack the meeting was shown, computed once as of `packPosition`: its periods, and each indicator with the version of its definition, its target and its two readings.',
    versions: [
      { version: 1, schema: object(packV1) },
      {
        version: 2,
        change:
          'Adds each reading\'s `sample`, the number of observations its value was computed from, and each indicator\'s `sampleOf`, what they are; packs recorded before read both as null.',
        schema: object({ ...packV1, indicators: list(recordedIndicator) }),
        upcastFrom: withoutSamples,
      },
    ],
  },
  [AGENDA_ITEM_RESOLVED]: eventType(
    MEETING_CATEGORY,
    'The meeting carried over or escalated an improvement action overdue for longer than two meetings.',
    object({ meetingId, programId, actionId, resolution: oneOf(ITEM_RESOLUTIONS), note: text('Escalated to the director'), resolvedAt: instant() }),
  ),
});

export const MEETING_EVENT_TYPES = eventTypesOf(MEETING_TABLE);

const PROGRAM_TABLE = eventSchemaTable<ProgramEvent>()({
  [PROGRAM_CREATED]: eventType(
    PROGRAM_CATEGORY,
    'An improvement program was created from an adopted decision, with goals on indicators of the metrics pack.',
    object({ programId, decisionId: proposalId, title: text('Retention scripts'), goals: list(goal, 1), createdAt: instant() }),
  ),
  [STAGE_PLANNED]: eventType(
    PROGRAM_CATEGORY,
    'A stage of the plan of measures; stages come in the order they were planned.',
    object({ programId, stageId, title: text('New scripts'), plannedAt: instant() }),
  ),
  [ACTION_PLANNED]: {
    categories: [PROGRAM_CATEGORY],
    description: 'An action of the program: its owner, deadline and completion criteria, and the stage it belongs to.',
    versions: [
      { version: 1, schema: object(actionPlannedV1) },
      {
        version: 2,
        change: 'Adds the optional `stageId`, the stage of the program the action belongs to; actions planned before stages read without one.',
        schema: object(actionPlannedV1, { stageId }),
        upcastFrom: (previous: unknown) => previous,
      },
    ],
  },
  [ACTION_COMPLETED]: eventType(PROGRAM_CATEGORY, 'An action of the program was completed.', object({ programId, actionId, completedAt: instant() })),
  [ACTION_RESCHEDULED]: eventType(
    PROGRAM_CATEGORY,
    'An open action of the program got a new deadline, with the reason; `previousDeadline` is the one it replaces.',
    object({ programId, actionId, deadline: day(), previousDeadline: day(), reason: text('The script waits for the new refund policy'), rescheduledAt: instant() }),
  ),
  [ACTION_CANCELLED]: eventType(
    PROGRAM_CATEGORY,
    'An open action of the program will not be done, with the reason.',
    object({ programId, actionId, reason: text('Covered by the new onboarding course'), cancelledAt: instant() }),
  ),
  [STANDARDS_LISTED]: eventType(
    PROGRAM_CATEGORY,
    'The standards the program applies: the whole list, replacing the one before.',
    object({ programId, standardIds: ids('standard-refunds'), listedAt: instant() }),
  ),
  [TRAINING_NEED_RECORDED]: eventType(
    PROGRAM_CATEGORY,
    'Employees must learn a competency by a day: those named and those holding the positions named; each gets an individual training plan.',
    object({
      programId,
      needId: id('need-objections'),
      competencyId: id('objection-handling'),
      employeeIds: ids('emp-anna', 1),
      positionIds: ids('support-line-1'),
      dueOn: day(),
      recordedAt: instant(),
    }),
  ),
  [DOCUMENT_CHANGE_PLANNED]: eventType(
    PROGRAM_CATEGORY,
    'A knowledge-base material or a standard the program must change, at the version current then: what, by whom, by when.',
    object({
      programId,
      changeId,
      document: object({ kind: oneOf(DOCUMENT_KINDS), id: id('regulation-refunds'), version: integer(1, 2) }),
      change: text('State the new discount limits'),
      ownerId: memberId,
      deadline: day(),
      plannedAt: instant(),
    }),
  ),
  [DOCUMENT_CHANGE_COMPLETED]: eventType(
    PROGRAM_CATEGORY,
    'A planned document change was made; `version` is the version of the document that carries it, when it published one.',
    object({ programId, changeId, completedAt: instant() }, { version: integer(2) }),
  ),
  [EFFECTIVENESS_CHECKED]: eventType(
    PROGRAM_CATEGORY,
    'The goals of the program were checked: each indicator before and after against its target.',
    object({ programId, results: list(goalResult), effective: boolean(), checkedAt: instant() }),
  ),
  [PROGRAM_CLOSED]: eventType(PROGRAM_CATEGORY, 'The program closed after its effectiveness check.', object({ programId, effective: boolean(), closedAt: instant() })),
});

export const PROGRAM_EVENT_TYPES = eventTypesOf(PROGRAM_TABLE);

export const COUNCIL_SCHEMAS = [...definitionsOf(COUNCIL_TABLE), ...definitionsOf(MEETING_TABLE), ...definitionsOf(PROGRAM_TABLE)];
