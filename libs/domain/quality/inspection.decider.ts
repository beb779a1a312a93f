import { DomainRuleError, NotFoundError, type Decider } from '#kernel';
import { invalid } from '../shared/validation.js';
import { actingEmployee } from '../shared/separation-of-duty.js';
import { rejectDatedBefore } from './dating.js';
import {
  validCompleteInspection,
  validDisputeVerdict,
  validRecordInspectionResults,
  validResolveDispute,
  validStartInspection,
  validStartReinspection,
  type CompleteInspection,
  type DisputeVerdict,
  type InspectionCommand,
  type RecordInspectionResults,
  type ResolveDispute,
  type StartInspection,
  type StartReinspection,
} from './inspection.commands.js';
import {
  CHECKLIST_FAILED,
  CHECKLIST_PASSED,
  DISPUTE_RESOLVED,
  INSPECTION_RESULTS_RECORDED,
  INSPECTION_STARTED,
  REINSPECTION_STARTED,
  VERDICT_DISPUTED,
  type ChainPosition,
  type CriterionResultEntry,
  type InspectionEvent,
  type InspectionTemplate,
  type Inspector,
  type ScoredVerdict,
} from './inspection.events.js';
import { scoreChecklist } from './scoring.js';

/** What the rules need to know about an inspection that exists. */
export interface InspectionFacts {
  readonly inspectionId: string;
  readonly productId: string;
  readonly sectionId: string;
  readonly authorId: string;
  readonly inspector: Inspector;
  readonly template: InspectionTemplate;
  readonly chain: ChainPosition;
  /** The result each criterion has now, by criterion id: as recorded, then as a resolution revised it. */
  readonly results: Readonly<Record<string, CriterionResultEntry>>;
  /** Business time of the latest decision on the inspection. */
  readonly lastDecisionAt: string;
  readonly disputesRaised: number;
}

export type InspectionState =
  | { readonly status: 'absent' }
  | (InspectionFacts & { readonly status: 'in-progress' })
  | (InspectionFacts & {
      readonly status: 'completed';
      /** The verdict in force: the one given at completion, or as the latest resolution revised it. */
      readonly verdict: ScoredVerdict;
      readonly openDispute?: OpenDispute;
      /** The next attempt of the chain, once one was started. */
      readonly reinspectionId?: string;
    });

interface OpenDispute {
  readonly disputeNumber: number;
  readonly criterionIds: readonly string[];
}

type ExistingInspection = Exclude<InspectionState, { status: 'absent' }>;
type CompletedInspection = Extract<InspectionState, { status: 'completed' }>;

export type InspectionDecider = Decider<InspectionCommand, InspectionEvent, InspectionState>;

/**
 * An inspection of one deliverable against one exact template version, embedded at the start
 * (`INSPECTION_EXISTS` for a second start under one id).
 *
 * - Results are recorded per criterion (pass, fail with a comment, n/a) and may be recorded again
 *   until completion (`INSPECTION_COMPLETED` after it). Completion needs a result for every criterion
 *   (`INSPECTION_INCOMPLETE`) and one applicable criterion at least (`NO_APPLICABLE_CRITERIA`).
 * - A failed inspection is reworked and re-inspected: the re-inspection claims it (`StartReinspection`)
 *   and continues its chain, for the same work (`CHAIN_MISMATCH`, see `chainLink`). Only the latest
 *   attempt of a chain can be re-inspected or disputed (`ALREADY_REINSPECTED`), only once completed
 *   (`INSPECTION_IN_PROGRESS`), never while a dispute is open (`DISPUTE_OPEN`), and a passed one needs
 *   no re-inspection (`INSPECTION_PASSED`).
 * - The author, and only the author (`NOT_THE_AUTHOR`: the caller's key must belong to the employee
 *   whose work it is), disputes a completed verdict, one dispute at a time, contesting failed criteria
 *   (`CRITERION_NOT_FAILED`, `NOTHING_TO_DISPUTE`). A resolution (`NO_OPEN_DISPUTE` without a dispute)
 *   comes from neither the inspector nor the author (`RESOLVER_NOT_INDEPENDENT`); a partial acceptance
 *   revises contested criteria only (`CRITERION_NOT_DISPUTED`).
 * - No decision is dated before the previous one (`DATED_BEFORE_PREVIOUS_DECISION`).
 */
