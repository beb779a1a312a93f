import type { DomainEvent } from '#kernel';
import type { Money } from '../shared/money.js';

/** Stream category of care cases: a case lives in the stream `careCase-<caseId>`. */
export const CARE_CASE_CATEGORY = 'careCase';

export const CARE_CASE_OPENED = 'CareCaseOpened';
export const CARE_CASE_ASSIGNED = 'CareCaseAssigned';
export const REFUND_ISSUED = 'RefundIssued';
export const CLIENT_RETAINED = 'ClientRetained';
export const CARE_CASE_RESOLVED = 'CareCaseResolved';

export const CARE_CASE_KINDS = ['refund-request', 'dissatisfaction', 'other'] as const;
export type CareCaseKind = (typeof CARE_CASE_KINDS)[number];

export const RETENTION_METHODS = ['exchange', 'discount', 'bonus', 'explanation', 'extra-service', 'other'] as const;
export type RetentionMethod = (typeof RETENTION_METHODS)[number];

/**
 * The final outcomes of a case that are neither a refund nor a retention: the problem was solved and
 * no money moved (`resolved-without-money`), or the client left without a refund (`client-lost`).
 */
export const CARE_RESOLUTION_OUTCOMES = ['resolved-without-money', 'client-lost'] as const;
export type CareResolutionOutcome = (typeof CARE_RESOLUTION_OUTCOMES)[number];

/*
 * Event data holds ids and facts only. The client is an id, never a name, an e-mail or a phone.
 * Optional fields are left out rather than set to undefined, so that the JSON is the same before and
 * after a round trip through the store. Times are canonical ISO-8601 UTC.
 */

export interface CareCaseOpenedData {
  readonly caseId: string;
  readonly clientId: string;
  readonly productId: string;
  readonly sectionId?: string;
  readonly kind: CareCaseKind;
  readonly channel?: string;
  readonly summary?: string;
  readonly openedAt: string;
}

export interface CareCaseAssignedData {
  readonly caseId: string;
  readonly employeeId: string;
  /** Who handled the case before, for a re-assignment. */
  readonly previousEmployeeId?: string;
  readonly assignedAt: string;
}

/**
 * The product and section are repeated on each decision so that the outcome statistic, and any
 * subscriber of the feed, can be computed from the decision alone.
 */
export interface RefundIssuedData {
  readonly caseId: string;
  readonly productId: string;
  readonly sectionId?: string;
  /** The employee handling the case when the refund was issued. */
  readonly employeeId?: string;
  readonly amount: Money;
  readonly full: boolean;
  readonly reason: string;
  readonly scriptId?: string;
  readonly refundedAt: string;
  /** True when the refund reverses an earlier retention within the observation window. */
  readonly lostSave: boolean;
  /** The retention a lost save reverses, so that its metric fact can be corrected without lookups. */
  readonly reversedRetention?: RetentionSummary;
}

/** A retention as later decisions need it: when, how, how much, and by whom. */
export interface RetentionSummary {
  readonly retainedAt: string;
  readonly method: RetentionMethod;
  readonly retained: Money;
  readonly employeeId?: string;
}

export interface ClientRetainedData {
  readonly caseId: string;
  readonly productId: string;
  readonly sectionId?: string;
  /** The employee handling the case when the client was retained. */
  readonly employeeId?: string;
  readonly method: RetentionMethod;
  /** The money that stayed in the company. */
  readonly retained: Money;
  readonly scriptId?: string;
  readonly note?: string;
  readonly retainedAt: string;
}

export interface CareCaseResolvedData {
  readonly caseId: string;
  readonly productId: string;
  readonly sectionId?: string;
  /** The employee handling the case when it was resolved. */
  readonly employeeId?: string;
  readonly outcome: CareResolutionOutcome;
  readonly note?: string;
  readonly resolvedAt: string;
}

export type CareCaseOpened = DomainEvent<typeof CARE_CASE_OPENED, CareCaseOpenedData>;
export type CareCaseAssigned = DomainEvent<typeof CARE_CASE_ASSIGNED, CareCaseAssignedData>;
export type RefundIssued = DomainEvent<typeof REFUND_ISSUED, RefundIssuedData>;
export type ClientRetained = DomainEvent<typeof CLIENT_RETAINED, ClientRetainedData>;
export type CareCaseResolved = DomainEvent<typeof CARE_CASE_RESOLVED, CareCaseResolvedData>;

export type CareCaseEvent = CareCaseOpened | CareCaseAssigned | RefundIssued | ClientRetained | CareCaseResolved;
export type CareCaseEventType = CareCaseEvent['type'];
