import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CheckpointView } from '../ledger/ledger.dto.js';
import { INDICATOR_UNITS } from '#domain/catalogue/indicators.js';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsNumber, IsString, ValidateNested } from 'class-validator';
import {
  EVIDENCE_KINDS,
  ITEM_RESOLUTIONS,
  MAX_MINUTES_LENGTH,
  MAX_PRESENT,
  MAX_REASON_LENGTH,
  MAX_TEXT_LENGTH,
  PACK_PERIOD_RULES,
  QUORUM_KINDS,
  VOTE_CHOICES,
  type AppointCouncilChair,
  type AppointCouncilMember,
  type CastVote,
  type EvidenceKind,
  type ItemResolution,
  type OpenMeeting,
  type RecordDissent,
  type ResolveAgendaItem,
  type SubmitProposal,
  type VoteChoice,
} from '#domain/council/index.js';
import { PACK_CHANGES } from '#projections/council/metrics-pack.js';
import { AsOfQuery, AsOfView } from '../platform/as-of.js';
import type { RequestOf, WithOptional } from '../platform/command-requests.js';
import { IdField, IdListField, NEXT_CURSOR_FIELD, OccurredAtField, PageQuery } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';
import type { ScheduleMeetingFields, SetQuorumFields, SignMinutesFields } from './council-commands.service.js';

/*
 * Request bodies are checked for shape here and for meaning by the deciders (lengths, ids, quorum bounds),
 * so that a rule lives in one place.
 */

export class MemberRequest implements RequestOf<AppointCouncilMember>, RequestOf<AppointCouncilChair> {
  @IdField('The employee who sits on the council.', 'emp-17')
  readonly memberId!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class MemberParams {
  @IdField('The employee who sits on the council.', 'emp-17')
  readonly memberId!: string;
}

export class QuorumRequest implements SetQuorumFields {
  @ApiProperty({ enum: QUORUM_KINDS, description: '`count`: a fixed number of members present; `share`: a share of the members, rounded up.' })
  @IsIn(QUORUM_KINDS)
  readonly kind!: 'count' | 'share';

  @ApiPropertyOptional({ type: 'integer', minimum: 1, example: 3, description: 'With `count`.' })
  @Omittable()
  @IsNumber()
  readonly count?: number;

  @ApiPropertyOptional({ minimum: 0, exclusiveMinimum: true, maximum: 1, example: 0.5, description: 'With `share`.' })
  @Omittable()
  @IsNumber()
  readonly share?: number;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class ScheduleMeetingRequest implements ScheduleMeetingFields {
  @ApiPropertyOptional({ example: 'meeting-2026-w10', description: 'The meeting id, when the caller chooses it; default: a new UUIDv7.' })
  @Omittable()
  @IsString()
  readonly id?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-03-02',
    description: 'The day of the meeting; its pack covers the last two complete ISO weeks before it. Default: a week after the latest meeting (today for the first).',
  })
  @Omittable()
  @IsString()
  readonly day?: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class MeetingParams {
  @IdField('The meeting.', 'meeting-2026-w10')
  readonly id!: string;
}

export class ProposalParams extends MeetingParams {
  @IdField('The proposal.', '0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e0f')
  readonly proposalId!: string;
}

export class DecisionParams {
  @IdField('The decision: the id of the proposal decided.', '0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e0f')
  readonly id!: string;
}

export class OpenMeetingRequest implements RequestOf<OpenMeeting, 'meetingId' | 'packPosition' | 'packCheckpoint' | 'pack' | 'council'> {
  @IdListField({ example: ['emp-17', 'emp-21', 'emp-30'], maxItems: MAX_PRESENT, description: 'The members present: the attendance.' })
  readonly present!: string[];

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class EvidenceLinkDto {
  @ApiProperty({ enum: EVIDENCE_KINDS })
  @IsIn(EVIDENCE_KINDS)
  readonly kind!: EvidenceKind;

  @IdField('The id of the inspection, care case, assessment, survey or training plan.', 'case-4711')
  readonly id!: string;
}

export class SubmitProposalRequest implements WithOptional<RequestOf<SubmitProposal, 'meetingId' | 'proposalId' | 'proposerId'>, 'evidence'> {
  @ApiProperty({ maxLength: MAX_TEXT_LENGTH, example: 'Retrain the webinar section on retention scripts' })
  @IsString()
  readonly text!: string;

