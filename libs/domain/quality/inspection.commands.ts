import { withoutAbsent } from '../shared/objects.js';
import {
  invalid,
  optionalId,
  optionalText,
  rejectRepeated,
  requireId,
  requireList,
  requireNumber,
  requireOneOf,
  requireRecord,
  requireText,
  requireUtcInstant,
} from '../shared/validation.js';
import { MAX_CRITERIA_PER_SECTION, MAX_SECTIONS, MAX_TITLE_LENGTH, validCriterion } from './checklist-template.commands.js';
import {
  CRITERION_RESULTS,
  DELIVERABLE_KINDS,
  DISPUTE_OUTCOMES,
  type ChainPosition,
  type CriterionResultEntry,
  type Deliverable,
  type DisputeOutcome,
  type InspectionTemplate,
  type Inspector,
} from './inspection.events.js';

/*
 * `at` is the business time the command service resolved, and the inspector, the resolver and the
 * disputing employee come from the caller's API key: the decider reads no clock and no request.
 */

export interface StartInspection {
  readonly type: 'StartInspection';
  readonly inspectionId: string;
  readonly deliverable: Deliverable;
  readonly productId: string;
  readonly sectionId: string;
  readonly authorId: string;
  /** The template version as the command service read it from the template's stream. */
  readonly template: InspectionTemplate;
  readonly inspector: Inspector;
  /** For a re-inspection: the chain position `chainLink` gave; absent for a first inspection. */
  readonly chain?: ChainPosition;
  readonly at: string;
}

export interface RecordInspectionResults {
  readonly type: 'RecordInspectionResults';
  readonly inspectionId: string;
  readonly results: readonly CriterionResultEntry[];
  readonly at: string;
}

export interface CompleteInspection {
  readonly type: 'CompleteInspection';
  readonly inspectionId: string;
  readonly at: string;
}

/** Addressed to the failed inspection: claims it for the re-inspection `reinspectionId`. */
export interface StartReinspection {
  readonly type: 'StartReinspection';
  readonly inspectionId: string;
  readonly reinspectionId: string;
  readonly at: string;
}

export interface DisputeVerdict {
  readonly type: 'DisputeVerdict';
  readonly inspectionId: string;
  /** The employee the caller's key belongs to; absent for a key that belongs to nobody. */
  readonly employeeId?: string;
  /** The failed criteria contested; absent: all of them. */
  readonly criterionIds?: readonly string[];
  readonly comment: string;
  readonly at: string;
}

export interface ResolveDispute {
  readonly type: 'ResolveDispute';
  readonly inspectionId: string;
  readonly outcome: DisputeOutcome;
  /** For a partly accepted dispute only: the new results of some of the contested criteria. */
  readonly revisedResults?: readonly CriterionResultEntry[];
  readonly comment: string;
  readonly resolver: Inspector;
  readonly at: string;
}

export type InspectionCommand =
  | StartInspection
  | RecordInspectionResults
  | CompleteInspection
  | StartReinspection
  | DisputeVerdict
  | ResolveDispute;

export const MAX_REFERENCE_LENGTH = 500;
export const MAX_COMMENT_LENGTH = 2000;
const MAX_CRITERIA = MAX_SECTIONS * MAX_CRITERIA_PER_SECTION;

export function validStartInspection(command: StartInspection): StartInspection {
  return withoutAbsent({
    type: command.type,
    inspectionId: requireId(command.inspectionId, 'inspectionId'),
    deliverable: validDeliverable(command.deliverable),
    productId: requireId(command.productId, 'productId'),
    sectionId: requireId(command.sectionId, 'sectionId'),
    authorId: requireId(command.authorId, 'authorId'),
    template: validTemplate(command.template),
    inspector: validInspector(command.inspector, 'inspector'),
    chain: command.chain === undefined ? undefined : validChain(command.chain),
    at: requireUtcInstant(command.at, 'at'),
  });
}

