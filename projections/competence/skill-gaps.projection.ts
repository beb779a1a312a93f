import type {
  DocumentChange,
  DocumentReader,
  EvolveContext,
  FactInput,
  Projection,
  RecordedEvent,
  RecordedOf,
} from '#kernel';
import {
  CAREER_PATH_DEFINED,
  CAREER_PATH_RETIRED,
  CAREER_PATH_REVISED,
  CAREER_TARGET_CLEARED,
  CAREER_TARGET_SET,
  COMPETENCY_ASSESSED,
  JOB_PROFILE_APPROVED,
  requirementsOf,
  SELF_ASSESSMENT_VALIDATED,
  type AssessmentSource,
  type CareerPathBasis,
  type CareerPathEvent,
  type CareerTargetCleared,
  type CareerTargetSet,
  type CompetencyAssessed,
  type CompetencyRequirement,
  type JobProfileApproved,
  type SelfAssessmentValidated,
} from '#domain/competence/index.js';
import { EMPLOYEE_HIRED, EMPLOYEE_LEFT, EMPLOYEE_MOVED, type EmployeeEvent } from '#domain/organisation/index.js';

export const SKILL_GAPS = 'skillGaps';

/** One fact per change of an employee's coverage: the competencies their profile requires, and those met. */
export const GAP_COVERAGE_METRIC = 'competence.gapCoverage';

/** An assessment behind a level, as the "why" of a gap shows it. */
export interface AssessmentEntry {
  readonly assessmentId: string;
  readonly competencyId: string;
  readonly level: number;
  readonly source: AssessmentSource;
  readonly evidence: string | null;
  readonly assessorId: string;
  readonly assessedAt: string;
  /** A self assessment counts from its validation on; every other assessment counts at once. */
  readonly validated: boolean;
  readonly validatedAt: string | null;
  readonly validatorId: string | null;
  /** The `CompetencyAssessed` event, and its position in the log as a decimal string. */
  readonly eventId: string;
  readonly position: string;
}

export interface SkillGapCompetency {
  readonly competencyId: string;
  /** By the approved profile of the current position; 0 when only the career target requires it. */
  readonly required: number;
  /** By the career target: null without one, 0 when the target does not require it. */
  readonly targetRequired: number | null;
  /** The latest validated level; null: never assessed. */
  readonly level: number | null;
  /** max(0, required - (level ?? 0)). */
  readonly gap: number;
  readonly targetGap: number | null;
  /** The profile's weight; the career target's for a competency only the target requires. */
  readonly weight: number;
  /** When the level counting now was assessed. */
  readonly assessedAt: string | null;
  /** The validated assessments of the competency, in the order they came to count; the last one gives the level. */
  readonly assessmentIds: readonly string[];
}

/** The skill gaps of one employee (document id: the employee id). */
export interface SkillGapDocument {
  readonly entity: 'employee';
  readonly id: string;
  readonly employeeId: string;
  readonly sectionId: string | null;
  readonly positionId: string | null;
  /** The profile version of the position in force; null while the position has none. */
  readonly profileVersion: number | null;
  /** The next step of the employee's career path, when one is set. */
  readonly targetPositionId: string | null;
  readonly careerPathId: string | null;
  readonly targetBasis: CareerPathBasis | null;
  readonly competencies: readonly SkillGapCompetency[];
  /** Σ weight × gap. */
  readonly weightedGap: number;
  /** The competencies with a gap. */
  readonly openGaps: number;
  readonly requirements: readonly CompetencyRequirement[];
  readonly targetRequirements: readonly CompetencyRequirement[] | null;
  /** Every assessment of the employee, in log order, including self assessments awaiting validation. */
  readonly assessments: readonly AssessmentEntry[];
}

/** The requirements in force for a position and who holds it, so that an approval reaches them. */
export interface PositionRequirementsDocument {
  readonly entity: 'position';
  readonly id: string;
  readonly positionId: string;
  readonly profileVersion: number | null;
  readonly requirements: readonly CompetencyRequirement[];
  readonly holders: readonly string[];
  /** The active career paths that follow this position's profile, whose followers an approval also reaches. */
  readonly targetProfilePaths: readonly string[];
}

/** A career path and the employees who work along it. */
export interface CareerPathFollowersDocument {
  readonly entity: 'careerPath';
  readonly id: string;
  readonly pathId: string;
  readonly toPositionId: string;
  readonly basis: CareerPathBasis;
  readonly requirements: readonly CompetencyRequirement[] | null;
  readonly followers: readonly string[];
}

