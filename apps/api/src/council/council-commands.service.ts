import { Injectable } from '@nestjs/common';
import {
  COUNCIL_CATEGORY,
  type AppointCouncilChair,
  type AppointCouncilMember,
  type CloseMeeting,
  type DecideProposal,
  type RemoveCouncilMember,
  councilDecider,
  MEETING_CATEGORY,
  meetingDecider,
  THE_COUNCIL,
  type CastVote,
  type CouncilCommand,
  type CouncilEvent,
  type CouncilState,
  type MeetingCommand,
  type MeetingEvent,
  type MeetingState,
  type OpenMeeting,
  type Quorum,
  type RecordDissent,
  type ResolveAgendaItem,
  type ScheduleMeeting,
  type SetCouncilQuorum,
  type SignMinutes,
  type SubmitProposal,
} from '#domain/council/index.js';
import { NotFoundError } from '#kernel';
import { staleItems } from '#projections/council/agenda.js';
import type { Principal } from '../auth/principal.js';
import { LedgerReader } from '../ledger/ledger-reader.service.js';
import { ForbiddenError } from '../platform/http-errors.js';
import type { RequestOf, WithOptional } from '../platform/command-requests.js';
import { CommandRunner, type RequestCommandContext } from '../platform/command-runner.service.js';
import type { EntityCommand } from '../platform/entity-commands.js';
import { EntityStreams } from '../platform/entity-streams.js';
import { MEMBERS } from './council-roles.js';
import { CouncilQueries } from './council-queries.service.js';
import { MetricsPackReader } from './metrics-pack-reader.service.js';

/** Names the ids derived from idempotency keys; fixed forever, or retries would create new entities. */
const MEETING_ID_NAMESPACE = '5b0f1f4e-2f8a-4d51-9a0e-6c1b7d3e9a42';
const PROPOSAL_ID_NAMESPACE = 'a3c9e2d4-7b61-4f0e-8d25-1e9b6c4a7f10';

type CouncilBusCommand = EntityCommand<CouncilCommand, CouncilEvent, CouncilState>;
type MeetingBusCommand = EntityCommand<MeetingCommand, MeetingEvent, MeetingState>;

/** A request gives the quorum's fields flat, the count or the share its kind needs; the decider checks which. */
export type SetQuorumFields = RequestOf<SetCouncilQuorum, 'quorum'> & {
  readonly kind: Quorum['kind'];
  readonly count?: number;
  readonly share?: number;
};

/** Without a day, the meeting is a week after the latest; the id a caller may choose comes as `id`. */
export type ScheduleMeetingFields = WithOptional<RequestOf<ScheduleMeeting, 'meetingId'>, 'day'> & { readonly id?: string };

/** A request signs the minutes as `text`; the signer is the caller, the checkpoint and the council are read here. */
export type SignMinutesFields = RequestOf<SignMinutes, 'meetingId' | 'signerId' | 'minutes' | 'checkpoint' | 'council'> & {
  readonly text: SignMinutes['minutes'];
};

/**
 * The council's commands, built from requests for the command bus: its roster (admins) and its
 * meetings (the chair and the members). The council is one entity; a proposal is a part of its meeting.
 */
@Injectable()
export class CouncilCommands {
  private readonly councils: EntityStreams<CouncilCommand, CouncilEvent, CouncilState>;
  private readonly meetings: EntityStreams<MeetingCommand, MeetingEvent, MeetingState>;

  constructor(
    private readonly runner: CommandRunner,
    private readonly queries: CouncilQueries,
    private readonly ledger: LedgerReader,
    private readonly packs: MetricsPackReader,
  ) {
    this.councils = new EntityStreams(runner, { decider: councilDecider, category: COUNCIL_CATEGORY, idOf: () => THE_COUNCIL });
    this.meetings = new EntityStreams(runner, {
      decider: meetingDecider,
      category: MEETING_CATEGORY,
      idOf: (command) => command.meetingId,
      answerIdOf: (command) => (command.type === 'SubmitProposal' ? command.proposalId : command.meetingId),
    });
  }

  appointMember(input: RequestOf<AppointCouncilMember>, context: RequestCommandContext): CouncilBusCommand {
    return this.councils.command({ type: 'AppointCouncilMember', memberId: input.memberId, at: this.runner.businessTime(input.occurredAt) }, context);
  }

  removeMember(memberId: string, input: RequestOf<RemoveCouncilMember, 'memberId'>, context: RequestCommandContext): CouncilBusCommand {
    return this.councils.command({ type: 'RemoveCouncilMember', memberId, at: this.runner.businessTime(input.occurredAt) }, context);
  }

  appointChair(input: RequestOf<AppointCouncilChair>, context: RequestCommandContext): CouncilBusCommand {
    return this.councils.command({ type: 'AppointCouncilChair', memberId: input.memberId, at: this.runner.businessTime(input.occurredAt) }, context);
  }

  setQuorum({ occurredAt, ...quorum }: SetQuorumFields, context: RequestCommandContext): CouncilBusCommand {
    return this.councils.command({ type: 'SetCouncilQuorum', quorum: quorum as Quorum, at: this.runner.businessTime(occurredAt) }, context);
  }

  /** Without a day, a week after the latest meeting: the council meets weekly. */
  async schedule(input: ScheduleMeetingFields, context: RequestCommandContext): Promise<MeetingBusCommand> {
    const at = this.runner.businessTime(input.occurredAt);
    const meetingId = input.id ?? this.runner.newEntityId(context, MEETING_ID_NAMESPACE);
    const day = input.day ?? (await this.queries.nextMeetingDay());
    return this.meetings.command({ type: 'ScheduleMeeting', meetingId, day, at }, context);
  }

