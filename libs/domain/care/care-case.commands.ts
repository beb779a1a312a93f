import { validateMoney, type Money } from '../shared/money.js';
import { withoutAbsent } from '../shared/objects.js';
import {
  invalid,
  optionalId,
  optionalText,
  requireBoolean,
  requireId,
  requireOneOf,
  requireText,
  requireUtcInstant,
  withoutEmailAddress,
} from '../shared/validation.js';
import {
  CARE_CASE_KINDS,
  CARE_RESOLUTION_OUTCOMES,
  RETENTION_METHODS,
  type CareCaseKind,
  type CareResolutionOutcome,
  type RetentionMethod,
} from './care-case.events.js';

/*
 * `at` is the business time of the command (the occurredAt the command handler resolved from its
 * clock or the request): an ISO-8601 UTC instant. The decider never reads a clock.
 */

export interface OpenCareCase {
  readonly type: 'OpenCareCase';
  readonly caseId: string;
  readonly clientId: string;
  readonly productId: string;
  readonly sectionId?: string;
  readonly kind: CareCaseKind;
  readonly channel?: string;
  readonly summary?: string;
  readonly at: string;
}

export interface AssignCareCase {
  readonly type: 'AssignCareCase';
  readonly caseId: string;
  readonly employeeId: string;
  readonly at: string;
}

export interface IssueRefund {
  readonly type: 'IssueRefund';
  readonly caseId: string;
  readonly amount: Money;
  readonly full: boolean;
  readonly reason: string;
  readonly scriptId?: string;
  readonly at: string;
}

export interface RetainClient {
  readonly type: 'RetainClient';
  readonly caseId: string;
  readonly method: RetentionMethod;
  readonly retained: Money;
  readonly scriptId?: string;
  readonly note?: string;
  readonly at: string;
}

export interface ResolveCareCase {
  readonly type: 'ResolveCareCase';
  readonly caseId: string;
  readonly outcome: CareResolutionOutcome;
  readonly note?: string;
  readonly at: string;
}

export type CareCaseCommand = OpenCareCase | AssignCareCase | IssueRefund | RetainClient | ResolveCareCase;

export const MAX_CHANNEL_LENGTH = 100;
export const MAX_SUMMARY_LENGTH = 2000;
export const MAX_REASON_LENGTH = 2000;
export const MAX_NOTE_LENGTH = 2000;

/*
 * Each validator checks a command that may come from anywhere (HTTP, CLI, a replayed script) and
 * returns it with canonical values; `decide` works on the result only.
 */

export function validOpenCareCase(command: OpenCareCase): OpenCareCase {
  return withoutAbsent({
    type: command.type,
    caseId: requireId(command.caseId, 'caseId'),
    clientId: requireId(command.clientId, 'clientId'),
    productId: requireId(command.productId, 'productId'),
    sectionId: optionalId(command.sectionId, 'sectionId'),
    kind: requireOneOf(command.kind, 'kind', CARE_CASE_KINDS),
    channel: withoutEmailAddress(optionalText(command.channel, 'channel', MAX_CHANNEL_LENGTH), 'channel'),
    summary: withoutEmailAddress(optionalText(command.summary, 'summary', MAX_SUMMARY_LENGTH), 'summary'),
    at: requireUtcInstant(command.at, 'at'),
  });
}

export function validAssignCareCase(command: AssignCareCase): AssignCareCase {
  return {
    type: command.type,
    caseId: requireId(command.caseId, 'caseId'),
    employeeId: requireId(command.employeeId, 'employeeId'),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validIssueRefund(command: IssueRefund): IssueRefund {
  const amount = validateMoney(command.amount, 'amount');
  if (amount.minor === 0) throw invalid('amount.minor', 'must be positive: a refund of nothing is not a refund');
  return withoutAbsent({
    type: command.type,
    caseId: requireId(command.caseId, 'caseId'),
    amount,
    full: requireBoolean(command.full, 'full'),
    reason: withoutEmailAddress(requireText(command.reason, 'reason', MAX_REASON_LENGTH), 'reason'),
    scriptId: optionalId(command.scriptId, 'scriptId'),
    at: requireUtcInstant(command.at, 'at'),
  });
}

export function validRetainClient(command: RetainClient): RetainClient {
  return withoutAbsent({
    type: command.type,
    caseId: requireId(command.caseId, 'caseId'),
    method: requireOneOf(command.method, 'method', RETENTION_METHODS),
    retained: validateMoney(command.retained, 'retained'),
    scriptId: optionalId(command.scriptId, 'scriptId'),
    note: withoutEmailAddress(optionalText(command.note, 'note', MAX_NOTE_LENGTH), 'note'),
    at: requireUtcInstant(command.at, 'at'),
  });
}

export function validResolveCareCase(command: ResolveCareCase): ResolveCareCase {
  return withoutAbsent({
    type: command.type,
    caseId: requireId(command.caseId, 'caseId'),
    outcome: requireOneOf(command.outcome, 'outcome', CARE_RESOLUTION_OUTCOMES),
    note: withoutEmailAddress(optionalText(command.note, 'note', MAX_NOTE_LENGTH), 'note'),
    at: requireUtcInstant(command.at, 'at'),
  });
}
