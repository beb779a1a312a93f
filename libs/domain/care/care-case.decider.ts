import { DomainRuleError, NotFoundError, type Decider } from '#kernel';
import { withoutAbsent } from '../shared/objects.js';
import {
  validAssignCareCase,
  validIssueRefund,
  validOpenCareCase,
  validResolveCareCase,
  validRetainClient,
  type AssignCareCase,
  type CareCaseCommand,
  type IssueRefund,
  type OpenCareCase,
  type ResolveCareCase,
  type RetainClient,
} from './care-case.commands.js';
import {
  CARE_CASE_ASSIGNED,
  CARE_CASE_OPENED,
  CARE_CASE_RESOLVED,
  CLIENT_RETAINED,
  REFUND_ISSUED,
  type CareCaseEvent,
  type CareResolutionOutcome,
  type RetentionSummary,
} from './care-case.events.js';

export const DEFAULT_OBSERVATION_WINDOW_DAYS = 30;

const DAY_MS = 86_400_000;

export interface CareCaseDeciderOptions {
  /** Days after a retention during which a refund is still accepted, as a lost save. */
  readonly observationWindowDays?: number;
}

/** What the rules need to know about a case that exists. */
export interface CareCaseFacts {
  readonly caseId: string;
  readonly productId: string;
  readonly sectionId?: string;
  readonly openedAt: string;
  /** The employee handling the case now; absent until the case is assigned. */
  readonly employeeId?: string;
}

export type CareCaseState =
  | { readonly status: 'absent' }
  | (CareCaseFacts & { readonly status: 'open' | 'refunded' })
  | (CareCaseFacts & { readonly status: 'retained'; readonly retention: RetentionSummary })
  | (CareCaseFacts & { readonly status: 'resolved'; readonly outcome: CareResolutionOutcome });

type ExistingCase = Exclude<CareCaseState, { status: 'absent' }>;
type RetainedCase = Extract<CareCaseState, { status: 'retained' }>;

export type CareCaseDecider = Decider<CareCaseCommand, CareCaseEvent, CareCaseState>;

/**
 * The care case: opened for a client and a product, assigned to an employee, and resolved by a refund,
 * by retaining the client, or by another final outcome (solved without money, or the client lost
 * without a refund). A retained client may still get a refund within the observation window: a lost
 * save, which turns the case into a refunded one from the refund's date on.
 *
 * Rules on business dates (`at`):
 * - no assignment, refund, retention or resolution is dated before the case was opened
 *   (`DATED_BEFORE_OPENING`);
 * - a lost save is dated neither before the retention it reverses (`DATED_BEFORE_RETENTION`) nor more
 *   than the window after it (`OBSERVATION_WINDOW_CLOSED`; exactly the window's length is still inside).
 *
 * Assignment: a case can be re-assigned while it can still receive a decision, that is while open, or
 * retained and inside the window (a follow-up of the save). A refunded or resolved case is final
 * (`CARE_CASE_REFUNDED`, `CARE_CASE_RESOLVED`). Assigning the employee who already has the case is a
 * no-op, so a retried request appends nothing.
 *
 * Outcomes: a case takes one. A retained case takes no retention or resolution after it
 * (`CARE_CASE_RESOLVED`), only a refund as a lost save.
 */
export function careCaseDecider(options: CareCaseDeciderOptions = {}): CareCaseDecider {
  const windowMs = observationWindowMs(options.observationWindowDays ?? DEFAULT_OBSERVATION_WINDOW_DAYS);

  return {
    initialState: () => ({ status: 'absent' }),

    decide(command, state) {
      switch (command.type) {
        case 'OpenCareCase':
          return open(validOpenCareCase(command), state);
        case 'AssignCareCase': {
          const valid = validAssignCareCase(command);
          return assign(valid, existing(state, valid.caseId), windowMs);
        }
        case 'IssueRefund': {
          const valid = validIssueRefund(command);
          return refund(valid, existing(state, valid.caseId), windowMs);
        }
        case 'RetainClient': {
          const valid = validRetainClient(command);
          return retain(valid, existing(state, valid.caseId));
        }
        case 'ResolveCareCase': {
          const valid = validResolveCareCase(command);
          return resolve(valid, existing(state, valid.caseId));
        }
      }
    },

    evolve,
  };
}

function observationWindowMs(days: number): number {
  if (!Number.isSafeInteger(days) || days < 0) {
    throw new RangeError(`observationWindowDays must be a non-negative whole number of days, got ${days}`);
  }
  return days * DAY_MS;
}

function open(command: OpenCareCase, state: CareCaseState): CareCaseEvent[] {
  if (state.status !== 'absent') {
    throw new DomainRuleError('CARE_CASE_EXISTS', `care case ${command.caseId} already exists`, { caseId: command.caseId });
  }
  const { caseId, clientId, productId, sectionId, kind, channel, summary, at } = command;
  return [
    {
      type: CARE_CASE_OPENED,
      data: withoutAbsent({ caseId, clientId, productId, sectionId, kind, channel, summary, openedAt: at }),
    },
  ];
}

function assign(command: AssignCareCase, state: ExistingCase, windowMs: number): CareCaseEvent[] {
  rejectFinal(state);
  if (state.status === 'retained') rejectClosedWindow(state, command.at, windowMs);
  rejectBeforeOpening(state, command.at);
  if (state.employeeId === command.employeeId) return [];
  return [
    {
      type: CARE_CASE_ASSIGNED,
      data: withoutAbsent({
        caseId: state.caseId,
        employeeId: command.employeeId,
        previousEmployeeId: state.employeeId,
        assignedAt: command.at,
      }),
    },
  ];
}