export function inspectionDecider(): InspectionDecider {
  return {
    initialState: () => ({ status: 'absent' }),

    decide(command, state) {
      switch (command.type) {
        case 'StartInspection':
          return start(validStartInspection(command), state);
        case 'RecordInspectionResults': {
          const valid = validRecordInspectionResults(command);
          return record(valid, inProgress(state, valid.inspectionId, valid.at));
        }
        case 'CompleteInspection': {
          const valid = validCompleteInspection(command);
          return complete(valid, inProgress(state, valid.inspectionId, valid.at));
        }
        case 'StartReinspection': {
          const valid = validStartReinspection(command);
          return startReinspection(valid, existing(state, valid.inspectionId));
        }
        case 'DisputeVerdict': {
          const valid = validDisputeVerdict(command);
          return dispute(valid, existing(state, valid.inspectionId));
        }
        case 'ResolveDispute': {
          const valid = validResolveDispute(command);
          return resolve(valid, existing(state, valid.inspectionId));
        }
      }
    },

    evolve,
  };
}

function start(command: StartInspection, state: InspectionState): InspectionEvent[] {
  if (state.status !== 'absent') {
    throw new DomainRuleError('INSPECTION_EXISTS', `inspection ${command.inspectionId} already exists`, {
      inspectionId: command.inspectionId,
    });
  }
  const { inspectionId, deliverable, productId, sectionId, authorId, inspector, template, at } = command;
  const chain = command.chain ?? { chainId: inspectionId, attempt: 1, chainStartedAt: at };
  return [
    {
      type: INSPECTION_STARTED,
      data: { inspectionId, deliverable, productId, sectionId, authorId, inspector, template, chain, startedAt: at },
    },
  ];
}

/** Records the results that differ from those the criteria have; the same results again append nothing. */
function record(command: RecordInspectionResults, state: ExistingInspection): InspectionEvent[] {
  command.results.forEach((entry, index) => rejectUnknownCriterion(state, entry.criterionId, `results.${index}.criterionId`));
  const changed = command.results.filter((entry) => !sameResult(state.results[entry.criterionId], entry));
  if (changed.length === 0) return [];
  return [{ type: INSPECTION_RESULTS_RECORDED, data: { inspectionId: state.inspectionId, results: changed, recordedAt: command.at } }];
}

function complete(command: CompleteInspection, state: ExistingInspection): InspectionEvent[] {
  const missing = state.template.criteria.filter((criterion) => state.results[criterion.criterionId] === undefined);
  if (missing.length > 0) {
    throw new DomainRuleError('INSPECTION_INCOMPLETE', `${missing.length} criteria of inspection ${state.inspectionId} have no result`, {
      inspectionId: state.inspectionId,
      missingCriteria: missing.map((criterion) => criterion.criterionId),
    });
  }
  const { verdict, ...figures } = verdictOn(state, state.results);
  const { template, chain } = state;
  return [
    {
      type: verdict === 'passed' ? CHECKLIST_PASSED : CHECKLIST_FAILED,
      data: {
        inspectionId: state.inspectionId,
        templateId: template.templateId,
        templateVersion: template.version,
        passMark: template.passMark,
        ...figures,
        productId: state.productId,
        sectionId: state.sectionId,
        authorId: state.authorId,
        chainId: chain.chainId,
        attempt: chain.attempt,
        completedAt: command.at,
      },
    },
  ];
}

/** Claiming an inspection again for the same re-inspection appends nothing: a retried start finds its own claim. */
function startReinspection(command: StartReinspection, state: ExistingInspection): InspectionEvent[] {
  if (state.status === 'completed' && state.reinspectionId === command.reinspectionId) return [];
  const failed = reinspectable(state);
  rejectDatedBefore(failed.lastDecisionAt, command.at, { inspectionId: failed.inspectionId });
  return [
    {
      type: REINSPECTION_STARTED,
      data: {
        inspectionId: failed.inspectionId,
        reinspectionId: command.reinspectionId,
        attempt: failed.chain.attempt + 1,
        startedAt: command.at,
      },
    },
  ];
}

