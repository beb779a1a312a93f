import type { Vote } from './types.js';

/** Entries per page of the audit trail: a screenful and more, so that scrolling reaches the next page rather than starting on it. */
export const AUDIT_PAGE_SIZE = 50;

/** The shapes the audit views read, as the API's OpenAPI document describes them. */

export interface AuditEntry {
  readonly position: string;
  readonly eventId: string;
  readonly type: string;
  readonly streamId: string;
  readonly category: string;
  readonly entityId: string;
  readonly revision: number;
  readonly actor: { readonly id: string; readonly roles: readonly string[] };
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly why: string | null;
  readonly data: unknown;
}

export interface AuditPage {
  readonly items: readonly AuditEntry[];
  readonly nextCursor: string | null;
}

export interface StreamEvent {
  readonly position: string;
  readonly type: string;
  readonly revision: number;
  readonly data: unknown;
  readonly metadata: { readonly occurredAt: string; readonly recordedAt: string; readonly actor: { readonly id: string } };
}

export interface StreamPage {
  readonly items: readonly StreamEvent[];
  readonly next: number | null;
}

export interface CheckpointView {
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: string;
  readonly note: string;
  readonly signedAt: string;
}

/** `ledger.lastVerification` of `GET /health`: the last verification this api process ran. */
export interface LastVerification {
  readonly id: string;
  readonly state: 'running' | 'intact' | 'tampered' | 'failed';
  readonly finishedAt: string | null;
  readonly result: {
    readonly intact: boolean;
    readonly eventsChecked: number;
    readonly checkpointsChecked: number;
    readonly tampering: { readonly kind: string; readonly position: string | null; readonly detail: string } | null;
  } | null;
}

export interface Health {
  readonly ledger: { readonly treeSize: number; readonly lastVerification: LastVerification | null };
}

interface PackReading {
  readonly indicator: string;
  readonly unit: 'share' | 'ratio' | 'score' | 'count' | 'minutes' | 'hours';
  readonly target: number | null;
  readonly current: { readonly value: number | null; readonly deviation: number | null; readonly onTarget: boolean | null };
}

export interface DecisionProvenance {
  readonly decisionId: string;
  readonly outcome: 'adopted' | 'rejected';
  readonly meetingId: string;
  readonly text: string;
  readonly rationale: string;
  readonly decidedAt: string;
  readonly present: readonly string[];
  readonly votes: readonly Vote[];
  readonly tally: { readonly present: number; readonly for: number; readonly against: number; readonly abstain: number };
  readonly dissent: readonly { readonly memberId: string; readonly opinion: string }[];
  readonly evidence: readonly { readonly kind: string; readonly id: string }[];
  readonly pack: {
    readonly periods: { readonly current: { readonly from: string; readonly to: string } };
    readonly recordedAt: string;
    readonly then: { readonly asOf: { readonly position: string | null }; readonly indicators: readonly PackReading[] };
  };
  readonly minutes: {
    readonly chairId: string;
    readonly text: string;
    readonly signedAt: string;
    readonly checkpoint: { readonly treeSize: number; readonly rootHash: string } | null;
  } | null;
  readonly ledger: { readonly position: string; readonly leafIndex: number | null };
}

