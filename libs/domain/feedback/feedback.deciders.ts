import { DomainRuleError, NotFoundError, type Decider } from '#kernel';
import { withoutAbsent } from '../shared/objects.js';
import { actingEmployee } from '../shared/separation-of-duty.js';
import {
  validCloseComplaint,
  validRecordComplaint,
  validRecordThanks,
  type CloseComplaint,
  type ComplaintCommand,
  type RecordComplaint,
  type ThanksCommand,
} from './feedback.commands.js';
import {
  COMPLAINT_CLOSED,
  COMPLAINT_RECORDED,
  THANKS_RECORDED,
  type ComplaintEvent,
  type ComplaintOutcome,
  type FeedbackSubject,
  type ThanksEvent,
} from './feedback.events.js';

export type ThanksState = { readonly status: 'absent' } | { readonly status: 'recorded' };

export type ComplaintState =
  | { readonly status: 'absent' }
  | (ComplaintFacts & { readonly status: 'open' })
  | (ComplaintFacts & { readonly status: 'closed'; readonly outcome: ComplaintOutcome });

/** What the rules of a closing need to know about a complaint that exists. */
export interface ComplaintFacts {
  readonly complaintId: string;
  readonly subject: FeedbackSubject;
  readonly receivedAt: string;
}

export type ThanksDecider = Decider<ThanksCommand, ThanksEvent, ThanksState>;
export type ComplaintDecider = Decider<ComplaintCommand, ComplaintEvent, ComplaintState>;

/** A thank-you is recorded once and stays as it was said. */
export function thanksDecider(): ThanksDecider {
  return {
    initialState: () => ({ status: 'absent' }),
    decide(command, state) {
      const { thanksId, author, subject, channel, text, at } = validRecordThanks(command);
      if (state.status !== 'absent') {
        throw new DomainRuleError('THANKS_EXISTS', `thank-you ${thanksId} is already recorded`, { thanksId });
      }
      return [{ type: THANKS_RECORDED, data: { thanksId, author, subject, channel, text, receivedAt: at } }];
    },
    evolve: () => ({ status: 'recorded' }),
  };
}

/**
 * A complaint is recorded, then closed once with its outcome (`COMPLAINT_CLOSED` for a second
 * closing), never dated before it was received (`DATED_BEFORE_RECEIPT`). Nobody rules on a complaint
 * about themselves (`SELF_RULING`): a complaint about an employee is closed by a key that names
 * another employee (`ACTOR_NOT_AN_EMPLOYEE` for a key that names none).
 */
export function complaintDecider(): ComplaintDecider {
  return {
    initialState: () => ({ status: 'absent' }),
    decide(command, state) {
      switch (command.type) {
        case 'RecordComplaint':
          return record(validRecordComplaint(command), state);
        case 'CloseComplaint':
          return close(validCloseComplaint(command), state);
      }
    },
    evolve: evolveComplaint,
  };
}

function record(command: RecordComplaint, state: ComplaintState): ComplaintEvent[] {
  const { complaintId, author, subject, channel, text, linkedTo, at } = command;
  if (state.status !== 'absent') {
    throw new DomainRuleError('COMPLAINT_EXISTS', `complaint ${complaintId} is already recorded`, { complaintId });
  }
  return [{ type: COMPLAINT_RECORDED, data: withoutAbsent({ complaintId, author, subject, channel, text, linkedTo, receivedAt: at }) }];
}

function close(command: CloseComplaint, state: ComplaintState): ComplaintEvent[] {
  const { complaintId, closer, outcome, note, at } = command;
  if (state.status === 'absent') throw new NotFoundError('complaint', complaintId);
  if (state.status === 'closed') {
    throw new DomainRuleError('COMPLAINT_CLOSED', `complaint ${complaintId} is already closed as ${state.outcome}`, {
      complaintId,
      outcome: state.outcome,
    });
  }
  if (Date.parse(at) < Date.parse(state.receivedAt)) {
    throw new DomainRuleError('DATED_BEFORE_RECEIPT', `complaint ${complaintId} was received after ${at}`, {
      complaintId,
      receivedAt: state.receivedAt,
      at,
    });
  }
  if (state.subject.kind === 'employee' && actingEmployee(closer, 'closing a complaint about an employee') === state.subject.id) {
    throw new DomainRuleError('SELF_RULING', `complaint ${complaintId} is about the employee closing it`, { complaintId });
  }
  return [{ type: COMPLAINT_CLOSED, data: withoutAbsent({ complaintId, subject: state.subject, outcome, note, closedAt: at }) }];
}

function evolveComplaint(state: ComplaintState, event: ComplaintEvent): ComplaintState {
  switch (event.type) {
    case COMPLAINT_RECORDED: {
      const { complaintId, subject, receivedAt } = event.data;
      return { status: 'open', complaintId, subject, receivedAt };
    }
    case COMPLAINT_CLOSED:
      return state.status === 'absent' ? state : { ...complaintFacts(state), status: 'closed', outcome: event.data.outcome };
  }
}

function complaintFacts(state: Exclude<ComplaintState, { status: 'absent' }>): ComplaintFacts {
  const { complaintId, subject, receivedAt } = state;
  return { complaintId, subject, receivedAt };
}
