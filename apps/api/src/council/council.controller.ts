import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../platform/entity-commands.js';
import { ApiTags } from '@nestjs/swagger';
import { Caller } from '../auth/caller.decorator.js';
import type { Principal } from '../auth/principal.js';
import { CommandCtx } from '../platform/command-context.js';
import type { CommandResponse, RequestCommandContext } from '../platform/command-runner.service.js';
import { BusinessTimeRequest } from '../platform/dto-fields.js';
import { COUNCIL } from '#projections/council/council.projection.js';
import { AsOfQuery, namedMoment, type ResolvedAsOf } from '../platform/as-of.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { EVERY_READ_MODEL } from '../platform/read-pipeline.service.js';
import { MinPositionQuery } from '../platform/read-your-writes.js';
import { CommandRoute, InvalidRequest, PAGE_NOTE, ReadRoute } from '../platform/route-docs.js';
import { CouncilCommands } from './council-commands.service.js';
import { CHAIR, COUNCIL_ADMINS, COUNCIL_READERS, MEMBERS } from './council-roles.js';
import {
  AgendaItemParams,
  CastVoteRequest,
  DissentRequest,
  MeetingListQuery,
  MeetingPage,
  MeetingParams,
  MeetingView,
  MemberParams,
  MemberRequest,
  MetricsPackView,
  MinutesRequest,
  OpenMeetingRequest,
  PackQuery,
  ProposalParams,
  QuorumRequest,
  ResolveItemRequest,
  RosterView,
  ScheduleMeetingRequest,
  SubmitProposalRequest,
} from './council.dto.js';
import { CouncilQueries } from './council-queries.service.js';
import { AgendaView } from './programs.dto.js';

const NO_MEETING = 'No such meeting (NOT_FOUND).';
const NO_PROPOSAL = 'No such meeting or proposal (NOT_FOUND).';
const AS_MEMBER = 'The member is the employee the API key was issued to (403 for a key of no employee).';