  @ApiProperty({ maxLength: MAX_TEXT_LENGTH, example: 'Retention share below 60 % two weeks running' })
  @IsString()
  readonly rationale!: string;

  @ApiPropertyOptional({ type: [EvidenceLinkDto], description: 'What the proposal rests on. Default: nothing.' })
  @Omittable()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => EvidenceLinkDto)
  readonly evidence?: EvidenceLinkDto[];

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class CastVoteRequest implements RequestOf<CastVote, 'meetingId' | 'proposalId' | 'memberId'> {
  @ApiProperty({ enum: VOTE_CHOICES })
  @IsIn(VOTE_CHOICES)
  readonly choice!: VoteChoice;

  @ApiProperty({ maxLength: MAX_REASON_LENGTH, example: 'The pack shows the drop in both weeks' })
  @IsString()
  readonly reason!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class DissentRequest implements RequestOf<RecordDissent, 'meetingId' | 'proposalId' | 'memberId'> {
  @ApiProperty({ maxLength: MAX_TEXT_LENGTH, example: 'Two weeks are too few to tell a trend from noise' })
  @IsString()
  readonly opinion!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class AgendaItemParams extends MeetingParams {
  @IdField('The improvement action on the agenda.', 'action-1')
  readonly actionId!: string;
}

export class ResolveItemRequest implements RequestOf<ResolveAgendaItem, 'meetingId' | 'actionId'> {
  @IdField('The program the action belongs to.', 'program-retention-2026')
  readonly programId!: string;

  @ApiProperty({ enum: ITEM_RESOLUTIONS })
  @IsIn(ITEM_RESOLUTIONS)
  readonly resolution!: ItemResolution;

  @ApiProperty({ maxLength: MAX_REASON_LENGTH, example: 'The owner left the section; escalated to the director' })
  @IsString()
  readonly note!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class MinutesRequest implements SignMinutesFields {
  @ApiProperty({ maxLength: MAX_MINUTES_LENGTH, example: 'Present: 3 of 5. Adopted: retraining of the webinar section.' })
  @IsString()
  readonly text!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class PackQuery extends AsOfQuery {
  @ApiPropertyOptional({
    enum: ['now'],
    description: '`now`: beside the recorded pack, the same periods computed today, each difference marked; with `asOf`, as known at that moment.',
  })
  @Omittable()
  @IsIn(['now'])
  readonly compare?: 'now';
}

class QuorumView {
  @ApiProperty({ enum: QUORUM_KINDS })
  readonly kind!: string;

  @ApiPropertyOptional()
  readonly count?: number;

  @ApiPropertyOptional()
  readonly share?: number;
}

export class RosterView {
  @ApiProperty({ type: [String] })
  readonly members!: readonly string[];

  @ApiProperty({ type: String, nullable: true })
  readonly chairId!: string | null;

  @ApiProperty({ type: QuorumView })
  readonly quorum!: QuorumView;
}

class EvidenceLinkView {
  @ApiProperty({ enum: EVIDENCE_KINDS })
  readonly kind!: EvidenceKind;

  @ApiProperty()
  readonly id!: string;
}

class VoteView {
  @ApiProperty()
  readonly memberId!: string;

  @ApiProperty({ enum: VOTE_CHOICES })
  readonly choice!: VoteChoice;

  @ApiProperty()
  readonly reason!: string;
}

class DissentView {
  @ApiProperty()
  readonly memberId!: string;

  @ApiProperty()
  readonly opinion!: string;
}

class TallyView {
  @ApiProperty({ description: 'Members present: a missing vote counts as present and not for.' })
  readonly present!: number;

  @ApiProperty()
  readonly for!: number;

  @ApiProperty()
  readonly against!: number;

  @ApiProperty()
  readonly abstain!: number;
}

export class ProposalView {
  @ApiProperty()
  readonly proposalId!: string;

  @ApiProperty()
  readonly proposerId!: string;

  @ApiProperty()
  readonly text!: string;

  @ApiProperty()
  readonly rationale!: string;

  @ApiProperty({ type: [EvidenceLinkView] })
  readonly evidence!: readonly EvidenceLinkView[];

  @ApiProperty({ type: [VoteView] })
  readonly votes!: readonly VoteView[];

  @ApiProperty({ type: [DissentView] })
  readonly dissent!: readonly DissentView[];

  @ApiProperty({ enum: ['pending', 'adopted', 'rejected'] })
  readonly status!: string;

  @ApiPropertyOptional({ type: TallyView })
  readonly tally?: TallyView;

  @ApiPropertyOptional({ format: 'date-time' })
  readonly decidedAt?: string;
}

class ResolvedItemView {
  @ApiProperty()
  readonly programId!: string;

  @ApiProperty()
  readonly actionId!: string;

  @ApiProperty({ enum: ITEM_RESOLUTIONS })
  readonly resolution!: ItemResolution;

  @ApiProperty()
  readonly note!: string;
}

/** The ledger's tree over the log up to an event: what a printed set of minutes carries. */
export class LogCheckpointView {
  @ApiProperty({ example: 16670, description: 'Events covered, from the first.' })
  readonly treeSize!: number;

  @ApiProperty({ example: 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', description: 'Root hash, standard base64.' })
  readonly rootHash!: string;
}

class MinutesView {
  @ApiProperty()
  readonly chairId!: string;

  @ApiProperty()
  readonly text!: string;

  @ApiProperty({ format: 'date-time' })
  readonly signedAt!: string;

  @ApiProperty({
    type: LogCheckpointView,
    nullable: true,
    description: 'The ledger as the minutes were signed: every decision of the meeting is in it. Null for minutes signed before the log had a ledger.',
  })
  readonly checkpoint!: LogCheckpointView | null;
}

/** What a meeting's view and its entry in the list both say first. */
class MeetingHeadView {
  @ApiProperty()
  readonly meetingId!: string;

  @ApiProperty({ format: 'date' })
  readonly day!: string;

  @ApiProperty({ enum: ['scheduled', 'open', 'closed', 'signed'] })
  readonly status!: string;

  @ApiProperty({ format: 'date-time' })
  readonly scheduledAt!: string;

  @ApiPropertyOptional({ format: 'date-time' })
  readonly openedAt?: string;
}

export class MeetingView extends MeetingHeadView {

  @ApiPropertyOptional()
  readonly chairId?: string;

  @ApiPropertyOptional({ type: [String], description: 'The attendance.' })
  readonly present?: readonly string[];

  @ApiPropertyOptional({ description: 'Members present needed to decide.' })
  readonly quorumNeeded?: number;

  @ApiPropertyOptional({ example: '1042', description: 'The log position the metrics pack is pinned to.' })
  readonly packPosition?: string;

  @ApiPropertyOptional({
    type: LogCheckpointView,
    nullable: true,
    description: 'The ledger up to `packPosition`: what proves, later, the log the pack was read from. Null for meetings opened before the log had a ledger.',
  })
  readonly packCheckpoint?: LogCheckpointView | null;

  @ApiProperty({ type: [ProposalView] })
  readonly proposals!: readonly ProposalView[];

  @ApiProperty({ type: [ResolvedItemView], description: 'Stale improvement actions this meeting carried over or escalated.' })
  readonly resolvedItems!: readonly ResolvedItemView[];

  @ApiPropertyOptional({ format: 'date-time' })
  readonly closedAt?: string;

  @ApiPropertyOptional({ type: MinutesView })
  readonly minutes?: MinutesView;
}

class ReadingView {
  @ApiProperty({ type: Number, nullable: true, description: 'Null: no data in the period.' })
  readonly value!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'value - target.' })
  readonly deviation!: number | null;

  @ApiProperty({ type: Boolean, nullable: true })
  readonly onTarget!: boolean | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 42,
    description: "How many of the indicator's `sampleOf` the value was computed from; null in packs recorded before samples were.",
  })
  readonly sample!: number | null;
}

class IndicatorView {
  @ApiProperty({ example: 'care.retentionShare' })
  readonly indicator!: string;

  @ApiProperty({ example: 1, description: 'The version of the definition (what the indicator counts and how, its target) the readings were computed with.' })
  readonly definitionVersion!: number;

  @ApiProperty({ enum: INDICATOR_UNITS })
  readonly unit!: string;

  @ApiProperty({ type: Number, nullable: true })
  readonly target!: number | null;

  @ApiProperty({ enum: ['higher-is-better', 'lower-is-better'] })
  readonly direction!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'cases decided by a refund or a retention',
    description: 'What the sample of a reading counts; null in packs recorded before samples were.',
  })
  readonly sampleOf!: string | null;

  @ApiProperty({ type: ReadingView })
  readonly current!: ReadingView;

  @ApiProperty({ type: ReadingView })
  readonly previous!: ReadingView;
}

class ComparedIndicatorView extends IndicatorView {
  @ApiProperty({
    enum: PACK_CHANGES,
    isArray: true,
    description:
      'What differs from the recorded pack; empty when nothing does. `late-facts`: facts recorded after the pinned position ' +
      '(new ones or corrections of earlier ones) changed a reading. `correction`: under the same definition version, the facts ' +
      'as of the pinned position read differently today (a read model derived them anew). `definition`: the definition ' +
      'version differs from the recorded one, or the indicator was not in the pack.',
  })
  readonly changes!: readonly string[];
}

class PeriodView {
  @ApiProperty({ format: 'date', description: 'First day, inclusive.' })
  readonly from!: string;

