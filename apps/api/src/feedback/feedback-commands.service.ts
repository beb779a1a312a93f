import { Injectable } from '@nestjs/common';
import {
  COMPLAINT_CATEGORY,
  complaintDecider,
  THANKS_CATEGORY,
  thanksDecider,
  type CloseComplaint,
  type ComplaintCommand,
  type ComplaintEvent,
  type ComplaintState,
  type RecordComplaint,
  type RecordThanks,
  type ThanksCommand,
  type ThanksEvent,
  type ThanksState,
} from '#domain/feedback/index.js';
import { withoutAbsent } from '#domain/shared/objects.js';
import type { Principal } from '../auth/principal.js';
import type { RequestOf, WithOptional } from '../platform/command-requests.js';
import { CommandRunner, type RequestCommandContext } from '../platform/command-runner.service.js';
import type { EntityCommand } from '../platform/entity-commands.js';
import { EntityStreams } from '../platform/entity-streams.js';

/** Name the ids derived from idempotency keys; fixed forever, or retries would record the feedback again. */
const THANKS_ID_NAMESPACE = '634bad2b-2e7e-4e63-9361-b97bfde0cb89';
const COMPLAINT_ID_NAMESPACE = '41eceeab-0609-4edd-ab0c-60c6a8caed20';

/**
 * The thanks and complaint commands, built from requests for the command bus. Input is checked by the
 * deciders. The care case or support ticket a complaint names is taken as given: a complaint may come
 * in before its matter is entered, or about a ticket of a helpdesk not imported yet.
 */
@Injectable()
export class FeedbackCommands {
  private readonly thanks: EntityStreams<ThanksCommand, ThanksEvent, ThanksState>;
  private readonly complaints: EntityStreams<ComplaintCommand, ComplaintEvent, ComplaintState>;

  constructor(private readonly runner: CommandRunner) {
    this.thanks = new EntityStreams(runner, { decider: thanksDecider(), category: THANKS_CATEGORY, idOf: (command) => command.thanksId });
    this.complaints = new EntityStreams(runner, {
      decider: complaintDecider(),
      category: COMPLAINT_CATEGORY,
      idOf: (command) => command.complaintId,
    });
  }

  /** Records a thank-you under `thanksId`, or under a new UUIDv7 when none is given. */
  recordThanks(
    input: WithOptional<RequestOf<RecordThanks>, 'thanksId'>,
    context: RequestCommandContext,
  ): EntityCommand<ThanksCommand, ThanksEvent, ThanksState> {
    const thanksId = input.thanksId ?? this.runner.newEntityId(context, THANKS_ID_NAMESPACE);
    const { author, subject, channel, text } = input;
    const at = this.runner.businessTime(input.occurredAt);
    return this.thanks.command({ type: 'RecordThanks', thanksId, author, subject, channel, text, at }, context);
  }

  /** Records a complaint under `complaintId`, or under a new UUIDv7 when none is given. */
  recordComplaint(
    input: WithOptional<RequestOf<RecordComplaint>, 'complaintId'>,
    context: RequestCommandContext,
  ): EntityCommand<ComplaintCommand, ComplaintEvent, ComplaintState> {
    const complaintId = input.complaintId ?? this.runner.newEntityId(context, COMPLAINT_ID_NAMESPACE);
    const { author, subject, channel, text, linkedTo } = input;
    const at = this.runner.businessTime(input.occurredAt);
    return this.complaints.command({ type: 'RecordComplaint', complaintId, author, subject, channel, text, linkedTo, at }, context);
  }

  /** Closes a complaint; the caller's key is who rules on it. */
  closeComplaint(
    complaintId: string,
    input: RequestOf<CloseComplaint, 'complaintId' | 'closer'>,
    caller: Principal,
    context: RequestCommandContext,
  ): EntityCommand<ComplaintCommand, ComplaintEvent, ComplaintState> {
    const closer = withoutAbsent({ actorId: caller.subject, employeeId: caller.employeeId });
    const at = this.runner.businessTime(input.occurredAt);
    return this.complaints.command({ type: 'CloseComplaint', complaintId, closer, outcome: input.outcome, note: input.note, at }, context);
  }
}
