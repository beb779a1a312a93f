import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '#config';
import {
  openedAlready,
  repeatedTicket,
  SUPPORT_CONTACT_CATEGORY,
  SUPPORT_TICKET_CATEGORY,
  supportContactDecider,
  supportContactId,
  supportTicketDecider,
  validOpenSupportTicket,
  type AssignSupportTicket,
  type CloseSupportTicket,
  type EscalateSupportTicket,
  type GiveFirstResponse,
  type OpenSupportTicket,
  type RateSupportTicket,
  type RecordSupportContact,
  type ReopenSupportTicket,
  type ResolveSupportTicket,
  type SupportContactEvent,
  type SupportContactState,
  type SupportTicketCommand,
  type SupportTicketEvent,
  type SupportTicketState,
} from '#domain/support/index.js';
import { withoutAbsent } from '#domain/shared/objects.js';
import { APP_CONFIG } from '#persistence';
import type { RequestOf, WithOptional } from '../platform/command-requests.js';
import { CommandRunner, type RequestCommandContext } from '../platform/command-runner.service.js';
import type { EntityCommand, EntityCommandSequence, SequenceEntry } from '../platform/entity-commands.js';
import { EntityStreams } from '../platform/entity-streams.js';
import { RevisionMismatchError } from '../platform/http-errors.js';

/** Names the ticket ids derived from idempotency keys; fixed forever, or retries would open new tickets. */
const TICKET_ID_NAMESPACE = '5f0c1c52-3a7e-4c1b-9d0e-8b7a6f4e2d13';

/** The revision of a stream that does not exist. */
const NO_STREAM_REVISION = -1;

/** What a caller gives to open a ticket: the ticket it repeats is found on the client's contact, never given. */
export type OpenSupportTicketFields = WithOptional<RequestOf<OpenSupportTicket, 'repeatOf'>, 'ticketId'>;

export type SupportTicketBusCommand = EntityCommand<SupportTicketCommand, SupportTicketEvent, SupportTicketState>;

export type SupportTicketSequence = EntityCommandSequence<SupportTicketCommand, SupportTicketEvent, SupportTicketState>;

/**
 * The support ticket commands, built from requests for the command bus, for the HTTP controller and
 * the helpdesk import. Input is checked by the decider, whatever the caller.
 */
@Injectable()
export class SupportTicketCommands {
  private readonly tickets: EntityStreams<SupportTicketCommand, SupportTicketEvent, SupportTicketState>;
  private readonly contacts: EntityStreams<RecordSupportContact, SupportContactEvent, SupportContactState>;
  private readonly repeatWindowDays: number;

  constructor(
    private readonly runner: CommandRunner,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.repeatWindowDays = config.supportRepeatWindowDays;
    this.tickets = new EntityStreams(runner, {
      decider: supportTicketDecider(),
      category: SUPPORT_TICKET_CATEGORY,
      idOf: (command) => command.ticketId,
    });
    this.contacts = new EntityStreams(runner, {
      decider: supportContactDecider({ repeatWindowDays: config.supportRepeatWindowDays }),
      category: SUPPORT_CONTACT_CATEGORY,
      idOf: (command) => command.contactId,
    });
  }

