import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../../../api/src/platform/entity-commands.js';
import { STORES, type Stores } from '#persistence';
import type { Principal } from '../../../api/src/auth/principal.js';
import { CouncilCommands } from '../../../api/src/council/council-commands.service.js';
import { ProgramCommands } from '../../../api/src/council/program-commands.service.js';
import type { RequestCommandContext } from '../../../api/src/platform/command-runner.service.js';
import { ProjectionProgress } from '../../../api/src/platform/projection-progress.service.js';
import type { CouncilStep } from './council-plan.js';

type Caller = (actor: CouncilStep['actor']) => Principal;
type ContextOf = (caller: Principal) => RequestCommandContext;
/** The app's id of an inspection the plan names by its key. */
type InspectionId = (key: string) => string;

/**
 * Runs the council's steps: commands built by the council's command services and run on the command
 * bus. The app gives proposals their ids, which decisions and programs then carry: this keeps them by
 * the plan's keys. Closing a meeting (its stale items), creating a program (the decision and its
 * pinned pack) and checking effectiveness (the live metrics) read the read models, so those wait for
 * them to hold everything recorded before.
 */
export class DemoCouncil {
  private readonly bus: CommandBus<AppCommand>;
  private readonly council: CouncilCommands;
  private readonly programs: ProgramCommands;
  private readonly stores: Stores;
  private readonly projections: ProjectionProgress;
  private readonly proposalIds = new Map<string, string>();

  constructor(app: INestApplicationContext) {
    this.bus = app.get<CommandBus<AppCommand>>(CommandBus);
    this.council = app.get(CouncilCommands);
    this.programs = app.get(ProgramCommands);
    this.stores = app.get<Stores>(STORES);
    this.projections = app.get(ProjectionProgress);
  }

  async perform(step: CouncilStep, callerOf: Caller, contextOf: ContextOf, inspectionId: InspectionId): Promise<void> {
    const caller = callerOf(step.actor);
    const context = contextOf(caller);
    const { occurredAt } = step;
    switch (step.type) {
      case 'appoint-council-member':
        await this.bus.execute(this.council.appointMember({ memberId: step.memberId, occurredAt }, context));
        return;
      case 'appoint-council-chair':
        await this.bus.execute(this.council.appointChair({ memberId: step.memberId, occurredAt }, context));
        return;
      case 'set-council-quorum':
        await this.bus.execute(this.council.setQuorum({ kind: 'count', count: step.count, occurredAt }, context));
        return;
      case 'schedule-meeting':
        await this.bus.execute(await this.council.schedule({ id: step.meetingId, day: step.day, occurredAt }, context));
        return;
      case 'open-meeting':
        await this.bus.execute(await this.council.open(step.meetingId, { present: [...step.present], occurredAt }, context));
        return;
      case 'submit-proposal': {
        const evidence = step.evidence.map((link) => (link.kind === 'inspection' ? { ...link, id: inspectionId(link.id) } : link));
        const input = { text: step.text, rationale: step.rationale, evidence, occurredAt };
        const submitted = await this.bus.execute(this.council.submit(step.meetingId, input, caller, context));
        this.proposalIds.set(step.proposal, submitted.id);
        return;
      }
      case 'cast-vote': {
        const vote = { choice: step.choice, reason: step.reason, occurredAt };
        await this.bus.execute(this.council.vote(step.meetingId, this.proposalId(step.proposal), vote, caller, context));
        return;
      }
      case 'record-dissent':
        await this.bus.execute(this.council.dissent(step.meetingId, this.proposalId(step.proposal), { opinion: step.opinion, occurredAt }, caller, context));
        return;
      case 'decide-proposal':
        await this.bus.execute(this.council.decide(step.meetingId, this.proposalId(step.proposal), { occurredAt }, context));
        return;
      case 'resolve-agenda-item': {
        const { programId, resolution, note } = step;
        await this.bus.execute(this.council.resolveItem(step.meetingId, step.actionId, { programId, resolution, note, occurredAt }, context));
        return;
      }
      case 'close-meeting':
        await this.caughtUp();
        await this.bus.execute(await this.council.close(step.meetingId, { occurredAt }, context));
        return;
      case 'sign-minutes':
        await this.bus.execute(await this.council.signMinutes(step.meetingId, { text: step.minutes, occurredAt }, caller, context));
        return;
      case 'create-program': {
        await this.caughtUp();
        const { programId, title, goal } = step;
        await this.bus.execute(await this.programs.create({ id: programId, decisionId: this.proposalId(step.proposal), title, goals: [goal], occurredAt }, context));
        return;
      }
      case 'list-standards':
        await this.bus.execute(await this.programs.listStandards(step.programId, { standardIds: step.standardIds, occurredAt }, context));
        return;
      case 'record-training-need': {
        const { needId, competencyId, positionIds, dueOn } = step;
        await this.bus.execute(await this.programs.recordTrainingNeed(step.programId, { id: needId, competencyId, positionIds, dueOn, occurredAt }, context));
        return;
      }
      case 'plan-stage':
        await this.bus.execute(this.programs.planStage(step.programId, { id: step.stageId, title: step.title, occurredAt }, context));
        return;
      case 'plan-action': {
        const { actionId, stageId, description, ownerId, deadline, completionCriteria } = step;
        await this.bus.execute(this.programs.plan(step.programId, { id: actionId, stageId, description, ownerId, deadline, completionCriteria, occurredAt }, context));
        return;
      }
      case 'reschedule-action':
        await this.bus.execute(this.programs.reschedule(step.programId, step.actionId, { deadline: step.deadline, reason: step.reason, occurredAt }, context));
        return;
      case 'plan-document-change': {
        const { changeId, document, change, ownerId, deadline } = step;
        await this.bus.execute(await this.programs.planDocumentChange(step.programId, { id: changeId, document, change, ownerId, deadline, occurredAt }, context));
        return;
      }
      case 'complete-document-change':
        await this.bus.execute(await this.programs.completeDocumentChange(step.programId, step.changeId, { occurredAt }, context));
        return;
      case 'complete-action':
        await this.bus.execute(this.programs.complete(step.programId, step.actionId, { occurredAt }, context));
        return;
      case 'check-effectiveness':
        await this.caughtUp();
        await this.bus.execute(await this.programs.checkEffectiveness(step.programId, { occurredAt }, context));
        return;
      case 'close-program':
        await this.bus.execute(this.programs.close(step.programId, { occurredAt }, context));
        return;
    }
  }

  /** The app's id of a proposal the plan names by its key; once decided, the decision's id too. */
  proposalId(key: string): string {
    const id = this.proposalIds.get(key);
    if (id === undefined) throw new Error(`the plan refers to proposal ${key} before submitting it`);
    return id;
  }

  private async caughtUp(): Promise<void> {
    const head = (await this.stores.events.headPosition()) ?? 0n;
    if (!(await this.projections.reached(head))) throw new Error(`the read models did not reach position ${head} in time`);
  }
}