function dispute(command: DisputeVerdict, state: ExistingInspection): InspectionEvent[] {
  const completed = completedInspection(state);
  if (command.employeeId !== completed.authorId) {
    throw new DomainRuleError('NOT_THE_AUTHOR', 'only the author of the inspected work may dispute its verdict', {
      inspectionId: completed.inspectionId,
    });
  }
  rejectOpenDispute(completed);
  rejectReinspected(completed);
  rejectDatedBefore(completed.lastDecisionAt, command.at, { inspectionId: completed.inspectionId });
  return [
    {
      type: VERDICT_DISPUTED,
      data: {
        inspectionId: completed.inspectionId,
        disputeNumber: completed.disputesRaised + 1,
        authorId: completed.authorId,
        criterionIds: contestedCriteria(completed, command.criterionIds),
        comment: command.comment,
        disputedAt: command.at,
      },
    },
  ];
}

/** The failed criteria a dispute contests, in template order: those named, or every failed one. */
function contestedCriteria(state: CompletedInspection, named: readonly string[] | undefined): string[] {
  const failed = state.verdict.failedCriteria;
  if (named === undefined) {
    if (failed.length === 0) {
      throw new DomainRuleError('NOTHING_TO_DISPUTE', `no criterion of inspection ${state.inspectionId} failed`, {
        inspectionId: state.inspectionId,
      });
    }
    return [...failed];
  }
  named.forEach((criterionId, index) => {
    rejectUnknownCriterion(state, criterionId, `criterionIds.${index}`);
    if (!failed.includes(criterionId)) {
      throw new DomainRuleError('CRITERION_NOT_FAILED', `criterion ${criterionId} did not fail: there is nothing to contest`, {
        inspectionId: state.inspectionId,
        criterionId,
      });
    }
  });
  return failed.filter((criterionId) => named.includes(criterionId));
}

function resolve(command: ResolveDispute, state: ExistingInspection): InspectionEvent[] {
  const open = state.status === 'completed' ? state.openDispute : undefined;
  if (state.status !== 'completed' || open === undefined) {
    throw new DomainRuleError('NO_OPEN_DISPUTE', `inspection ${state.inspectionId} has no open dispute`, {
      inspectionId: state.inspectionId,
    });
  }
  rejectDependentResolver(state, command.resolver);
  rejectDatedBefore(state.lastDecisionAt, command.at, { inspectionId: state.inspectionId });
  const revisedResults = revisionOf(command, state, open);
  const revised = revisedResults.length === 0 ? state.verdict : verdictOn(state, { ...state.results, ...byCriterion(revisedResults) });
  return [
    {
      type: DISPUTE_RESOLVED,
      data: {
        inspectionId: state.inspectionId,
        disputeNumber: open.disputeNumber,
        outcome: command.outcome,
        comment: command.comment,
        revisedResults,
        resolver: command.resolver,
        previous: { verdict: state.verdict.verdict, score: state.verdict.score },
        ...revised,
        resolvedAt: command.at,
      },
    },
  ];
}

/** Accepted: every contested criterion passes. Partly accepted: the results given, for contested criteria only. */
function revisionOf(command: ResolveDispute, state: CompletedInspection, open: OpenDispute): CriterionResultEntry[] {
  switch (command.outcome) {
    case 'accepted':
      return open.criterionIds.map((criterionId) => ({ criterionId, result: 'pass' }));
    case 'rejected':
      return [];
    case 'partly-accepted':
      return (command.revisedResults ?? []).map((entry, index) => {
        rejectUnknownCriterion(state, entry.criterionId, `revisedResults.${index}.criterionId`);
        if (!open.criterionIds.includes(entry.criterionId)) {
          throw new DomainRuleError('CRITERION_NOT_DISPUTED', `criterion ${entry.criterionId} is not contested by the dispute`, {
            inspectionId: state.inspectionId,
            criterionId: entry.criterionId,
          });
        }
        return entry;
      });
  }
}

/**
 * The resolver must be independent: not the inspector, whether by the same key or the same employee,
 * and not the author; so the resolver's key must name its employee.
 */