  @ApiProperty({ format: 'date', description: 'Day after the last, exclusive.' })
  readonly to!: string;
}

class PeriodsView {
  @ApiProperty({ type: PeriodView })
  readonly current!: PeriodView;

  @ApiProperty({ type: PeriodView })
  readonly previous!: PeriodView;
}

export class PackReadingsView {
  @ApiProperty({ type: AsOfView })
  readonly asOf!: AsOfView;

  @ApiProperty({ type: [IndicatorView] })
  readonly indicators!: readonly IndicatorView[];
}

export class ComparedReadingsView {
  @ApiProperty({ type: AsOfView })
  readonly asOf!: AsOfView;

  @ApiProperty({ type: [ComparedIndicatorView] })
  readonly indicators!: readonly ComparedIndicatorView[];
}

export class MetricsPackView {
  @ApiProperty()
  readonly meetingId!: string;

  @ApiProperty({
    enum: PACK_PERIOD_RULES,
    description:
      '`complete-weeks-before`: the last complete ISO week before the meeting day and the week before it. `week-of-meeting`: ' +
      'the ISO week of the meeting day and the week before it, the rule of meetings opened before packs were recorded.',
  })
  readonly periodRule!: string;

  @ApiProperty({ type: PeriodsView })
  readonly periods!: PeriodsView;