function refund(command: IssueRefund, state: ExistingCase, windowMs: number): CareCaseEvent[] {
  rejectFinal(state);
  rejectBeforeOpening(state, command.at);
  const reversedRetention = state.status === 'retained' ? lostSave(state, command.at, windowMs) : undefined;
  return [
    {
      type: REFUND_ISSUED,
      data: withoutAbsent({
        caseId: state.caseId,
        productId: state.productId,
        sectionId: state.sectionId,
        employeeId: state.employeeId,
        amount: command.amount,
        full: command.full,
        reason: command.reason,
        scriptId: command.scriptId,
        refundedAt: command.at,
        lostSave: reversedRetention !== undefined,
        reversedRetention,
      }),
    },
  ];
}

/** The retention a refund at `at` reverses, when the window still allows it. */
function lostSave(state: RetainedCase, at: string, windowMs: number): RetentionSummary {
  if (Date.parse(at) < Date.parse(state.retention.retainedAt)) {
    throw new DomainRuleError('DATED_BEFORE_RETENTION', 'a refund that reverses a retention cannot be dated before it', {
      caseId: state.caseId,
      retainedAt: state.retention.retainedAt,
      at,
    });
  }
  rejectClosedWindow(state, at, windowMs);
  return state.retention;
}

function retain(command: RetainClient, state: ExistingCase): CareCaseEvent[] {
  rejectDecided(state);
  rejectBeforeOpening(state, command.at);
  return [
    {
      type: CLIENT_RETAINED,
      data: withoutAbsent({
        caseId: state.caseId,
        productId: state.productId,
        sectionId: state.sectionId,
        employeeId: state.employeeId,
        method: command.method,
        retained: command.retained,
        scriptId: command.scriptId,
        note: command.note,
        retainedAt: command.at,
      }),
    },
  ];
}

function resolve(command: ResolveCareCase, state: ExistingCase): CareCaseEvent[] {
  rejectDecided(state);
  rejectBeforeOpening(state, command.at);
  return [
    {
      type: CARE_CASE_RESOLVED,
      data: withoutAbsent({
        caseId: state.caseId,
        productId: state.productId,
        sectionId: state.sectionId,
        employeeId: state.employeeId,
        outcome: command.outcome,
        note: command.note,
        resolvedAt: command.at,
      }),
    },
  ];
}

function existing(state: CareCaseState, caseId: string): ExistingCase {
  if (state.status === 'absent') throw new NotFoundError('care case', caseId);
  return state;
}

/** A refunded or resolved case takes no decision at all. */
function rejectFinal(state: ExistingCase): void {
  if (state.status === 'refunded') {
    throw new DomainRuleError('CARE_CASE_REFUNDED', `care case ${state.caseId} is closed by a refund`, { caseId: state.caseId });
  }
  if (state.status === 'resolved') {
    throw new DomainRuleError('CARE_CASE_RESOLVED', `care case ${state.caseId} is closed as ${state.outcome}`, {
      caseId: state.caseId,
      outcome: state.outcome,
    });
  }
}

/** A case with an outcome takes no other one by retention or resolution; a lost save is a refund. */
function rejectDecided(state: ExistingCase): void {
  rejectFinal(state);
  if (state.status === 'retained') {
    throw new DomainRuleError('CARE_CASE_RESOLVED', `the client of care case ${state.caseId} is already retained`, {
      caseId: state.caseId,
    });
  }
}

function rejectBeforeOpening(state: ExistingCase, at: string): void {
  if (Date.parse(at) < Date.parse(state.openedAt)) {
    throw new DomainRuleError('DATED_BEFORE_OPENING', `care case ${state.caseId} was opened after ${at}`, {
      caseId: state.caseId,
      openedAt: state.openedAt,
      at,
    });
  }
}

function rejectClosedWindow(state: RetainedCase, at: string, windowMs: number): void {
  if (Date.parse(at) - Date.parse(state.retention.retainedAt) > windowMs) {
    throw new DomainRuleError('OBSERVATION_WINDOW_CLOSED', `the observation window of care case ${state.caseId} is over`, {
      caseId: state.caseId,
      retainedAt: state.retention.retainedAt,
      at,
    });
  }
}

function evolve(state: CareCaseState, event: CareCaseEvent): CareCaseState {
  if (event.type === CARE_CASE_OPENED) {
    const { caseId, productId, sectionId, openedAt } = event.data;
    return withoutAbsent({ status: 'open', caseId, productId, sectionId, openedAt });
  }
  if (state.status === 'absent') return state;
  switch (event.type) {
    case CARE_CASE_ASSIGNED:
      return { ...state, employeeId: event.data.employeeId };
    case REFUND_ISSUED:
      return { ...caseFacts(state), status: 'refunded' };
    case CLIENT_RETAINED: {
      const { retainedAt, method, retained, employeeId } = event.data;
      return { ...caseFacts(state), status: 'retained', retention: withoutAbsent({ retainedAt, method, retained, employeeId }) };
    }
    case CARE_CASE_RESOLVED:
      return { ...caseFacts(state), status: 'resolved', outcome: event.data.outcome };
  }
}

function caseFacts(state: ExistingCase): CareCaseFacts {
  const { caseId, productId, sectionId, openedAt, employeeId } = state;
  return withoutAbsent({ caseId, productId, sectionId, openedAt, employeeId });
}