  /**
   * Opens a ticket under `ticketId`, or under a new UUIDv7 when none is given. The ticket first claims
   * its client's contact on its topic, naming the earlier ticket it repeats as the contact holds it
   * now; the claim is refused when another opening changed that meanwhile, so that no link is lost.
   * Everything that could refuse the opening is checked before the claim, and a retry with the same
   * `Idempotency-Key` finds both again. A helpdesk ticket imported again claims nothing and appends nothing.
   */
  async open(input: OpenSupportTicketFields, context: RequestCommandContext): Promise<SupportTicketBusCommand> {
    const ticketId = input.ticketId ?? this.runner.newEntityId(context, TICKET_ID_NAMESPACE);
    const at = this.runner.businessTime(input.occurredAt);
    const { clientId, channel, topic, productId, externalId } = input;
    const opening = validOpenSupportTicket(
      withoutAbsent({ type: 'OpenSupportTicket', ticketId, clientId, channel, topic, productId, externalId, at }),
    );
    if (openedAlready(await this.tickets.current(ticketId), opening)) return this.tickets.command(opening, context);
    const { expectedRevision, ...claimContext } = context;
    // A new ticket has no revision yet: a pinned one is refused before the claim appends anything.
    if (expectedRevision !== undefined) throw new RevisionMismatchError(expectedRevision, NO_STREAM_REVISION);
    const contactId = supportContactId(opening.clientId, opening.topic);
    const repeatOf = repeatedTicket(await this.contacts.current(contactId), ticketId, at, this.repeatWindowDays);
    const claim: RecordSupportContact = withoutAbsent({
      type: 'RecordSupportContact',
      contactId,
      clientId: opening.clientId,
      topic: opening.topic,
      ticketId,
      repeatOf,
      at,
    });
    return this.tickets.command(withoutAbsent({ ...opening, repeatOf }), context, this.contacts.command(claim, claimContext));
  }

  /** Commands on one ticket, or the refusals of commands that could not be built, to be decided in turn. */
  sequence(ticketId: string, entries: readonly SequenceEntry<SupportTicketCommand, SupportTicketEvent, SupportTicketState>[]): SupportTicketSequence {
    return this.tickets.sequence(ticketId, entries);
  }

  assign(ticketId: string, input: RequestOf<AssignSupportTicket, 'ticketId'>, context: RequestCommandContext): SupportTicketBusCommand {
    const at = this.runner.businessTime(input.occurredAt);
    return this.tickets.command({ type: 'AssignSupportTicket', ticketId, employeeId: input.employeeId, line: input.line, at }, context);
  }

  respond(ticketId: string, input: RequestOf<GiveFirstResponse, 'ticketId'>, context: RequestCommandContext): SupportTicketBusCommand {
    const at = this.runner.businessTime(input.occurredAt);
    return this.tickets.command({ type: 'GiveFirstResponse', ticketId, employeeId: input.employeeId, at }, context);
  }

  escalate(ticketId: string, input: RequestOf<EscalateSupportTicket, 'ticketId'>, context: RequestCommandContext): SupportTicketBusCommand {
    const at = this.runner.businessTime(input.occurredAt);
    return this.tickets.command({ type: 'EscalateSupportTicket', ticketId, toLine: input.toLine, reason: input.reason, at }, context);
  }

  resolve(ticketId: string, input: RequestOf<ResolveSupportTicket, 'ticketId'>, context: RequestCommandContext): SupportTicketBusCommand {
    const at = this.runner.businessTime(input.occurredAt);
    return this.tickets.command({ type: 'ResolveSupportTicket', ticketId, employeeId: input.employeeId, at }, context);
  }

  reopen(ticketId: string, input: RequestOf<ReopenSupportTicket, 'ticketId'>, context: RequestCommandContext): SupportTicketBusCommand {
    const at = this.runner.businessTime(input.occurredAt);
    return this.tickets.command({ type: 'ReopenSupportTicket', ticketId, reason: input.reason, at }, context);
  }

  close(ticketId: string, input: RequestOf<CloseSupportTicket, 'ticketId'>, context: RequestCommandContext): SupportTicketBusCommand {
    const at = this.runner.businessTime(input.occurredAt);
    return this.tickets.command({ type: 'CloseSupportTicket', ticketId, at }, context);
  }

  rate(ticketId: string, input: RequestOf<RateSupportTicket, 'ticketId'>, context: RequestCommandContext): SupportTicketBusCommand {
    const at = this.runner.businessTime(input.occurredAt);
    const { score, comment } = input;
    return this.tickets.command(withoutAbsent({ type: 'RateSupportTicket', ticketId, score, comment, at }), context);
  }
}