export type SkillGapsDocument = SkillGapDocument | PositionRequirementsDocument | CareerPathFollowersDocument;

/*
 * Positions and paths share the collection with the employees under ids no employee id can take (an
 * id never holds `@`); the views read `entity: 'employee'` only.
 */
const POSITION_PREFIX = '@position:';
const CAREER_PATH_PREFIX = '@careerPath:';
export const positionDocumentId = (positionId: string) => `${POSITION_PREFIX}${positionId}`;
export const careerPathDocumentId = (pathId: string) => `${CAREER_PATH_PREFIX}${pathId}`;

type SkillGapsEvent =
  | EmployeeEvent
  | JobProfileApproved
  | CareerPathEvent
  | CareerTargetSet
  | CareerTargetCleared
  | CompetencyAssessed
  | SelfAssessmentValidated;
type SkillGapsRecord = RecordedOf<SkillGapsEvent>;
type Read = DocumentReader<SkillGapsDocument>;

export const SKILL_GAPS_EVENT_TYPES: readonly SkillGapsEvent['type'][] = [
  EMPLOYEE_HIRED,
  EMPLOYEE_MOVED,
  EMPLOYEE_LEFT,
  JOB_PROFILE_APPROVED,
  CAREER_PATH_DEFINED,
  CAREER_PATH_REVISED,
  CAREER_PATH_RETIRED,
  CAREER_TARGET_SET,
  CAREER_TARGET_CLEARED,
  COMPETENCY_ASSESSED,
  SELF_ASSESSMENT_VALIDATED,
];

/**
 * Per employee and competency, the level their position's approved profile requires (and their
 * career target, when set) against the latest validated level, and the gap.
 *
 * An approval changes the requirements of everyone holding the position, and of everyone whose career
 * target follows that position's profile: a document per position lists its holders and those paths,
 * a document per path lists its followers, and an event reaches every employee they list. Each
 * employee document keeps its own copy of the requirements it is measured against, so that only the
 * events that change them have to reach it.
 *
 * Facts: `competence.gapCoverage`, per change of an employee's coverage, the previous count taken
 * back (negative, under the dims it was counted with) and the new one counted, at the event's date.
 */
export const skillGaps: Projection<SkillGapsDocument, SkillGapsEvent> = {
  name: SKILL_GAPS,
  version: 1,
  handles: SKILL_GAPS_EVENT_TYPES,
  documentIds: (event, read) => documentsOf(event, read),
  evolve: (document, event, context) => evolveDocument(document, event, context),
  facts: (event, change) => coverageFacts(event, change),
};

function documentsOf(event: SkillGapsRecord, read: Read): string[] {
  switch (event.type) {
    case EMPLOYEE_HIRED:
      return [positionDocumentId(event.data.positionId), event.data.employeeId];
    case EMPLOYEE_MOVED: {
      const { employeeId, positionId, previousPositionId } = event.data;
      if (positionId === previousPositionId) return [employeeId];
      return [positionDocumentId(previousPositionId), positionDocumentId(positionId), ...pathOf(employeeOf(read, employeeId)), employeeId];
    }
    case EMPLOYEE_LEFT: {
      const employee = employeeOf(read, event.data.employeeId);
      return [...(employee?.positionId ? [positionDocumentId(employee.positionId)] : []), ...pathOf(employee), event.data.employeeId];
    }
    case JOB_PROFILE_APPROVED: {
      const position = read(positionDocumentId(event.data.positionId)) as PositionRequirementsDocument | null;
      const followers = (position?.targetProfilePaths ?? []).flatMap((pathId) => pathDocumentOf(read, pathId)?.followers ?? []);
      return [positionDocumentId(event.data.positionId), ...(position?.holders ?? []), ...followers];
    }
    case CAREER_PATH_DEFINED: {
      const { pathId, toPositionId, basis } = event.data;
      return [careerPathDocumentId(pathId), ...(basis === 'target-profile' ? [positionDocumentId(toPositionId)] : [])];
    }
    case CAREER_PATH_REVISED:
      return [careerPathDocumentId(event.data.pathId), ...(pathDocumentOf(read, event.data.pathId)?.followers ?? [])];
    case CAREER_PATH_RETIRED: {
      const path = pathDocumentOf(read, event.data.pathId);
      const target = path?.basis === 'target-profile' ? [positionDocumentId(path.toPositionId)] : [];
      return [careerPathDocumentId(event.data.pathId), ...target, ...(path?.followers ?? [])];
    }
    case CAREER_TARGET_SET: {
      const { employeeId, careerPathId, toPositionId, basis } = event.data;
      const target = basis === 'target-profile' ? [positionDocumentId(toPositionId)] : [];
      return [...pathOf(employeeOf(read, employeeId)), careerPathDocumentId(careerPathId), ...target, employeeId];
    }
    case CAREER_TARGET_CLEARED:
      return [...pathOf(employeeOf(read, event.data.employeeId)), event.data.employeeId];
    case COMPETENCY_ASSESSED:
    case SELF_ASSESSMENT_VALIDATED:
      return [event.data.employeeId];
  }
}

