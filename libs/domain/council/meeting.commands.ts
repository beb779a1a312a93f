import { INDICATOR_DIRECTIONS, INDICATOR_UNITS } from '../catalogue/indicators.js';
import { requireDay } from '../shared/days.js';
import { requireLogPosition, validLogCheckpoint, type LogCheckpoint } from '../shared/log-checkpoint.js';
import {
  invalid,
  requireBoolean,
  requireId,
  requireIdList,
  requireList,
  requireNumber,
  requireOneOf,
  requireRecord,
  requireText,
  requireUtcInstant,
  withoutEmailAddress,
} from '../shared/validation.js';
import type { CouncilState } from './council.decider.js';
import {
  EVIDENCE_KINDS,
  ITEM_RESOLUTIONS,
  PACK_PERIOD_RULES,
  VOTE_CHOICES,
  type EvidenceLink,
  type IndicatorReading,
  type ItemResolution,
  type MetricsPack,
  type PackPeriod,
  type RecordedIndicator,
  type VoteChoice,
} from './meeting.events.js';

/*
 * Commands that depend on who sits on the council carry the roster as the command service read it
 * from `council-main` (`council`), so that the decider stays pure.
 */

export interface ScheduleMeeting {
  readonly type: 'ScheduleMeeting';
  readonly meetingId: string;
  readonly day: string;
  readonly at: string;
}

export interface OpenMeeting {
  readonly type: 'OpenMeeting';
  readonly meetingId: string;
  readonly present: readonly string[];
  readonly packPosition: string;
  /** The ledger's tree up to `packPosition`, as the command service read it. */
  readonly packCheckpoint: LogCheckpoint;
  /** The metrics pack as of `packPosition`, as the command service computed it: recorded with the opening. */
  readonly pack: MetricsPack;
  readonly council: CouncilState;
  readonly at: string;
}

/** Records the pack of a meeting opened before packs were recorded, as computed as of its `packPosition`. */
export interface RecordMetricsPack {
  readonly type: 'RecordMetricsPack';
  readonly meetingId: string;
  readonly pack: MetricsPack;
  readonly at: string;
}

export interface SubmitProposal {
  readonly type: 'SubmitProposal';
  readonly meetingId: string;
  readonly proposalId: string;
  readonly proposerId: string;
  readonly text: string;
  readonly rationale: string;
  readonly evidence: readonly EvidenceLink[];
  readonly at: string;
}

export interface CastVote {
  readonly type: 'CastVote';
  readonly meetingId: string;
  readonly proposalId: string;
  readonly memberId: string;
  readonly choice: VoteChoice;
  readonly reason: string;
  readonly at: string;
}

export interface RecordDissent {
  readonly type: 'RecordDissent';
  readonly meetingId: string;
  readonly proposalId: string;
  readonly memberId: string;
  readonly opinion: string;
  readonly at: string;
}

export interface DecideProposal {
  readonly type: 'DecideProposal';
  readonly meetingId: string;
  readonly proposalId: string;
  readonly at: string;
}

/** `staleItems`: the ids of the actions the agenda marks stale, as the command service read them. */
export interface CloseMeeting {
  readonly type: 'CloseMeeting';
  readonly meetingId: string;
  readonly staleItems: readonly string[];
  readonly at: string;
}

export interface ResolveAgendaItem {
  readonly type: 'ResolveAgendaItem';
  readonly meetingId: string;
  readonly programId: string;
  readonly actionId: string;
  readonly resolution: ItemResolution;
  readonly note: string;
  readonly at: string;
}

export interface SignMinutes {
  readonly type: 'SignMinutes';
  readonly meetingId: string;
  readonly signerId: string;
  readonly minutes: string;
  /** The ledger's tree over the log as the command service read it, just before the signature. */
  readonly checkpoint: LogCheckpoint;
  readonly council: CouncilState;
  readonly at: string;
}

export type MeetingCommand =
  | ScheduleMeeting
  | OpenMeeting
  | SubmitProposal
  | CastVote
  | RecordDissent
  | DecideProposal
  | CloseMeeting
  | ResolveAgendaItem
  | SignMinutes
  | RecordMetricsPack;

export const MAX_TEXT_LENGTH = 4000;
export const MAX_REASON_LENGTH = 2000;
export const MAX_MINUTES_LENGTH = 20_000;
export const MAX_EVIDENCE = 50;
export const MAX_PRESENT = 100;
export const MAX_PACK_INDICATORS = 100;
const MAX_SAMPLE_OF_LENGTH = 100;

/** A pack the command service computed: checked for shape, so that nothing malformed is recorded forever. */
function metricsPack(value: MetricsPack, field: string): MetricsPack {
  if (typeof value !== 'object' || value === null) throw invalid(field, 'must be a metrics pack');
  const periods = value.periods ?? {};
  return {
    periodRule: requireOneOf(value.periodRule, `${field}.periodRule`, PACK_PERIOD_RULES),
    periods: { current: packPeriod(periods.current, `${field}.periods.current`), previous: packPeriod(periods.previous, `${field}.periods.previous`) },
    indicators: requireList(value.indicators, `${field}.indicators`, 0, MAX_PACK_INDICATORS).map((entry, index) =>
      recordedIndicator(entry as RecordedIndicator, `${field}.indicators.${index}`),
    ),
  };
}

function packPeriod(value: PackPeriod | undefined, field: string): PackPeriod {
  if (typeof value !== 'object' || value === null) throw invalid(field, 'must be a period');
  const period = { from: requireDay(value.from, `${field}.from`), to: requireDay(value.to, `${field}.to`) };
  if (period.from >= period.to) throw invalid(`${field}.to`, 'must lie after from');
  return period;
}

