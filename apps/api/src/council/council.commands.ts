import { Inject, Injectable } from '@nestjs/common';
import {
  COUNCIL_CATEGORY,
  councilDecider,
  MEETING_CATEGORY,
  meetingDecider,
  THE_COUNCIL,
  type CastVote,
  type CouncilCommand,
  type CouncilState,
  type LogCheckpoint,
  type MeetingCommand,
  type OpenMeeting,
  type Quorum,
  type RecordDissent,
  type ResolveAgendaItem,
  type ScheduleMeeting,
  type SetCouncilQuorum,
  type SignMinutes,
  type SubmitProposal,
} from '#libs/domain/council/index.js';
import { streamId, type TreeHead } from '#libs/eventsourcing/src/index.js';
import { toBase64 } from '#libs/ledger/src/index.js';
import { STORES, type Stores } from '#libs/persistence/src/index.js';
import { staleItems } from '#projections/council/agenda.js';
import type { Principal } from '../auth/principal.js';
import { LedgerReader } from '../ledger/ledger-reader.js';
import { ForbiddenError } from '../platform/http-errors.js';
import type { RequestOf, WithOptional } from '../platform/command-requests.js';
import { CommandRunner, commandResponse, type CommandResponse, type RequestCommandContext } from '../platform/command-runner.js';
import { MEMBERS } from './council-roles.js';
import { CouncilQueries } from './council.queries.js';

/** Names the ids derived from idempotency keys; fixed forever, or retries would create new entities. */
const MEETING_ID_NAMESPACE = '5b0f1f4e-2f8a-4d51-9a0e-6c1b7d3e9a42';
const PROPOSAL_ID_NAMESPACE = 'a3c9e2d4-7b61-4f0e-8d25-1e9b6c4a7f10';

const COUNCIL_STREAM = streamId(COUNCIL_CATEGORY, THE_COUNCIL);

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