function employeeOf(read: Read, employeeId: string): SkillGapDocument | null {
  const document = read(employeeId);
  return document?.entity === 'employee' ? document : null;
}

function pathDocumentOf(read: Read, pathId: string): CareerPathFollowersDocument | null {
  const document = read(careerPathDocumentId(pathId));
  return document?.entity === 'careerPath' ? document : null;
}

/** The path document an employee follows, to be told when they stop. */
function pathOf(employee: SkillGapDocument | null): string[] {
  return employee?.careerPathId ? [careerPathDocumentId(employee.careerPathId)] : [];
}

function evolveDocument(
  document: SkillGapsDocument | null,
  event: SkillGapsRecord,
  { id, read }: EvolveContext<SkillGapsDocument>,
): SkillGapsDocument | null {
  if (id.startsWith(POSITION_PREFIX)) {
    const position = document ?? (POSITION_CREATING_EVENTS.has(event.type) ? emptyPosition(id.slice(POSITION_PREFIX.length)) : null);
    return position && evolvePosition(position as PositionRequirementsDocument, event);
  }
  if (id.startsWith(CAREER_PATH_PREFIX)) {
    if (event.type === CAREER_PATH_DEFINED) {
      const { pathId, toPositionId, basis, requirements } = event.data;
      return { entity: 'careerPath', id, pathId, toPositionId, basis, requirements: requirements ?? null, followers: [] };
    }
    return document && evolvePath(document as CareerPathFollowersDocument, event);
  }
  return evolveEmployee(document as SkillGapDocument | null, event, read);
}

/** A position gets its document when someone takes it, a profile is approved for it, or a path follows its profile. */
const POSITION_CREATING_EVENTS: ReadonlySet<string> = new Set([EMPLOYEE_HIRED, EMPLOYEE_MOVED, JOB_PROFILE_APPROVED, CAREER_PATH_DEFINED]);

function emptyPosition(positionId: string): PositionRequirementsDocument {
  return {
    entity: 'position',
    id: positionDocumentId(positionId),
    positionId,
    profileVersion: null,
    requirements: [],
    holders: [],
    targetProfilePaths: [],
  };
}

function evolvePosition(position: PositionRequirementsDocument, event: SkillGapsRecord): PositionRequirementsDocument {
  switch (event.type) {
    case EMPLOYEE_HIRED:
      return { ...position, holders: [...without(position.holders, event.data.employeeId), event.data.employeeId] };
    case EMPLOYEE_MOVED: {
      const { employeeId, positionId } = event.data;
      const holders = without(position.holders, employeeId);
      return { ...position, holders: positionId === position.positionId ? [...holders, employeeId] : holders };
    }
    case EMPLOYEE_LEFT:
      return { ...position, holders: without(position.holders, event.data.employeeId) };
    case JOB_PROFILE_APPROVED:
      return { ...position, profileVersion: event.data.version, requirements: requirementsOf(event.data.content) };
    case CAREER_PATH_DEFINED:
      return { ...position, targetProfilePaths: [...position.targetProfilePaths, event.data.pathId] };
    case CAREER_PATH_RETIRED:
      return { ...position, targetProfilePaths: without(position.targetProfilePaths, event.data.pathId) };
    default:
      return position;
  }
}

function evolvePath(path: CareerPathFollowersDocument, event: SkillGapsRecord): CareerPathFollowersDocument {
  switch (event.type) {
    case CAREER_PATH_REVISED:
      return { ...path, requirements: event.data.requirements };
    case CAREER_PATH_RETIRED:
      return { ...path, followers: [] };
    case CAREER_TARGET_SET: {
      const { employeeId, careerPathId } = event.data;
      const followers = without(path.followers, employeeId);
      return { ...path, followers: careerPathId === path.pathId ? [...followers, employeeId] : followers };
    }
    case CAREER_TARGET_CLEARED:
    case EMPLOYEE_MOVED:
    case EMPLOYEE_LEFT:
      return { ...path, followers: without(path.followers, event.data.employeeId) };
    default:
      return path;
  }
}

