import type { DocumentChange, FactInput, Projection, RecordedOf } from '#kernel';
import {
  CHECKLIST_FAILED,
  CHECKLIST_PASSED,
  DISPUTE_RESOLVED,
  INSPECTION_EVENT_TYPES,
  INSPECTION_RESULTS_RECORDED,
  INSPECTION_STARTED,
  inspectorIdOf,
  REINSPECTION_STARTED,
  VERDICT_DISPUTED,
  type CriterionResult,
  type CriterionResultEntry,
  type Deliverable,
  type DisputeOutcome,
  type InspectionCriterion,
  type InspectionEvent,
  type ScoredVerdict,
  type Verdict,
} from '#domain/quality/index.js';

export const INSPECTIONS = 'inspections';

/** One fact per verdict: pass rate, mean score, first-time pass rate, re-inspections and time until pass. */
export const INSPECTIONS_METRIC = 'quality.inspections';
/** One fact per criterion of a verdict: failures per criterion. */
export const CRITERION_RESULTS_METRIC = 'quality.criterionResults';

/** `disputed`: completed, with a dispute waiting for its resolution. */
export type InspectionStatus = 'in-progress' | 'completed' | 'disputed';

export interface ResultDocument {
  readonly result: CriterionResult;
  readonly comment: string | null;
}

export interface InspectionCriterionDocument extends InspectionCriterion {
  /** As the inspector recorded it; null until recorded. */
  readonly result: CriterionResult | null;
  readonly comment: string | null;
  /** As the resolution of a dispute revised it; null while never revised. */
  readonly revised: ResultDocument | null;
}

export type VerdictDocument = ScoredVerdict;

export interface DisputeResolutionDocument {
  readonly outcome: DisputeOutcome;
  readonly comment: string;
  readonly revisedResults: readonly CriterionResultEntry[];
  readonly verdict: Verdict;
  readonly score: number;
  readonly resolvedAt: string;
  /** The resolving inspector: their employee id, or their key's subject. */
  readonly resolvedBy: string;
}

export interface DisputeDocument {
  readonly disputeNumber: number;
  readonly criterionIds: readonly string[];
  readonly comment: string;
  readonly disputedAt: string;
  readonly resolution: DisputeResolutionDocument | null;
}

/**
 * An inspection as the API shows it. The verdict and score on top are the ones in force; `original`
 * keeps the verdict given at completion and `revised` the one a dispute resolution gave, so that
 * both stay visible. Absent facts are null rather than missing.
 */
export interface InspectionDocument {
  readonly id: string;
  readonly status: InspectionStatus;
  readonly deliverable: Deliverable;
  readonly productId: string;
  readonly sectionId: string;
  readonly authorId: string;
  /** The inspector's employee id, or their key's subject when the key belongs to nobody. */
  readonly inspectorId: string;
  readonly template: { readonly templateId: string; readonly version: number; readonly passMark: number };
  readonly chainId: string;
  readonly attempt: number;
  readonly previousInspectionId: string | null;
  /** The next attempt of the chain, once the rework is re-inspected. */
  readonly reinspectionId: string | null;
  readonly chainStartedAt: string;
  readonly startedAt: string;
  readonly completedAt: string | null;
  readonly criteria: readonly InspectionCriterionDocument[];
  readonly verdict: Verdict | null;
  readonly score: number | null;
  readonly original: VerdictDocument | null;
  readonly revised: VerdictDocument | null;
  readonly disputes: readonly DisputeDocument[];
}

type InspectionRecord = RecordedOf<InspectionEvent>;
type StartedRecord = Extract<InspectionRecord, { type: typeof INSPECTION_STARTED }>;
type CompletedRecord = Extract<InspectionRecord, { type: typeof CHECKLIST_PASSED | typeof CHECKLIST_FAILED }>;
type ResolvedRecord = Extract<InspectionRecord, { type: typeof DISPUTE_RESOLVED }>;

