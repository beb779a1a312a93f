import { Inject, Injectable } from '@nestjs/common';
import { dayOf } from '#domain/shared/days.js';
import { NotFoundError, type Clock, type Position } from '#kernel';
import { CLOCK, STORES, type Stores } from '#persistence';
import { actionCountsOn, agendaOf, goalProgress, nextWeeklyDay } from '#projections/council/agenda.js';
import {
  COUNCIL,
  decisionDocumentId,
  meetingDocumentId,
  packDocumentId,
  planOf,
  programDocumentId,
  ROSTER_DOCUMENT_ID,
  type DecisionDocument,
  type MeetingDocument,
  type PackDocument,
  type ProgramDocument,
  type RosterDocument,
} from '#projections/council/council.projection.js';
import { DEFAULT_QUORUM, type DecisionFacts } from '#domain/council/index.js';
import type { LogCheckpoint } from '#domain/shared/log-checkpoint.js';
import { comparedIndicators, currentValues, weekHoldingPeriods } from '#projections/council/metrics-pack.js';
import { LedgerReader } from '../ledger/ledger-reader.service.js';
import { asOfView, namedMoment, readAsOf, type ResolvedAsOf } from '../platform/as-of.js';
import { equalsFilter, readPage, type Page } from '../platform/keyset-pages.js';
import { checkpointView, hash } from '../ledger/ledger.dto.js';
import type {
  DecisionProofView,
  DecisionReconstruction,
  MeetingListQuery,
  MeetingSummaryView,
  MeetingView,
  MetricsPackView,
  RosterView,
} from './council.dto.js';
import { MetricsPackReader } from './metrics-pack-reader.service.js';
import type { AgendaView, ProgramListQuery, ProgramSummaryView, ProgramView } from './programs.dto.js';