export function validRecordInspectionResults(command: RecordInspectionResults): RecordInspectionResults {
  return {
    type: command.type,
    inspectionId: requireId(command.inspectionId, 'inspectionId'),
    results: validResults(command.results, 'results'),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validCompleteInspection(command: CompleteInspection): CompleteInspection {
  return { type: command.type, inspectionId: requireId(command.inspectionId, 'inspectionId'), at: requireUtcInstant(command.at, 'at') };
}

export function validStartReinspection(command: StartReinspection): StartReinspection {
  return {
    type: command.type,
    inspectionId: requireId(command.inspectionId, 'inspectionId'),
    reinspectionId: requireId(command.reinspectionId, 'reinspectionId'),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validDisputeVerdict(command: DisputeVerdict): DisputeVerdict {
  return withoutAbsent({
    type: command.type,
    inspectionId: requireId(command.inspectionId, 'inspectionId'),
    employeeId: optionalId(command.employeeId, 'employeeId'),
    criterionIds: command.criterionIds === undefined ? undefined : validCriterionIds(command.criterionIds),
    comment: requireText(command.comment, 'comment', MAX_COMMENT_LENGTH),
    at: requireUtcInstant(command.at, 'at'),
  });
}

export function validResolveDispute(command: ResolveDispute): ResolveDispute {
  const outcome = requireOneOf(command.outcome, 'outcome', DISPUTE_OUTCOMES);
  if (outcome === 'partly-accepted' && command.revisedResults === undefined) {
    throw invalid('revisedResults', 'is required when a dispute is partly accepted');
  }
  if (outcome !== 'partly-accepted' && command.revisedResults !== undefined) {
    throw invalid('revisedResults', 'belongs to a partly accepted dispute only: acceptance passes every contested criterion, rejection none');
  }
  return withoutAbsent({
    type: command.type,
    inspectionId: requireId(command.inspectionId, 'inspectionId'),
    outcome,
    revisedResults: command.revisedResults === undefined ? undefined : validResults(command.revisedResults, 'revisedResults'),
    comment: requireText(command.comment, 'comment', MAX_COMMENT_LENGTH),
    resolver: validInspector(command.resolver, 'resolver'),
    at: requireUtcInstant(command.at, 'at'),
  });
}

function validDeliverable(value: unknown): Deliverable {
  const deliverable = requireRecord(value, 'deliverable', '{ kind, reference }');
  return {
    kind: requireOneOf(deliverable.kind, 'deliverable.kind', DELIVERABLE_KINDS),
    reference: requireText(deliverable.reference, 'deliverable.reference', MAX_REFERENCE_LENGTH),
  };
}

function validTemplate(template: InspectionTemplate): InspectionTemplate {
  if (typeof template !== 'object' || template === null) throw invalid('template', 'must be a template version');
  return {
    templateId: requireId(template.templateId, 'template.templateId'),
    version: requireNumber(template.version, 'template.version', { atLeast: 1, whole: true }),
    passMark: requireNumber(template.passMark, 'template.passMark', { above: 0, atMost: 1 }),
    criteria: requireList(template.criteria, 'template.criteria', 1, MAX_CRITERIA).map((criterion, index) => {
      const field = `template.criteria.${index}`;
      const valid = validCriterion(criterion, field);
      return { ...valid, section: requireText(requireRecord(criterion, field).section, `${field}.section`, MAX_TITLE_LENGTH) };
    }),
  };
}

function validInspector(value: unknown, field: string): Inspector {
  const inspector = requireRecord(value, field, '{ actorId, employeeId? }');
  return withoutAbsent({
    actorId: requireId(inspector.actorId, `${field}.actorId`),
    employeeId: optionalId(inspector.employeeId, `${field}.employeeId`),
  });
}

function validChain(chain: ChainPosition): ChainPosition {
  return withoutAbsent({
    chainId: requireId(chain.chainId, 'chain.chainId'),
    attempt: requireNumber(chain.attempt, 'chain.attempt', { atLeast: 2, whole: true }),
    previousInspectionId: requireId(chain.previousInspectionId, 'chain.previousInspectionId'),
    chainStartedAt: requireUtcInstant(chain.chainStartedAt, 'chain.chainStartedAt'),
  });
}

/** Results as entered: each criterion once, and a comment for every fail. */
function validResults(results: readonly CriterionResultEntry[], field: string): CriterionResultEntry[] {
  const entries = requireList(results, field, 1, MAX_CRITERIA).map((value, index) => {
    const at = `${field}.${index}`;
    const entry = requireRecord(value, at, '{ criterionId, result, comment? }');
    const criterionId = requireId(entry.criterionId, `${at}.criterionId`);
    const result = requireOneOf(entry.result, `${at}.result`, CRITERION_RESULTS);
    const comment = optionalText(entry.comment, `${at}.comment`, MAX_COMMENT_LENGTH);
    if (result === 'fail' && comment === undefined) throw invalid(`${at}.comment`, 'is required for a fail: it tells the author what to rework');
    return withoutAbsent({ criterionId, result, comment });
  });
  rejectRepeated(entries.map((entry) => entry.criterionId), (index) => `${field}.${index}.criterionId`, 'repeats a criterion of this list');
  return entries;
}

function validCriterionIds(criterionIds: readonly string[]): string[] {
  const ids = requireList(criterionIds, 'criterionIds', 1, MAX_CRITERIA).map((id, index) => requireId(id, `criterionIds.${index}`));
  rejectRepeated(ids, (index) => `criterionIds.${index}`, 'repeats a criterion of this list');
  return ids;
}