function evolveEmployee(employee: SkillGapDocument | null, event: SkillGapsRecord, read: Read): SkillGapDocument | null {
  switch (event.type) {
    case EMPLOYEE_HIRED: {
      const { employeeId, positionId, sectionId } = event.data;
      return placed(employee ?? newEmployee(employeeId), positionId, sectionId, read);
    }
    case EMPLOYEE_MOVED: {
      const { employeeId, positionId, sectionId, previousPositionId } = event.data;
      const current = employee ?? newEmployee(employeeId);
      if (positionId === previousPositionId) return { ...current, sectionId };
      return placed(withoutTarget(current), positionId, sectionId, read);
    }
    case EMPLOYEE_LEFT:
      return null;
    case JOB_PROFILE_APPROVED:
      return employee && approved(employee, event);
    case CAREER_PATH_REVISED:
      return employee && measured({ ...employee, targetRequirements: event.data.requirements });
    case CAREER_PATH_RETIRED:
    case CAREER_TARGET_CLEARED:
      return employee && measured(withoutTarget(employee));
    case CAREER_TARGET_SET:
      return targeted(employee ?? newEmployee(event.data.employeeId), event, read);
    case COMPETENCY_ASSESSED:
      return measured({
        ...(employee ?? newEmployee(event.data.employeeId)),
        assessments: [...(employee?.assessments ?? []), entryOf(event)],
      });
    case SELF_ASSESSMENT_VALIDATED:
      return employee && measured({ ...employee, assessments: employee.assessments.map((entry) => validatedEntry(entry, event)) });
    default:
      return employee;
  }
}

function newEmployee(employeeId: string): SkillGapDocument {
  return {
    entity: 'employee',
    id: employeeId,
    employeeId,
    sectionId: null,
    positionId: null,
    profileVersion: null,
    targetPositionId: null,
    careerPathId: null,
    targetBasis: null,
    competencies: [],
    weightedGap: 0,
    openGaps: 0,
    requirements: [],
    targetRequirements: null,
    assessments: [],
  };
}

/** In a position: measured against its profile in force, which its document holds. */
function placed(employee: SkillGapDocument, positionId: string, sectionId: string, read: Read): SkillGapDocument {
  const position = read(positionDocumentId(positionId)) as PositionRequirementsDocument | null;
  return measured({
    ...employee,
    positionId,
    sectionId,
    profileVersion: position?.profileVersion ?? null,
    requirements: position?.requirements ?? [],
  });
}

/** A career target belongs to the position it starts at: a move to another position ends it. */
function withoutTarget(employee: SkillGapDocument): SkillGapDocument {
  return { ...employee, targetPositionId: null, careerPathId: null, targetBasis: null, targetRequirements: null };
}

function approved(employee: SkillGapDocument, event: RecordedEvent<JobProfileApproved>): SkillGapDocument {
  const { positionId, version, content } = event.data;
  const requirements = requirementsOf(content);
  const holds = employee.positionId === positionId;
  const aims = employee.targetBasis === 'target-profile' && employee.targetPositionId === positionId;
  return measured({
    ...employee,
    ...(holds && { profileVersion: version, requirements }),
    ...(aims && { targetRequirements: requirements }),
  });
}

/** Measured against the path's own minimum, or the target position's profile, as its documents hold them. */
function targeted(employee: SkillGapDocument, event: RecordedEvent<CareerTargetSet>, read: Read): SkillGapDocument {
  const { careerPathId, toPositionId, basis } = event.data;
  const source = basis === 'target-profile' ? read(positionDocumentId(toPositionId)) : read(careerPathDocumentId(careerPathId));
  return measured({
    ...employee,
    targetPositionId: toPositionId,
    careerPathId,
    targetBasis: basis,
    targetRequirements: (source as PositionRequirementsDocument | CareerPathFollowersDocument | null)?.requirements ?? [],
  });
}

function entryOf(event: RecordedEvent<CompetencyAssessed>): AssessmentEntry {
  const { assessmentId, competencyId, level, source, evidence, assessorId, assessedAt, validated } = event.data;
  return {
    assessmentId,
    competencyId,
    level,
    source,
    evidence: evidence ?? null,
    assessorId,
    assessedAt,
    validated,
    validatedAt: null,
    validatorId: null,
    eventId: event.eventId,
    position: event.position.toString(),
  };
}