/**
 * Inspections: one document per inspection, and the facts of the quality metrics. Facts are dated at
 * the business time of the verdict. A resolution that changes the verdict or score takes the facts in
 * force back (negative) and counts the revised ones, under the original date: a past period changes as
 * known today, and stays reproducible as known before the resolution.
 */
export const inspections: Projection<InspectionDocument, InspectionEvent> = {
  name: INSPECTIONS,
  version: 1,
  indexes: [{ fields: ['startedAt'] }, { fields: ['chainId', 'attempt'] }],
  handles: INSPECTION_EVENT_TYPES,
  documentId: (event) => event.data.inspectionId,
  evolve: (document, event) => evolveInspection(document, event),
  facts: (event, change) => verdictFacts(event, change),
};

function evolveInspection(document: InspectionDocument | null, event: InspectionRecord): InspectionDocument | null {
  if (event.type === INSPECTION_STARTED) return startedInspection(event);
  if (document === null) return null;
  switch (event.type) {
    case INSPECTION_RESULTS_RECORDED:
      return { ...document, criteria: withResults(document.criteria, event.data.results, 'recorded') };
    case CHECKLIST_PASSED:
    case CHECKLIST_FAILED:
      return completedInspection(document, event);
    case REINSPECTION_STARTED:
      return { ...document, reinspectionId: event.data.reinspectionId };
    case VERDICT_DISPUTED: {
      const { disputeNumber, criterionIds, comment, disputedAt } = event.data;
      const dispute: DisputeDocument = { disputeNumber, criterionIds, comment, disputedAt, resolution: null };
      return { ...document, status: 'disputed', disputes: [...document.disputes, dispute] };
    }
    case DISPUTE_RESOLVED:
      return resolvedInspection(document, event);
  }
}

function startedInspection(event: StartedRecord): InspectionDocument {
  const { inspectionId, deliverable, productId, sectionId, authorId, inspector, template, chain, startedAt } = event.data;
  return {
    id: inspectionId,
    status: 'in-progress',
    deliverable,
    productId,
    sectionId,
    authorId,
    inspectorId: inspectorIdOf(inspector),
    template: { templateId: template.templateId, version: template.version, passMark: template.passMark },
    chainId: chain.chainId,
    attempt: chain.attempt,
    previousInspectionId: chain.previousInspectionId ?? null,
    reinspectionId: null,
    chainStartedAt: chain.chainStartedAt,
    startedAt,
    completedAt: null,
    criteria: template.criteria.map((criterion) => ({ ...criterion, result: null, comment: null, revised: null })),
    verdict: null,
    score: null,
    original: null,
    revised: null,
    disputes: [],
  };
}

function completedInspection(document: InspectionDocument, event: CompletedRecord): InspectionDocument {
  const { score, criticalFailed, failedCriteria, completedAt } = event.data;
  const verdict: Verdict = event.type === CHECKLIST_PASSED ? 'passed' : 'failed';
  return { ...document, status: 'completed', completedAt, verdict, score, original: { verdict, score, criticalFailed, failedCriteria } };
}

function resolvedInspection(document: InspectionDocument, event: ResolvedRecord): InspectionDocument {
  const { disputeNumber, outcome, comment, revisedResults, resolver, verdict, score, criticalFailed, failedCriteria, resolvedAt } = event.data;
  const resolution: DisputeResolutionDocument = {
    outcome,
    comment,
    revisedResults,
    verdict,
    score,
    resolvedAt,
    resolvedBy: inspectorIdOf(resolver),
  };
  const disputes = document.disputes.map((dispute) => (dispute.disputeNumber === disputeNumber ? { ...dispute, resolution } : dispute));
  if (revisedResults.length === 0) return { ...document, status: 'completed', disputes };
  return {
    ...document,
    status: 'completed',
    criteria: withResults(document.criteria, revisedResults, 'revised'),
    verdict,
    score,
    revised: { verdict, score, criticalFailed, failedCriteria },
    disputes,
  };
}

