import type { FactInput, Projection, RecordedOf } from '#kernel';
import {
  CARE_CASE_ASSIGNED,
  CARE_CASE_EVENT_TYPES,
  CARE_CASE_OPENED,
  CARE_CASE_RESOLVED,
  CLIENT_RETAINED,
  REFUND_ISSUED,
  type CareCaseEvent,
  type CareCaseEventType,
  type CareCaseKind,
  type CareResolutionOutcome,
  type RetentionMethod,
} from '#domain/care/index.js';
import type { Money } from '#domain/shared/money.js';

/**
 * One fact per outcome: the key statistic of client care, refunds against clients retained. The
 * resolutions without money are counted under their own outcome, with no currency and no amount.
 */
export const CARE_OUTCOMES_METRIC = 'care.outcomes';

export type CareOutcome = 'refunded' | 'retained' | CareResolutionOutcome;

export interface RefundOutcome {
  readonly refundedAt: string;
  readonly amount: Money;
  readonly full: boolean;
  readonly reason: string;
  readonly scriptId: string | null;
  readonly employeeId: string | null;
  /** True when the refund reversed the retention of this case. */
  readonly lostSave: boolean;
}

export interface RetentionOutcome {
  readonly retainedAt: string;
  readonly method: RetentionMethod;
  readonly retained: Money;
  readonly scriptId: string | null;
  readonly note: string | null;
  readonly employeeId: string | null;
  /** When a lost save reversed it; null while it stands. */
  readonly reversedAt: string | null;
}

/** A case that ended without a refund or a retention. */
export interface ResolutionOutcome {
  readonly outcome: CareResolutionOutcome;
  readonly note: string | null;
  readonly employeeId: string | null;
}

/** One entry of the audit trail of a case: what was decided, when, by whom, with what data. */
export interface CareCaseDecision {
  readonly type: CareCaseEventType;
  /** Business time (the event's occurredAt). */
  readonly at: string;
  readonly actorId: string;
  readonly eventId: string;
  readonly data: CareCaseEvent['data'];
}

/**
 * A care case as the API shows it. Absent facts are null rather than missing, so that every document
 * has the same shape and "unassigned" can be filtered on (`employeeId: null`).
 */
export interface CareCaseDocument {
  readonly id: string;
  readonly clientId: string;
  readonly productId: string;
  readonly sectionId: string | null;
  readonly kind: CareCaseKind;
  readonly channel: string | null;
  readonly summary: string | null;
  readonly status: 'open' | CareOutcome;
  /** The employee handling the case now. */
  readonly employeeId: string | null;
  readonly openedAt: string;
  /** Business time of the outcome the case has now; a lost save moves it to the refund. */
  readonly resolvedAt: string | null;
  readonly refund: RefundOutcome | null;
  /** Kept after a lost save, marked as reversed, so that the case shows both outcomes. */
  readonly retention: RetentionOutcome | null;
  readonly resolution: ResolutionOutcome | null;
  readonly decisions: readonly CareCaseDecision[];
}

type CareCaseRecord = RecordedOf<CareCaseEvent>;

type RefundRecord = Extract<CareCaseRecord, { type: typeof REFUND_ISSUED }>;
type RetainedRecord = Extract<CareCaseRecord, { type: typeof CLIENT_RETAINED }>;
type ResolvedRecord = Extract<CareCaseRecord, { type: typeof CARE_CASE_RESOLVED }>;

/**
 * Care cases: one document per case, with the history of its decisions, and the facts of the
 * `care.outcomes` metric. The facts come from the event data alone: a lost save carries the
 * retention it reverses, whose fact is taken back at the refund's date with the dims it was counted under.
 */
export const careCases: Projection<CareCaseDocument, CareCaseEvent> = {
  name: 'careCases',
  version: 2,
  indexes: [{ fields: ['openedAt'] }, { fields: ['status', 'openedAt'] }],
  handles: CARE_CASE_EVENT_TYPES,
  documentId: (event) => event.data.caseId,
  evolve: (document, event) => evolveCase(document, event),
  facts: outcomeFacts,
};

function evolveCase(document: CareCaseDocument | null, event: CareCaseRecord): CareCaseDocument | null {
  if (event.type === CARE_CASE_OPENED) return openedCase(event);
  if (document === null) return null;
  const withDecision = { ...document, decisions: [...document.decisions, decisionOf(event)] };
  switch (event.type) {
    case CARE_CASE_ASSIGNED:
      return { ...withDecision, employeeId: event.data.employeeId };
    case REFUND_ISSUED:
      return refundedCase(withDecision, event);
    case CLIENT_RETAINED:
      return retainedCase(withDecision, event);
    case CARE_CASE_RESOLVED:
      return resolvedCase(withDecision, event);
  }
}