function validatedEntry(entry: AssessmentEntry, event: RecordedEvent<SelfAssessmentValidated>): AssessmentEntry {
  if (entry.assessmentId !== event.data.assessmentId) return entry;
  return { ...entry, validated: true, validatedAt: event.data.validatedAt, validatorId: event.data.validatorId };
}

/** The document with its gaps computed again from the requirements and assessments it holds. */
function measured(employee: SkillGapDocument): SkillGapDocument {
  const competencies = gapsOf(employee.requirements, employee.targetRequirements, employee.assessments);
  return {
    ...employee,
    competencies,
    weightedGap: competencies.reduce((sum, { weight, gap }) => sum + weight * gap, 0),
    openGaps: competencies.filter(({ gap }) => gap > 0).length,
  };
}

/** The competencies of the profile in profile order, then those only the target requires, in its order. */
export function gapsOf(
  requirements: readonly CompetencyRequirement[],
  targetRequirements: readonly CompetencyRequirement[] | null,
  assessments: readonly AssessmentEntry[],
): SkillGapCompetency[] {
  const targetOnly = (targetRequirements ?? []).filter(({ competencyId }) => !requirements.some((r) => r.competencyId === competencyId));
  return [...requirements, ...targetOnly].map(({ competencyId }) => {
    const required = requirements.find((r) => r.competencyId === competencyId);
    const target = targetRequirements?.find((r) => r.competencyId === competencyId);
    const counting = countingAssessments(assessments, competencyId);
    const latest = counting.at(-1);
    const level = latest?.level ?? null;
    const targetRequired = targetRequirements === null ? null : (target?.requiredLevel ?? 0);
    return {
      competencyId,
      required: required?.requiredLevel ?? 0,
      targetRequired,
      level,
      gap: Math.max(0, (required?.requiredLevel ?? 0) - (level ?? 0)),
      targetGap: targetRequired === null ? null : Math.max(0, targetRequired - (level ?? 0)),
      weight: (required ?? target)!.weight,
      assessedAt: latest?.assessedAt ?? null,
      assessmentIds: counting.map(({ assessmentId }) => assessmentId),
    };
  });
}

/**
 * The validated assessments of a competency in the order they came to count: by business time (a
 * self assessment from its validation), then by log order. The last one gives the level, so a
 * backdated assessment does not override a later one.
 */
export function countingAssessments(assessments: readonly AssessmentEntry[], competencyId: string): AssessmentEntry[] {
  return assessments
    .filter((entry) => entry.competencyId === competencyId && entry.validated)
    .sort((a, b) => compareInstants(countsFrom(a), countsFrom(b)) || Number(BigInt(a.position) - BigInt(b.position)));
}

function countsFrom(entry: AssessmentEntry): string {
  return entry.validatedAt ?? entry.assessedAt;
}

function compareInstants(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b);
}

function without(ids: readonly string[], id: string): string[] {
  return ids.filter((candidate) => candidate !== id);
}

interface Coverage {
  readonly dims: Record<string, string>;
  readonly required: number;
  readonly met: number;
}

/** The coverage of an employee's profile: its competencies, and those whose level reaches the required one. */
function coverageOf(document: SkillGapsDocument | null): Coverage | undefined {
  if (document?.entity !== 'employee') return undefined;
  const required = document.competencies.filter((competency) => competency.required > 0);
  const dims: Record<string, string> = {};
  if (document.sectionId !== null) dims.sectionId = document.sectionId;
  if (document.positionId !== null) dims.positionId = document.positionId;
  return { dims, required: required.length, met: required.filter(({ gap }) => gap === 0).length };
}

function coverageFacts(event: RecordedEvent, { before, after }: DocumentChange<SkillGapsDocument>): FactInput[] {
  const was = coverageOf(before);
  const is = coverageOf(after);
  if (was !== undefined && is !== undefined && JSON.stringify(was) === JSON.stringify(is)) return [];
  const occurredAt = event.metadata.occurredAt;
  const fact = ({ dims, required, met }: Coverage, sign: 1 | -1): FactInput => ({
    metric: GAP_COVERAGE_METRIC,
    occurredAt,
    dims,
    // 0 - n rather than -n: taking back nothing must give 0, not -0.
    measures: sign === 1 ? { required, met } : { required: 0 - required, met: 0 - met },
  });
  return [
    ...(was !== undefined && was.required > 0 ? [fact(was, -1)] : []),
    ...(is !== undefined && is.required > 0 ? [fact(is, 1)] : []),
  ];
}