function rejectDependentResolver(state: CompletedInspection, resolver: Inspector): void {
  const { inspector } = state;
  const resolverEmployee = actingEmployee(resolver, 'resolving a dispute');
  const sameInspector = resolver.actorId === inspector.actorId || resolverEmployee === inspector.employeeId;
  if (sameInspector || resolverEmployee === state.authorId) {
    throw new DomainRuleError('RESOLVER_NOT_INDEPENDENT', 'a dispute is resolved by an inspector who neither inspected nor authored the work', {
      inspectionId: state.inspectionId,
    });
  }
}

function verdictOn(state: ExistingInspection, results: InspectionFacts['results']): ScoredVerdict {
  const criteria = state.template.criteria.map(({ criterionId, weight, critical }) => ({
    criterionId,
    weight,
    critical,
    result: results[criterionId]!.result,
  }));
  return scoreChecklist(criteria, state.template.passMark);
}

/** A re-inspection as `chainLink` checks it against the inspection it re-inspects. */
export interface ChainLinkRequest extends Pick<StartInspection, 'productId' | 'sectionId' | 'authorId'> {
  readonly previousInspectionId: string;
  readonly reinspectionId: string;
  readonly templateId: string;
}

/**
 * The chain position of a re-inspection of `previous`: the same product, section, author and
 * template (`CHAIN_MISMATCH` otherwise; the template version may be newer), and a previous attempt
 * that can be re-inspected, or that this very re-inspection already claimed (a retried start). The
 * command service checks it on the previous inspection's stream before it claims that inspection with
 * `StartReinspection`, which checks again against the stream as it is then.
 */
export function chainLink(previous: InspectionState, next: ChainLinkRequest): ChainPosition {
  const { previousInspectionId } = next;
  const found = existing(previous, previousInspectionId);
  const failed = found.status === 'completed' && found.reinspectionId === next.reinspectionId ? found : reinspectable(found);
  const mismatched = [
    ...(['productId', 'sectionId', 'authorId'] as const).filter((field) => failed[field] !== next[field]),
    ...(failed.template.templateId === next.templateId ? [] : ['templateId']),
  ];
  if (mismatched.length > 0) {
    throw new DomainRuleError('CHAIN_MISMATCH', 'a re-inspection checks the same work: product, section, author and template', {
      inspectionId: previousInspectionId,
      mismatched,
    });
  }
  return {
    chainId: failed.chain.chainId,
    attempt: failed.chain.attempt + 1,
    previousInspectionId,
    chainStartedAt: failed.chain.chainStartedAt,
  };
}

export interface InspectedWork {
  readonly productId: string;
  /** The section that owns the product, as the organisation catalogue says. */
  readonly productSectionId: string;
  /** The section the client named, if any. */
  readonly sectionId?: string;
}

/**
 * The section an inspection is given in: the one that owns the product. A client may restate it but
 * not contradict it (`PRODUCT_OF_ANOTHER_SECTION`), or the metrics by section would count the work
 * of one section under another.
 */
export function inspectedSection({ productId, productSectionId, sectionId }: InspectedWork): string {
  if (sectionId === undefined || sectionId === productSectionId) return productSectionId;
  throw new DomainRuleError('PRODUCT_OF_ANOTHER_SECTION', `product ${productId} belongs to section ${productSectionId}, not ${sectionId}`, {
    productId,
    productSectionId,
    sectionId,
  });
}

function reinspectable(state: ExistingInspection): CompletedInspection {
  const completed = completedInspection(state);
  rejectReinspected(completed);
  rejectOpenDispute(completed);
  if (completed.verdict.verdict === 'passed') {
    throw new DomainRuleError('INSPECTION_PASSED', `inspection ${completed.inspectionId} passed: there is no rework to re-inspect`, {
      inspectionId: completed.inspectionId,
    });
  }
  return completed;
}

function existing(state: InspectionState, inspectionId: string): ExistingInspection {
  if (state.status === 'absent') throw new NotFoundError('inspection', inspectionId);
  return state;
}