function openedCase(event: Extract<CareCaseRecord, { type: typeof CARE_CASE_OPENED }>): CareCaseDocument {
  const { data } = event;
  return {
    id: data.caseId,
    clientId: data.clientId,
    productId: data.productId,
    sectionId: data.sectionId ?? null,
    kind: data.kind,
    channel: data.channel ?? null,
    summary: data.summary ?? null,
    status: 'open',
    employeeId: null,
    openedAt: data.openedAt,
    resolvedAt: null,
    refund: null,
    retention: null,
    resolution: null,
    decisions: [decisionOf(event)],
  };
}

function refundedCase(document: CareCaseDocument, event: RefundRecord): CareCaseDocument {
  const { data } = event;
  return {
    ...document,
    status: 'refunded',
    resolvedAt: data.refundedAt,
    refund: {
      refundedAt: data.refundedAt,
      amount: data.amount,
      full: data.full,
      reason: data.reason,
      scriptId: data.scriptId ?? null,
      employeeId: data.employeeId ?? null,
      lostSave: data.lostSave,
    },
    retention: data.lostSave && document.retention ? { ...document.retention, reversedAt: data.refundedAt } : document.retention,
  };
}

function retainedCase(document: CareCaseDocument, event: RetainedRecord): CareCaseDocument {
  const { data } = event;
  return {
    ...document,
    status: 'retained',
    resolvedAt: data.retainedAt,
    retention: {
      retainedAt: data.retainedAt,
      method: data.method,
      retained: data.retained,
      scriptId: data.scriptId ?? null,
      note: data.note ?? null,
      employeeId: data.employeeId ?? null,
      reversedAt: null,
    },
  };
}

function resolvedCase(document: CareCaseDocument, event: ResolvedRecord): CareCaseDocument {
  const { data } = event;
  return {
    ...document,
    status: data.outcome,
    resolvedAt: data.resolvedAt,
    resolution: { outcome: data.outcome, note: data.note ?? null, employeeId: data.employeeId ?? null },
  };
}

function decisionOf(event: CareCaseRecord): CareCaseDecision {
  return {
    type: event.type,
    at: event.metadata.occurredAt,
    actorId: event.metadata.actor.id,
    eventId: event.eventId,
    data: event.data,
  };
}

function outcomeFacts(event: CareCaseRecord): FactInput[] {
  switch (event.type) {
    case REFUND_ISSUED:
      return refundFacts(event);
    case CLIENT_RETAINED: {
      const { data } = event;
      return [outcomeFact('retained', data.retainedAt, { ...data, money: data.retained }, 1)];
    }
    case CARE_CASE_RESOLVED: {
      const { data } = event;
      return [{ metric: CARE_OUTCOMES_METRIC, occurredAt: data.resolvedAt, dims: outcomeDims(data.outcome, data), measures: { count: 1 } }];
    }
    default:
      return [];
  }
}

/** A lost save takes the retention back (negative measures, its original dims) before counting the refund. */
function refundFacts(event: RefundRecord): FactInput[] {
  const { data } = event;
  const refunded = outcomeFact('refunded', data.refundedAt, { ...data, money: data.amount }, 1);
  const reversed = data.reversedRetention;
  if (reversed === undefined) return [refunded];
  const takenBack = outcomeFact(
    'retained',
    data.refundedAt,
    { productId: data.productId, sectionId: data.sectionId, employeeId: reversed.employeeId, money: reversed.retained },
    -1,
  );
  return [takenBack, refunded];
}

interface OutcomeScope {
  readonly productId: string;
  readonly sectionId?: string;
  readonly employeeId?: string;
}

/** The dims of an outcome; a resolution moves no money, so it has no currency. */
function outcomeDims(outcome: CareOutcome, scope: OutcomeScope): Record<string, string> {
  const dims: Record<string, string> = { outcome, productId: scope.productId };
  if (scope.sectionId !== undefined) dims.sectionId = scope.sectionId;
  if (scope.employeeId !== undefined) dims.employeeId = scope.employeeId;
  return dims;
}

function outcomeFact(outcome: CareOutcome, occurredAt: string, scope: OutcomeScope & { readonly money: Money }, sign: 1 | -1): FactInput {
  const dims = { ...outcomeDims(outcome, scope), currency: scope.money.currency };
  // 0 - minor rather than -minor: taking back a retention of nothing must give 0, not -0.
  const amountMinor = sign === 1 ? scope.money.minor : 0 - scope.money.minor;
  return { metric: CARE_OUTCOMES_METRIC, occurredAt, dims, measures: { count: sign, amountMinor } };
}