  @ApiProperty({ format: 'date-time', description: 'When the pack was recorded: at the opening, or later for meetings opened before packs were recorded.' })
  readonly recordedAt!: string;

  @ApiProperty({ type: PackReadingsView, description: 'As recorded, computed as of the position pinned when the meeting opened: the same numbers forever.' })
  readonly then!: PackReadingsView;

  @ApiPropertyOptional({ type: ComparedReadingsView, description: 'With `compare=now`: the same periods computed today with today\'s data and definitions.' })
  readonly now?: ComparedReadingsView;
}

class MinutesProofView extends LogCheckpointView {
  @ApiProperty({ type: [String], description: 'The decision in the tree the minutes carry: RFC 9162 audit path, base64.' })
  readonly inclusionProof!: string[];

  @ApiProperty({ type: [String], description: 'The tree the minutes carry, a prefix of the checkpoint below: RFC 9162 consistency proof, base64.' })
  readonly consistencyProof!: string[];
}

export class DecisionProofView {
  @ApiProperty({ example: '1042', description: 'The position of the event that recorded the decision (`DecisionAdopted` or `ProposalRejected`); read it at `GET /events/{position}`.' })
  readonly position!: string;

  @ApiProperty({ type: Number, nullable: true, description: 'Its leaf; null while a ledger that follows the log has not reached it.' })
  readonly leafIndex!: number | null;