function recordedIndicator(value: RecordedIndicator, field: string): RecordedIndicator {
  if (typeof value !== 'object' || value === null) throw invalid(field, 'must be an indicator');
  return {
    indicator: requireId(value.indicator, `${field}.indicator`),
    definitionVersion: requireNumber(value.definitionVersion, `${field}.definitionVersion`, { whole: true, atLeast: 1 }),
    unit: requireOneOf(value.unit, `${field}.unit`, INDICATOR_UNITS),
    target: orNull(value.target, `${field}.target`),
    direction: requireOneOf(value.direction, `${field}.direction`, INDICATOR_DIRECTIONS),
    sampleOf: value.sampleOf === null ? null : requireText(value.sampleOf, `${field}.sampleOf`, MAX_SAMPLE_OF_LENGTH),
    current: indicatorReading(value.current, `${field}.current`),
    previous: indicatorReading(value.previous, `${field}.previous`),
  };
}

function indicatorReading(value: IndicatorReading, field: string): IndicatorReading {
  if (typeof value !== 'object' || value === null) throw invalid(field, 'must be a reading');
  const onTarget = value.onTarget === null ? null : requireBoolean(value.onTarget, `${field}.onTarget`);
  const sample = value.sample === null ? null : requireNumber(value.sample, `${field}.sample`, { whole: true, atLeast: 0 });
  return { value: orNull(value.value, `${field}.value`), deviation: orNull(value.deviation, `${field}.deviation`), onTarget, sample };
}

function orNull(value: unknown, field: string): number | null {
  return value === null ? null : requireNumber(value, field, {});
}

const prose = (value: unknown, field: string, maxLength: number) => withoutEmailAddress(requireText(value, field, maxLength), field);

export function validScheduleMeeting(command: ScheduleMeeting): ScheduleMeeting {
  return {
    type: command.type,
    meetingId: requireId(command.meetingId, 'meetingId'),
    day: requireDay(command.day, 'day'),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validOpenMeeting(command: OpenMeeting): OpenMeeting {
  return {
    ...command,
    meetingId: requireId(command.meetingId, 'meetingId'),
    packPosition: requireLogPosition(command.packPosition, 'packPosition'),
    present: requireIdList(command.present, 'present', 0, MAX_PRESENT),
    packCheckpoint: validLogCheckpoint(command.packCheckpoint, 'packCheckpoint'),
    pack: metricsPack(command.pack, 'pack'),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validRecordMetricsPack(command: RecordMetricsPack): RecordMetricsPack {
  return {
    type: command.type,
    meetingId: requireId(command.meetingId, 'meetingId'),
    pack: metricsPack(command.pack, 'pack'),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validSubmitProposal(command: SubmitProposal): SubmitProposal {
  return {
    type: command.type,
    meetingId: requireId(command.meetingId, 'meetingId'),
    proposalId: requireId(command.proposalId, 'proposalId'),
    proposerId: requireId(command.proposerId, 'proposerId'),
    text: prose(command.text, 'text', MAX_TEXT_LENGTH),
    rationale: prose(command.rationale, 'rationale', MAX_TEXT_LENGTH),
    evidence: requireList(command.evidence, 'evidence', 0, MAX_EVIDENCE).map(evidenceLink),
    at: requireUtcInstant(command.at, 'at'),
  };
}

function evidenceLink(value: unknown, index: number): EvidenceLink {
  const field = `evidence.${index}`;
  const link = requireRecord(value, field);
  return { kind: requireOneOf(link.kind, `${field}.kind`, EVIDENCE_KINDS), id: requireId(link.id, `${field}.id`) };
}

export function validCastVote(command: CastVote): CastVote {
  return {
    type: command.type,
    ...proposalRef(command),
    memberId: requireId(command.memberId, 'memberId'),
    choice: requireOneOf(command.choice, 'choice', VOTE_CHOICES),
    reason: prose(command.reason, 'reason', MAX_REASON_LENGTH),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validRecordDissent(command: RecordDissent): RecordDissent {
  return {
    type: command.type,
    ...proposalRef(command),
    memberId: requireId(command.memberId, 'memberId'),
    opinion: prose(command.opinion, 'opinion', MAX_TEXT_LENGTH),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validDecideProposal(command: DecideProposal): DecideProposal {
  return { type: command.type, ...proposalRef(command), at: requireUtcInstant(command.at, 'at') };
}

export function validCloseMeeting(command: CloseMeeting): CloseMeeting {
  return { ...command, meetingId: requireId(command.meetingId, 'meetingId'), at: requireUtcInstant(command.at, 'at') };
}

export function validResolveAgendaItem(command: ResolveAgendaItem): ResolveAgendaItem {
  return {
    type: command.type,
    meetingId: requireId(command.meetingId, 'meetingId'),
    programId: requireId(command.programId, 'programId'),
    actionId: requireId(command.actionId, 'actionId'),
    resolution: requireOneOf(command.resolution, 'resolution', ITEM_RESOLUTIONS),
    note: prose(command.note, 'note', MAX_REASON_LENGTH),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validSignMinutes(command: SignMinutes): SignMinutes {
  return {
    ...command,
    meetingId: requireId(command.meetingId, 'meetingId'),
    signerId: requireId(command.signerId, 'signerId'),
    minutes: prose(command.minutes, 'minutes', MAX_MINUTES_LENGTH),
    checkpoint: validLogCheckpoint(command.checkpoint, 'checkpoint'),
    at: requireUtcInstant(command.at, 'at'),
  };
}

function proposalRef(command: { meetingId: string; proposalId: string }) {
  return { meetingId: requireId(command.meetingId, 'meetingId'), proposalId: requireId(command.proposalId, 'proposalId') };
}