  /**
   * Pins the metrics pack to the last position of the log before the meeting's own event, and to the
   * ledger's tree up to it, so that the minutes can prove the log the pack was read from; computes the
   * pack there, for the opening to record it.
   */
  async open(
    meetingId: string,
    input: RequestOf<OpenMeeting, 'meetingId' | 'packPosition' | 'packCheckpoint' | 'pack' | 'council'>,
    context: RequestCommandContext,
  ): Promise<MeetingBusCommand> {
    const at = this.runner.businessTime(input.occurredAt);
    const meeting = await this.meetings.current(meetingId);
    if (meeting.status === 'absent') throw new NotFoundError('meeting', meetingId);
    const { position, checkpoint } = await this.ledger.pinnedHead();
    const [pack, council] = await Promise.all([this.packs.packAt(meeting.day, 'complete-weeks-before', position), this.council()]);
    const command: MeetingCommand = { type: 'OpenMeeting', meetingId, present: input.present, packPosition: position.toString(), packCheckpoint: checkpoint, pack, council, at };
    return this.meetings.command(command, context);
  }

  /**
   * Records the pack of a meeting opened before packs were recorded, as it showed it then: by the week-of-
   * meeting rule, as of its pinned position. Dated now, when it is recorded.
   */
  async recordEarlierPack(meetingId: string, context: RequestCommandContext): Promise<MeetingBusCommand> {
    const meeting = await this.meetings.current(meetingId);
    if (meeting.status === 'absent' || meeting.packPosition === undefined) throw new NotFoundError('opened meeting', meetingId);
    const pack = await this.packs.packAt(meeting.day, 'week-of-meeting', BigInt(meeting.packPosition));
    return this.meetings.command({ type: 'RecordMetricsPack', meetingId, pack, at: this.runner.businessTime(undefined) }, context);
  }

  /** Answers the new proposal's id. */
  submit(
    meetingId: string,
    input: WithOptional<RequestOf<SubmitProposal, 'meetingId' | 'proposalId' | 'proposerId'>, 'evidence'>,
    principal: Principal,
    context: RequestCommandContext,
  ): MeetingBusCommand {
    const proposalId = this.runner.newEntityId(context, PROPOSAL_ID_NAMESPACE);
    const { text, rationale, evidence = [] } = input;
    const command: MeetingCommand = {
      type: 'SubmitProposal',
      meetingId,
      proposalId,
      proposerId: memberOf(principal),
      text,
      rationale,
      evidence,
      at: this.runner.businessTime(input.occurredAt),
    };
    return this.meetings.command(command, context);
  }

  vote(
    meetingId: string,
    proposalId: string,
    input: RequestOf<CastVote, 'meetingId' | 'proposalId' | 'memberId'>,
    principal: Principal,
    context: RequestCommandContext,
  ): MeetingBusCommand {
    const { choice, reason } = input;
    const at = this.runner.businessTime(input.occurredAt);
    return this.meetings.command({ type: 'CastVote', meetingId, proposalId, memberId: memberOf(principal), choice, reason, at }, context);
  }

  dissent(
    meetingId: string,
    proposalId: string,
    input: RequestOf<RecordDissent, 'meetingId' | 'proposalId' | 'memberId'>,
    principal: Principal,
    context: RequestCommandContext,
  ): MeetingBusCommand {
    const at = this.runner.businessTime(input.occurredAt);
    return this.meetings.command({ type: 'RecordDissent', meetingId, proposalId, memberId: memberOf(principal), opinion: input.opinion, at }, context);
  }

  decide(
    meetingId: string,
    proposalId: string,
    input: RequestOf<DecideProposal, 'meetingId' | 'proposalId'>,
    context: RequestCommandContext,
  ): MeetingBusCommand {
    return this.meetings.command({ type: 'DecideProposal', meetingId, proposalId, at: this.runner.businessTime(input.occurredAt) }, context);
  }

  /** The agenda's stale items, as the read model knows them, must each be resolved first. */
  async close(meetingId: string, input: RequestOf<CloseMeeting, 'meetingId' | 'staleItems'>, context: RequestCommandContext): Promise<MeetingBusCommand> {
    const at = this.runner.businessTime(input.occurredAt);
    const stale = staleItems(await this.queries.agenda(meetingId));
    return this.meetings.command({ type: 'CloseMeeting', meetingId, staleItems: stale, at }, context);
  }

  resolveItem(
    meetingId: string,
    actionId: string,
    input: RequestOf<ResolveAgendaItem, 'meetingId' | 'actionId'>,
    context: RequestCommandContext,
  ): MeetingBusCommand {
    const { programId, resolution, note } = input;
    const at = this.runner.businessTime(input.occurredAt);
    return this.meetings.command({ type: 'ResolveAgendaItem', meetingId, programId, actionId, resolution, note, at }, context);
  }

  async signMinutes(
    meetingId: string,
    input: SignMinutesFields,
    principal: Principal,
    context: RequestCommandContext,
  ): Promise<MeetingBusCommand> {
    const at = this.runner.businessTime(input.occurredAt);
    const council = await this.council();
    const { checkpoint } = await this.ledger.pinnedHead();
    return this.meetings.command({ type: 'SignMinutes', meetingId, signerId: memberOf(principal), minutes: input.text, checkpoint, council, at }, context);
  }

  private council(): Promise<CouncilState> {
    return this.councils.current(THE_COUNCIL);
  }
}

/** The member a key acts for: proposing, voting, dissenting and signing need a key issued to an employee. */
function memberOf(principal: Principal): string {
  if (principal.employeeId === undefined) throw new ForbiddenError(MEMBERS, 'acting as a council member with a key issued to no employee');
  return principal.employeeId;
}