  @ApiProperty({ type: String, nullable: true })
  readonly leafHash!: string | null;

  @ApiProperty({ type: CheckpointView, nullable: true, description: 'The latest signed checkpoint, when it holds the decision.' })
  readonly checkpoint!: CheckpointView | null;

  @ApiProperty({ type: [String], nullable: true, description: 'The decision in the tree of `checkpoint`: RFC 9162 audit path, base64.' })
  readonly inclusionProof!: string[] | null;

  @ApiProperty({ type: MinutesProofView, nullable: true, description: "The minutes' tree, when it holds the decision and the checkpoint holds it." })
  readonly minutes!: MinutesProofView | null;
}

export class DecisionReconstruction {
  @ApiProperty()
  readonly decisionId!: string;

  @ApiProperty({ enum: ['adopted', 'rejected'] })
  readonly outcome!: string;

  @ApiProperty()
  readonly meetingId!: string;

  @ApiProperty()
  readonly text!: string;

  @ApiProperty()
  readonly rationale!: string;

  @ApiProperty({ format: 'date-time' })
  readonly decidedAt!: string;

  @ApiProperty({ type: [String] })
  readonly present!: readonly string[];

  @ApiProperty({ type: [VoteView] })
  readonly votes!: readonly VoteView[];

  @ApiProperty({ type: TallyView })
  readonly tally!: TallyView;

  @ApiProperty({ type: [DissentView] })
  readonly dissent!: readonly DissentView[];

  @ApiProperty({ type: [EvidenceLinkView] })
  readonly evidence!: readonly EvidenceLinkView[];

  @ApiProperty({ type: MetricsPackView, description: 'The exact numbers the decision was based on: the pack as pinned.' })
  readonly pack!: MetricsPackView;

  @ApiProperty({ type: MinutesView, nullable: true, description: 'Null until the chair signs the minutes.' })
  readonly minutes!: MinutesView | null;

  @ApiProperty({ type: DecisionProofView, description: 'Where the decision is in the ledger, and the proofs that put it there.' })
  readonly ledger!: DecisionProofView;
}

/** A page of meetings; `asOf` lists them as they were known then. */
export class MeetingListQuery extends PageQuery {}

export class MeetingSummaryView extends MeetingHeadView {

  @ApiPropertyOptional({ format: 'date-time' })
  readonly closedAt?: string;

  @ApiPropertyOptional({ example: '1042', description: 'The log position the metrics pack is pinned to, once the meeting opened.' })
  readonly packPosition?: string;

  @ApiProperty({ description: 'Proposals on the agenda.' })
  readonly proposals!: number;

  @ApiProperty({ description: 'Proposals adopted.' })
  readonly adopted!: number;
}

export class MeetingPage {
  @ApiProperty({ type: [MeetingSummaryView], description: 'Earliest meeting day first, then by meeting id.' })
  readonly items!: MeetingSummaryView[];

  @ApiProperty(NEXT_CURSOR_FIELD)
  readonly nextCursor!: string | null;
}