@Injectable()
export class CouncilQueries {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly packs: MetricsPackReader,
    private readonly ledger: LedgerReader,
  ) {}

  async roster(): Promise<RosterView> {
    const found = await this.stores.reads.get<RosterDocument>(COUNCIL, ROSTER_DOCUMENT_ID);
    const { members, chairId, quorum } = found?.data ?? { members: [], quorum: DEFAULT_QUORUM };
    return { members, chairId: chairId ?? null, quorum };
  }

  async meeting(meetingId: string, moment?: ResolvedAsOf): Promise<MeetingView> {
    const found = await this.stores.reads.get<MeetingDocument>(COUNCIL, meetingDocumentId(meetingId), moment && readAsOf(moment));
    if (!found) throw new NotFoundError('meeting', meetingId);
    const { kind: _kind, ...meeting } = found.data;
    return meeting;
  }

  /** Earliest day first: the order in which the council met, and the one the keyset index reads. */
  meetings(query: MeetingListQuery, moment: ResolvedAsOf): Promise<Page<MeetingSummaryView>> {
    return readPage<MeetingDocument, MeetingSummaryView>(
      this.stores.reads,
      { projection: COUNCIL, filter: { kind: 'meeting' }, orderBy: 'day', moment },
      query,
      meetingSummaryOf,
    );
  }

  /**
   * The pack as recorded for the meeting and, with `compareNow`, the same periods computed today. With a
   * past moment (`asOf`), the pack is the one known then and the comparison is computed as of then.
   */
  async pack(meetingId: string, compareNow: boolean, pastMoment?: ResolvedAsOf): Promise<MetricsPackView> {
    const meeting = await this.meeting(meetingId, pastMoment);
    const recorded = await this.recordedPack(meeting.meetingId, pastMoment);
    return this.packView(recorded, meeting.day, compareNow, pastMoment);
  }

  /** The pack a meeting was shown; a meeting not opened yet, or opened before packs were recorded and not yet backfilled, has none. */
  private async recordedPack(meetingId: string, moment?: ResolvedAsOf): Promise<PackDocument> {
    const found = await this.stores.reads.get<PackDocument>(COUNCIL, packDocumentId(meetingId), moment && readAsOf(moment));
    if (!found) throw new NotFoundError('metrics pack of meeting', meetingId);
    return found.data;
  }

  /**
   * A decision with the numbers it was based on, its votes, dissent, evidence and the minutes, and the
   * proofs that the event recording it is in the log: in the latest signed checkpoint, and in the tree
   * the minutes carry, itself a prefix of that checkpoint.
   */
  async decision(decisionId: string): Promise<DecisionReconstruction> {
    const found = await this.stores.reads.get<DecisionDocument>(COUNCIL, decisionDocumentId(decisionId));
    if (!found) throw new NotFoundError('decision', decisionId);
    const { kind: _kind, proposalId, packPosition: _packPosition, ...decision } = found.data;
    const meeting = await this.meeting(decision.meetingId);
    const pack = await this.packView(await this.recordedPack(meeting.meetingId), meeting.day, false);
    const minutes = meeting.minutes ?? null;
    return { decisionId: proposalId, ...decision, pack, minutes, ledger: await this.decisionProof(found.position, minutes?.checkpoint ?? null) };
  }

  /** A decision document is written once, by the event that recorded the decision: its position is that event's. */
  private async decisionProof(position: Position, minutesTree: LogCheckpoint | null): Promise<DecisionProofView> {
    const leaf = await this.stores.ledger.leafAt(position);
    const none = { position: position.toString(), leafIndex: null, leafHash: null, checkpoint: null, inclusionProof: null, minutes: null };
    if (leaf === undefined) return none;
    const latest = await this.stores.ledger.latestCheckpoint();
    const found = { ...none, leafIndex: leaf.index, leafHash: hash(leaf.leafHash) };
    if (latest === undefined || latest.treeSize <= leaf.index) return found;
    const inCheckpoint = await this.ledger.inclusion(position, latest.treeSize);
    const holdsDecision = minutesTree !== null && minutesTree.treeSize > leaf.index && minutesTree.treeSize <= latest.treeSize;
    return {
      ...found,
      checkpoint: checkpointView(latest),
      inclusionProof: inCheckpoint.proof.map(hash),
      minutes: holdsDecision ? await this.minutesProof(position, minutesTree, latest.treeSize) : null,
    };
  }

  private async minutesProof(position: Position, minutesTree: LogCheckpoint, checkpointSize: number) {
    const [inMinutes, toCheckpoint] = await Promise.all([
      this.ledger.inclusion(position, minutesTree.treeSize),
      this.ledger.consistency(minutesTree.treeSize, checkpointSize),
    ]);
    return { ...minutesTree, inclusionProof: inMinutes.proof.map(hash), consistencyProof: toCheckpoint.proof.map(hash) };
  }

  async agenda(meetingId: string, moment?: ResolvedAsOf): Promise<AgendaView> {
    const asOf = moment && readAsOf(moment);
    const found = await this.stores.reads.get<MeetingDocument>(COUNCIL, meetingDocumentId(meetingId), asOf);
    if (!found) throw new NotFoundError('meeting', meetingId);
    const programs = await this.stores.reads.find<ProgramDocument>(COUNCIL, { kind: 'program', status: 'running' }, asOf);
    const earlier = await this.stores.reads.find<MeetingDocument>(COUNCIL, { kind: 'meeting', day: { $lt: found.data.day } }, asOf);
    return agendaOf(
      found.data,
      programs.map((program) => program.data),
      earlier.map((meeting) => meeting.data),
    );
  }

  /** The day a meeting scheduled without one takes. */
  async nextMeetingDay(): Promise<string> {
    const meetings = await this.stores.reads.find<MeetingDocument>(COUNCIL, { kind: 'meeting' });
    return nextWeeklyDay(meetings.map((meeting) => meeting.data.day), dayOf(this.clock.now().toISOString()));
  }

  /** A decided proposal as the council sees it, for the commands that build on it. */
  async decided(decisionId: string): Promise<DecisionDocument> {
    const found = await this.stores.reads.get<DecisionDocument>(COUNCIL, decisionDocumentId(decisionId));
    if (!found) throw new NotFoundError('decision', decisionId);
    return found.data;
  }

  /** The current-week value of each indicator in the pack the decision was based on, as recorded. */
  async valuesOfDecision(decision: DecisionDocument): Promise<Readonly<Record<string, number | null>>> {
    return currentValues((await this.recordedPack(decision.meetingId)).indicators);
  }

  /**
   * The current-week value of each indicator as known now: the week so far. At a past moment, the week
   * holding it as known then (a moment named by a position alone has no time: the current week).
   */
  async liveValues(moment?: ResolvedAsOf): Promise<Readonly<Record<string, number | null>>> {
    const day = this.dayAt(moment);
    return this.packs.valuesAt(day, weekHoldingPeriods(day).current, moment && (moment.position ?? 0n));
  }

  private dayAt(moment?: ResolvedAsOf): string {
    return dayOf(moment?.time ?? this.clock.now().toISOString());
  }

  /**
   * The programs, earliest created first, each goal beside the live value of its indicator and the
   * actions counted on the day: one reading of the live values serves the whole page.
   */
  async programs(query: ProgramListQuery, moment: ResolvedAsOf): Promise<Page<ProgramSummaryView>> {
    const filter = { kind: 'program', ...equalsFilter(query, ['status']) };
    const page = await readPage<ProgramDocument>(this.stores.reads, { projection: COUNCIL, filter, orderBy: 'createdAt', moment }, query);
    if (page.items.length === 0) return { items: [], nextCursor: page.nextCursor };
    const pastMoment = namedMoment(moment);
    const live = await this.liveValues(pastMoment);
    const day = this.dayAt(pastMoment);
    const items = page.items.map(({ programId, decisionId, title, status, goals, actions, createdAt, closedAt }) => ({
      programId,
      decisionId,
      title,
      status,
      goals: goalProgress(goals, live),
      actions: actionCountsOn(actions, day),
      createdAt,
      ...(closedAt === undefined ? {} : { closedAt }),
    }));
    return { items, nextCursor: page.nextCursor };
  }

  /** A program with each goal beside the live value of its indicator (as known at the moment, when given). */
  async program(programId: string, moment?: ResolvedAsOf): Promise<ProgramView> {
    const found = await this.stores.reads.get<ProgramDocument>(COUNCIL, programDocumentId(programId), moment && readAsOf(moment));
    if (!found) throw new NotFoundError('improvement program', programId);
    const { kind: _kind, goals, ...program } = found.data;
    return { ...program, ...planOf(found.data), goals: goalProgress(goals, await this.liveValues(moment)) };
  }

  private async packView(recorded: PackDocument, day: string, compareNow: boolean, pastMoment?: ResolvedAsOf): Promise<MetricsPackView> {
    const { meetingId, periodRule, periods, recordedAt, indicators, packPosition } = recorded;
    const view = { meetingId, periodRule, periods, recordedAt, then: { asOf: { position: packPosition }, indicators } };
    return compareNow ? { ...view, now: await this.comparedNow(recorded, day, pastMoment) } : view;
  }

  /**
   * The recorded periods computed today over the facts as of the pinned position and as known now (or
   * at the past moment asked for), each difference marked.
   */
  private async comparedNow(recorded: PackDocument, day: string, pastMoment?: ResolvedAsOf) {
    const [pinned, now] = await Promise.all([
      this.packs.computeAt(day, recorded.periods, BigInt(recorded.packPosition)),
      pastMoment ? this.packs.computeAt(day, recorded.periods, pastMoment.position ?? 0n) : this.packs.computeNow(day, recorded.periods),
    ]);
    const asOf = pastMoment ?? now.asOf;
    return { asOf: asOfView(asOf), indicators: comparedIndicators(recorded.indicators, pinned.indicators, now.indicators) };
  }
}

function meetingSummaryOf(meeting: MeetingDocument): MeetingSummaryView {
  const { meetingId, day, status, scheduledAt, openedAt, closedAt, packPosition, proposals } = meeting;
  return {
    meetingId,
    day,
    status,
    scheduledAt,
    ...(openedAt !== undefined && { openedAt }),
    ...(closedAt !== undefined && { closedAt }),
    ...(packPosition !== undefined && { packPosition }),
    proposals: proposals.length,
    adopted: proposals.filter((proposal) => proposal.status === 'adopted').length,
  };
}

/** What the rules of a command built on a decision need of it: its id and outcome. */
export function decisionFactsOf(decision: DecisionDocument): DecisionFacts {
  return { decisionId: decision.proposalId, outcome: decision.outcome };
}