@ApiTags('council')
@Controller('council')
@InvalidRequest()
export class CouncilController {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly commands: CouncilCommands,
    private readonly queries: CouncilQueries,
  ) {}

  @Get()
  @ReadRoute(COUNCIL_READERS, {
    summary: 'The council: its members, chair and quorum',
    description: 'As the read model knows it now.',
    type: RosterView,
    reads: EVERY_READ_MODEL,
  })
  roster(@Query() _query: MinPositionQuery): Promise<RosterView> {
    return this.queries.roster();
  }

  @Post('members')
  @CommandRoute(COUNCIL_ADMINS, { summary: 'Appoint an employee to the council', conflicts: 'Already a member (ALREADY_A_MEMBER).' })
  appoint(@Body() body: MemberRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(this.commands.appointMember(body, context));
  }

  @Post('members/:memberId/removal')
  @CommandRoute(COUNCIL_ADMINS, {
    summary: 'Remove a member from the council',
    conflicts: 'Not a member (NOT_A_MEMBER), or the sitting chair (CHAIR_CANNOT_BE_REMOVED).',
  })
  remove(@Param() params: MemberParams, @Body() body: BusinessTimeRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(this.commands.removeMember(params.memberId, body, context));
  }

  @Post('chair')
  @CommandRoute(COUNCIL_ADMINS, {
    summary: 'Make a member the chair',
    description: 'Appointing the sitting chair appends nothing (position null).',
    conflicts: 'Not a member (NOT_A_MEMBER).',
  })
  appointChair(@Body() body: MemberRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(this.commands.appointChair(body, context));
  }

  @Post('quorum')
  @CommandRoute(COUNCIL_ADMINS, {
    summary: 'Set the quorum: a number of members present, or a share of the members',
    description: 'Until set: half of the members, rounded up. Meetings already open keep the quorum they opened with.',
  })
  setQuorum(@Body() body: QuorumRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(this.commands.setQuorum(body, context));
  }

  @Post('meetings')
  @CommandRoute(CHAIR, {
    summary: 'Schedule a meeting; weekly by default',
    creates: true,
    conflicts: 'A meeting with this id exists (MEETING_EXISTS).',
    readsModels: true,
  })
  async schedule(@Body() body: ScheduleMeetingRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.schedule(body, context));
  }

  @Get('meetings')
  @ReadRoute(COUNCIL_READERS, {
    summary: 'The meetings, earliest day first: day, status, and how many proposals were adopted',
    description: `With \`asOf\`, as they were known then: meetings scheduled later are absent, others in the status they had. ${PAGE_NOTE}`,
    type: MeetingPage,
    reads: COUNCIL,
  })
  meetings(@Query() query: MeetingListQuery, @ReadMoment() moment: ResolvedAsOf): Promise<MeetingPage> {
    return this.queries.meetings(query, moment);
  }

  @Get('meetings/:id')
  @ReadRoute(COUNCIL_READERS, {
    summary: 'A meeting: attendance, agenda of proposals with their votes and dissent, outcome and minutes',
    description: 'As the read model knows it now; with `asOf`, as it was known then (votes and decisions recorded later absent).',
    type: MeetingView,
    reads: COUNCIL,
    notFound: NO_MEETING,
  })
  meeting(@Param() params: MeetingParams, @Query() _query: AsOfQuery, @ReadMoment() moment: ResolvedAsOf): Promise<MeetingView> {
    return this.queries.meeting(params.id, namedMoment(moment));
  }

  @Get('meetings/:id/agenda')
  @ReadRoute(COUNCIL_READERS, {
    summary: 'The agenda: undecided proposals, overdue improvement actions and the metrics pack',
    description:
      'Actions of running programs past their deadline on the meeting day are listed until completed. With `asOf`, ' +
      'from the meeting and programs as they were known then.',
    type: AgendaView,
    reads: COUNCIL,
    notFound: NO_MEETING,
  })
  agenda(@Param() params: MeetingParams, @Query() _query: AsOfQuery, @ReadMoment() moment: ResolvedAsOf): Promise<AgendaView> {
    return this.queries.agenda(params.id, namedMoment(moment));
  }

  @Post('meetings/:id/opening')
  @CommandRoute(CHAIR, {
    summary: 'Open the meeting with the members present; pins the metrics pack to the current end of the log and records it',
    description:
      'The pack is computed as of the pinned position, once the read models it draws on have reached it, and appended ' +
      'with the opening (`MetricsPackRecorded`): the numbers the council is shown, with the version of each definition.',
    conflicts: 'Opened already (MEETING_NOT_SCHEDULED), no chair (NO_CHAIR), a non-member present (NOT_A_MEMBER).',
    notFound: NO_MEETING,
    readsModels: true,
  })
  async open(@Param() params: MeetingParams, @Body() body: OpenMeetingRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.open(params.id, body, context));
  }

  @Post('meetings/:id/proposals')
  @CommandRoute(MEMBERS, {
    summary: 'Propose: a text, its rationale and links to the evidence',
    description: `Answers the new proposal's id. ${AS_MEMBER}`,
    creates: true,
    conflicts: 'The meeting is not open (MEETING_NOT_OPEN), or the proposer is not present (NOT_PRESENT).',
    notFound: NO_MEETING,
  })
  propose(
    @Param() params: MeetingParams,
    @Body() body: SubmitProposalRequest,
    @Caller() principal: Principal,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.submit(params.id, body, principal, context));
  }

  @Post('meetings/:id/proposals/:proposalId/votes')
  @CommandRoute(MEMBERS, {
    summary: 'Vote for, against or abstain, with a reason',
    description: `Members present vote, once each. ${AS_MEMBER}`,
    conflicts: 'MEETING_NOT_OPEN, NOT_PRESENT, ALREADY_VOTED, PROPOSAL_DECIDED.',
    notFound: NO_PROPOSAL,
  })
  vote(
    @Param() params: ProposalParams,
    @Body() body: CastVoteRequest,
    @Caller() principal: Principal,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.vote(params.id, params.proposalId, body, principal, context));
  }

  @Post('meetings/:id/proposals/:proposalId/dissent')
  @CommandRoute(MEMBERS, {
    summary: 'Write a dissenting opinion',
    description: `From a member who voted against or abstained, before the outcome, once; the decision carries it. ${AS_MEMBER}`,
    conflicts: 'MEETING_NOT_OPEN, NOT_A_DISSENTER, PROPOSAL_DECIDED.',
    notFound: NO_PROPOSAL,
  })
  dissent(
    @Param() params: ProposalParams,
    @Body() body: DissentRequest,
    @Caller() principal: Principal,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.dissent(params.id, params.proposalId, body, principal, context));
  }

  @Post('meetings/:id/proposals/:proposalId/decision')
  @CommandRoute(CHAIR, {
    summary: 'Count the votes: adopted by a majority of the members present, otherwise rejected',
    description:
      'A tie is not a majority; abstentions and missing votes count as present and not for. `DecisionAdopted` carries ' +
      'the pinned pack position, the votes, the dissent and the evidence; the decision id is the proposal id.',
    conflicts: 'MEETING_NOT_OPEN, QUORUM_NOT_MET, PROPOSAL_DECIDED.',
    notFound: NO_PROPOSAL,
  })
  decide(@Param() params: ProposalParams, @Body() body: BusinessTimeRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(this.commands.decide(params.id, params.proposalId, body, context));
  }

  @Post('meetings/:id/agenda-items/:actionId/resolution')
  @CommandRoute(CHAIR, {
    summary: 'Carry over or escalate a stale improvement action on the agenda',
    description: 'Stale: overdue for longer than two weekly meetings. Completing the action is the other way to resolve it.',
    conflicts: 'The meeting is not open (MEETING_NOT_OPEN).',
    notFound: NO_MEETING,
  })
  resolveItem(
    @Param() params: AgendaItemParams,
    @Body() body: ResolveItemRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.resolveItem(params.id, params.actionId, body, context));
  }

  @Post('meetings/:id/closing')
  @CommandRoute(CHAIR, {
    summary: 'Close the meeting',
    conflicts:
      'Not open (MEETING_NOT_OPEN), a proposal is undecided (PROPOSALS_UNDECIDED), or a stale agenda item was neither ' +
      'completed, carried over nor escalated (STALE_ITEMS_UNRESOLVED).',
    notFound: NO_MEETING,
    readsModels: true,
  })
  async close(@Param() params: MeetingParams, @Body() body: BusinessTimeRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.close(params.id, body, context));
  }

  @Post('meetings/:id/minutes')
  @CommandRoute(CHAIR, {
    summary: 'Sign the minutes of a closed meeting',
    description: `Only the chair of the council signs. ${AS_MEMBER}`,
    conflicts: 'MEETING_NOT_CLOSED, MINUTES_ALREADY_SIGNED, NOT_THE_CHAIR.',
    notFound: NO_MEETING,
  })
  async signMinutes(
    @Param() params: MeetingParams,
    @Body() body: MinutesRequest,
    @Caller() principal: Principal,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.signMinutes(params.id, body, principal, context));
  }

  @Get('meetings/:id/pack')
  @ReadRoute(COUNCIL_READERS, {
    summary: 'The metrics pack of a meeting, as recorded when it opened; with `compare=now`, beside today’s view',
    description:
      'Indicators for the last complete ISO week before the meeting day and the week before it, with targets and deviations, ' +
      'exactly as recorded at the opening (computed as of the pinned position, each with the version of its definition): ' +
      'the same numbers forever, whatever changes later. `compare=now` adds the same periods computed today with today’s ' +
      'data and definitions, each indicator marked with what differs: late facts, corrections, a changed definition. ' +
      'Meetings opened before packs were recorded show the pack of that time (the week of the meeting and the week before), ' +
      'recorded at the first start after the change. The seven support KPIs come from the support report (`GET /metrics/support`) ' +
      'of the tickets opened in each week, against the targets of the support standards. With `asOf`, the pack as known ' +
      'at that moment, and `compare=now` computes the periods as known then rather than today.',
    type: MetricsPackView,
    reads: COUNCIL,
    notFound: 'No such meeting, or it has not opened yet, or its earlier pack is not recorded yet (at `asOf`, when given) (NOT_FOUND).',
  })
  pack(@Param() params: MeetingParams, @Query() query: PackQuery, @ReadMoment() moment: ResolvedAsOf): Promise<MetricsPackView> {
    return this.queries.pack(params.id, query.compare === 'now', namedMoment(moment));
  }
}