function inProgress(state: InspectionState, inspectionId: string, at: string): ExistingInspection {
  const found = existing(state, inspectionId);
  if (found.status === 'completed') {
    throw new DomainRuleError('INSPECTION_COMPLETED', `inspection ${inspectionId} is completed: its results are final`, { inspectionId });
  }
  rejectDatedBefore(found.lastDecisionAt, at, { inspectionId });
  return found;
}

function completedInspection(state: ExistingInspection): CompletedInspection {
  if (state.status !== 'completed') {
    throw new DomainRuleError('INSPECTION_IN_PROGRESS', `inspection ${state.inspectionId} has no verdict yet`, {
      inspectionId: state.inspectionId,
    });
  }
  return state;
}

function rejectOpenDispute(state: CompletedInspection): void {
  if (state.openDispute !== undefined) {
    throw new DomainRuleError('DISPUTE_OPEN', `the verdict on inspection ${state.inspectionId} is disputed: resolve the dispute first`, {
      inspectionId: state.inspectionId,
      disputeNumber: state.openDispute.disputeNumber,
    });
  }
}

function rejectReinspected(state: CompletedInspection): void {
  if (state.reinspectionId !== undefined) {
    throw new DomainRuleError('ALREADY_REINSPECTED', `inspection ${state.inspectionId} was re-inspected: only the latest attempt counts`, {
      inspectionId: state.inspectionId,
      reinspectionId: state.reinspectionId,
    });
  }
}

/** A criterion the inspection's template version does not have is bad input, named by its field. */
function rejectUnknownCriterion(state: ExistingInspection, criterionId: string, field: string): void {
  if (!state.template.criteria.some((criterion) => criterion.criterionId === criterionId)) {
    throw invalid(field, `is not a criterion of checklist template ${state.template.templateId} v${state.template.version}`);
  }
}

function sameResult(current: CriterionResultEntry | undefined, entry: CriterionResultEntry): boolean {
  return current !== undefined && current.result === entry.result && current.comment === entry.comment;
}

function byCriterion(entries: readonly CriterionResultEntry[]): Record<string, CriterionResultEntry> {
  return Object.fromEntries(entries.map((entry) => [entry.criterionId, entry]));
}

function evolve(state: InspectionState, event: InspectionEvent): InspectionState {
  if (event.type === INSPECTION_STARTED) {
    const { inspectionId, productId, sectionId, authorId, inspector, template, chain, startedAt } = event.data;
    return {
      status: 'in-progress',
      inspectionId,
      productId,
      sectionId,
      authorId,
      inspector,
      template,
      chain,
      results: {},
      lastDecisionAt: startedAt,
      disputesRaised: 0,
    };
  }
  if (state.status === 'absent') return state;
  switch (event.type) {
    case INSPECTION_RESULTS_RECORDED:
      return { ...state, results: { ...state.results, ...byCriterion(event.data.results) }, lastDecisionAt: event.data.recordedAt };
    case CHECKLIST_PASSED:
    case CHECKLIST_FAILED: {
      const { score, criticalFailed, failedCriteria, completedAt } = event.data;
      const verdict = event.type === CHECKLIST_PASSED ? 'passed' : 'failed';
      return { ...state, status: 'completed', verdict: { verdict, score, criticalFailed, failedCriteria }, lastDecisionAt: completedAt };
    }
    case REINSPECTION_STARTED:
      return state.status === 'completed' ? { ...state, reinspectionId: event.data.reinspectionId, lastDecisionAt: event.data.startedAt } : state;
    case VERDICT_DISPUTED: {
      const { disputeNumber, criterionIds, disputedAt } = event.data;
      if (state.status !== 'completed') return state;
      return { ...state, openDispute: { disputeNumber, criterionIds }, disputesRaised: disputeNumber, lastDecisionAt: disputedAt };
    }
    case DISPUTE_RESOLVED: {
      const { verdict, score, criticalFailed, failedCriteria, revisedResults, resolvedAt } = event.data;
      if (state.status !== 'completed') return state;
      const { openDispute: _resolved, ...rest } = state;
      return {
        ...rest,
        results: { ...state.results, ...byCriterion(revisedResults) },
        verdict: { verdict, score, criticalFailed, failedCriteria },
        lastDecisionAt: resolvedAt,
      };
    }
  }
}