function withResults(
  criteria: readonly InspectionCriterionDocument[],
  entries: readonly CriterionResultEntry[],
  as: 'recorded' | 'revised',
): InspectionCriterionDocument[] {
  const byId = new Map(entries.map((entry) => [entry.criterionId, entry]));
  return criteria.map((criterion) => {
    const entry = byId.get(criterion.criterionId);
    if (entry === undefined) return criterion;
    const result = { result: entry.result, comment: entry.comment ?? null };
    return as === 'recorded' ? { ...criterion, ...result } : { ...criterion, revised: result };
  });
}

function verdictFacts(event: InspectionRecord, { before, after }: DocumentChange<InspectionDocument>): FactInput[] {
  if (after === null) return [];
  switch (event.type) {
    case CHECKLIST_PASSED:
    case CHECKLIST_FAILED:
      return [inspectionFact(after, 1), ...after.criteria.map((criterion) => criterionFact(after, criterion, 1))];
    case DISPUTE_RESOLVED:
      return before === null ? [] : correctionFacts(before, after);
    default:
      return [];
  }
}

/** Takes back what the resolution changed and counts it anew, under the original verdict's date and dims. */
function correctionFacts(before: InspectionDocument, after: InspectionDocument): FactInput[] {
  const verdictChanged = before.verdict !== after.verdict || before.score !== after.score;
  const inspectionCorrection = verdictChanged ? [inspectionFact(before, -1), inspectionFact(after, 1)] : [];
  const criterionCorrections = after.criteria.flatMap((criterion, index) => {
    const previous = before.criteria[index]!;
    if (resultInForce(previous) === resultInForce(criterion)) return [];
    return [criterionFact(before, previous, -1), criterionFact(after, criterion, 1)];
  });
  return [...inspectionCorrection, ...criterionCorrections];
}

function resultInForce(criterion: InspectionCriterionDocument): CriterionResult | null {
  return criterion.revised?.result ?? criterion.result;
}

const MS_PER_SECOND = 1000;

/**
 * Every verdict counts as one inspection. A pass ends its chain: it counts the re-inspections it took
 * (attempt - 1) and the time from the chain's start. A first attempt counts as a chain begun.
 */
function inspectionFact(document: InspectionDocument, sign: 1 | -1): FactInput {
  const passed = document.verdict === 'passed';
  const firstAttempt = document.attempt === 1;
  const secondsToPass = (Date.parse(document.completedAt!) - Date.parse(document.chainStartedAt)) / MS_PER_SECOND;
  return {
    metric: INSPECTIONS_METRIC,
    occurredAt: document.completedAt!,
    dims: verdictDims(document),
    measures: {
      inspections: sign,
      passed: passed ? sign : 0,
      score: signed(document.score!, sign),
      firstAttempts: firstAttempt ? sign : 0,
      firstAttemptsPassed: firstAttempt && passed ? sign : 0,
      reinspectionsBeforePass: passed ? signed(document.attempt - 1, sign) : 0,
      secondsToPass: passed ? signed(secondsToPass, sign) : 0,
    },
  };
}

function criterionFact(document: InspectionDocument, criterion: InspectionCriterionDocument, sign: 1 | -1): FactInput {
  const result = resultInForce(criterion);
  return {
    metric: CRITERION_RESULTS_METRIC,
    occurredAt: document.completedAt!,
    dims: { ...verdictDims(document), criterionId: criterion.criterionId, critical: String(criterion.critical) },
    measures: { checked: sign, applicable: result === 'n/a' ? 0 : sign, failed: result === 'fail' ? sign : 0 },
  };
}

/** Template id and version go together: scores are only comparable under the version they were given under. */
function verdictDims(document: InspectionDocument): Record<string, string> {
  return {
    sectionId: document.sectionId,
    productId: document.productId,
    templateId: document.template.templateId,
    templateVersion: String(document.template.version),
    inspectorId: document.inspectorId,
    authorId: document.authorId,
  };
}

/** `0 - value` rather than `-value`: taking back a zero must give 0, not -0. */
function signed(value: number, sign: 1 | -1): number {
  return sign === 1 ? value : 0 - value;
}