/** The council's commands: its roster (admins) and its meetings (the chair and the members). */
@Injectable()
export class CouncilCommands {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(STORES) private readonly stores: Stores,
    private readonly queries: CouncilQueries,
    private readonly ledger: LedgerReader,
  ) {}

  appointMember(memberId: string, occurredAt: string | undefined, context: RequestCommandContext): Promise<CommandResponse> {
    return this.onRoster({ type: 'AppointCouncilMember', memberId, at: this.runner.businessTime(occurredAt) }, context);
  }

  removeMember(memberId: string, occurredAt: string | undefined, context: RequestCommandContext): Promise<CommandResponse> {
    return this.onRoster({ type: 'RemoveCouncilMember', memberId, at: this.runner.businessTime(occurredAt) }, context);
  }

  appointChair(memberId: string, occurredAt: string | undefined, context: RequestCommandContext): Promise<CommandResponse> {
    return this.onRoster({ type: 'AppointCouncilChair', memberId, at: this.runner.businessTime(occurredAt) }, context);
  }

  setQuorum({ occurredAt, ...quorum }: SetQuorumFields, context: RequestCommandContext): Promise<CommandResponse> {
    return this.onRoster({ type: 'SetCouncilQuorum', quorum: quorum as Quorum, at: this.runner.businessTime(occurredAt) }, context);
  }

  /** Without a day, a week after the latest meeting: the council meets weekly. */
  async schedule(input: ScheduleMeetingFields, context: RequestCommandContext): Promise<CommandResponse> {
    const at = this.runner.businessTime(input.occurredAt);
    const meetingId = input.id ?? this.runner.newEntityId(context, MEETING_ID_NAMESPACE);
    const day = input.day ?? (await this.queries.nextMeetingDay());
    return this.onMeeting({ type: 'ScheduleMeeting', meetingId, day, at }, context);
  }

  /**
   * Pins the metrics pack to the last position of the log before the meeting's own event, and to the
   * ledger's tree up to it, so that the minutes can prove the log the pack was read from.
   */
  async open(
    meetingId: string,
    input: RequestOf<OpenMeeting, 'meetingId' | 'packPosition' | 'packCheckpoint' | 'council'>,
    context: RequestCommandContext,
  ): Promise<CommandResponse> {
    const at = this.runner.businessTime(input.occurredAt);
    const head = await this.stores.events.headPosition();
    const packCheckpoint = logCheckpointOf(await this.ledger.treeAt(head));
    const council = await this.council();
    const command: MeetingCommand = { type: 'OpenMeeting', meetingId, present: input.present, packPosition: (head ?? 0n).toString(), packCheckpoint, council, at };
    return this.onMeeting(command, context);
  }

  /** Answers the new proposal's id. */
  async submit(
    meetingId: string,
    input: WithOptional<RequestOf<SubmitProposal, 'meetingId' | 'proposalId' | 'proposerId'>, 'evidence'>,
    principal: Principal,
    context: RequestCommandContext,
  ): Promise<CommandResponse> {
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
    const result = await this.runner.runDated(meetingDecider, streamId(MEETING_CATEGORY, meetingId), command, context);
    return commandResponse(proposalId, result);
  }

  vote(
    meetingId: string,
    proposalId: string,
    input: RequestOf<CastVote, 'meetingId' | 'proposalId' | 'memberId'>,
    principal: Principal,
    context: RequestCommandContext,
  ): Promise<CommandResponse> {
    const { choice, reason } = input;
    const at = this.runner.businessTime(input.occurredAt);
    return this.onMeeting({ type: 'CastVote', meetingId, proposalId, memberId: memberOf(principal), choice, reason, at }, context);
  }

  dissent(
    meetingId: string,
    proposalId: string,
    input: RequestOf<RecordDissent, 'meetingId' | 'proposalId' | 'memberId'>,
    principal: Principal,
    context: RequestCommandContext,
  ): Promise<CommandResponse> {
    const at = this.runner.businessTime(input.occurredAt);
    return this.onMeeting({ type: 'RecordDissent', meetingId, proposalId, memberId: memberOf(principal), opinion: input.opinion, at }, context);
  }

  decide(meetingId: string, proposalId: string, occurredAt: string | undefined, context: RequestCommandContext): Promise<CommandResponse> {
    return this.onMeeting({ type: 'DecideProposal', meetingId, proposalId, at: this.runner.businessTime(occurredAt) }, context);
  }

  /** The agenda's stale items, as the read model knows them, must each be resolved first. */
  async close(meetingId: string, occurredAt: string | undefined, context: RequestCommandContext): Promise<CommandResponse> {
    const at = this.runner.businessTime(occurredAt);
    const stale = staleItems(await this.queries.agenda(meetingId));
    return this.onMeeting({ type: 'CloseMeeting', meetingId, staleItems: stale, at }, context);
  }

  resolveItem(
    meetingId: string,
    actionId: string,
    input: RequestOf<ResolveAgendaItem, 'meetingId' | 'actionId'>,
    context: RequestCommandContext,
  ): Promise<CommandResponse> {
    const { programId, resolution, note } = input;
    const at = this.runner.businessTime(input.occurredAt);
    return this.onMeeting({ type: 'ResolveAgendaItem', meetingId, programId, actionId, resolution, note, at }, context);
  }

  async signMinutes(
    meetingId: string,
    input: SignMinutesFields,
    principal: Principal,
    context: RequestCommandContext,
  ): Promise<CommandResponse> {
    const at = this.runner.businessTime(input.occurredAt);
    const council = await this.council();
    const checkpoint = logCheckpointOf(await this.ledger.currentTree());
    return this.onMeeting({ type: 'SignMinutes', meetingId, signerId: memberOf(principal), minutes: input.text, checkpoint, council, at }, context);
  }

  private council(): Promise<CouncilState> {
    return this.runner.currentState(councilDecider, COUNCIL_STREAM);
  }

  private async onRoster(command: CouncilCommand, context: RequestCommandContext): Promise<CommandResponse> {
    return commandResponse(THE_COUNCIL, await this.runner.runDated(councilDecider, COUNCIL_STREAM, command, context));
  }

  private async onMeeting(command: MeetingCommand, context: RequestCommandContext): Promise<CommandResponse> {
    const result = await this.runner.runDated(meetingDecider, streamId(MEETING_CATEGORY, command.meetingId), command, context);
    return commandResponse(command.meetingId, result);
  }
}

function logCheckpointOf(tree: TreeHead): LogCheckpoint {
  return { treeSize: tree.treeSize, rootHash: toBase64(tree.rootHash) };
}

/** The member a key acts for: proposing, voting, dissenting and signing need a key issued to an employee. */
function memberOf(principal: Principal): string {
  if (principal.employeeId === undefined) throw new ForbiddenError(MEMBERS, 'acting as a council member with a key issued to no employee');
  return principal.employeeId;
}
