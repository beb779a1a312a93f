import { compareText } from '../shared/report-order.js';
import { countingAssessments, type AssessmentEntry, type SkillGapCompetency, type SkillGapDocument } from './skill-gaps.projection.js';

/*
 * The heat-map views of the skill gaps: rows (employees, or sections), columns (competencies), and in
 * each cell the gap, or null where the row's profile does not require the competency.
 */

export type MatrixRowKind = 'employee' | 'section';

export interface SkillGapMatrixRow {
  /** The employee id, or the section id (null collects employees without a section). */
  readonly id: string | null;
  /** 1 for an employee row; the employees of the section for a section row. */
  readonly employees: number;
  /** Σ weight × gap over the row's employees. */
  readonly weightedGap: number;
  /** Gaps over the row's employees: a competency missing for two employees counts twice. */
  readonly openGaps: number;
  /** In column order: an employee's gap; for a section, the mean gap of its employees whose profile requires the competency. */
  readonly cells: readonly (number | null)[];
}

export interface SkillGapMatrix {
  readonly rows: MatrixRowKind;
  /** The competencies some row requires, by id. */
  readonly competencyIds: readonly string[];
  readonly matrix: readonly SkillGapMatrixRow[];
}

/** One row per employee, by employee id. */
export function employeeMatrix(documents: readonly SkillGapDocument[]): SkillGapMatrix {
  return matrixOf('employee', documents, (document) => document.employeeId);
}

/** One row per section, by section id, the employees without a section last. */
export function sectionMatrix(documents: readonly SkillGapDocument[]): SkillGapMatrix {
  return matrixOf('section', documents, (document) => document.sectionId);
}

function matrixOf(
  rows: MatrixRowKind,
  documents: readonly SkillGapDocument[],
  rowOf: (document: SkillGapDocument) => string | null,
): SkillGapMatrix {
  const competencyIds = [...new Set(documents.flatMap((document) => requiredOf(document).map(({ competencyId }) => competencyId)))].sort(compareText);
  const grouped = new Map<string | null, SkillGapDocument[]>();
  for (const document of documents) grouped.set(rowOf(document), [...(grouped.get(rowOf(document)) ?? []), document]);
  const matrix = [...grouped]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : compareText(a, b)))
    .map(([id, members]) => ({
      id,
      employees: members.length,
      weightedGap: members.reduce((sum, member) => sum + member.weightedGap, 0),
      openGaps: members.reduce((sum, member) => sum + member.openGaps, 0),
      cells: competencyIds.map((competencyId) => meanGap(members, competencyId)),
    }));
  return { rows, competencyIds, matrix };
}

function requiredOf(document: SkillGapDocument): SkillGapCompetency[] {
  return document.competencies.filter(({ required }) => required > 0);
}

function meanGap(members: readonly SkillGapDocument[], competencyId: string): number | null {
  const gaps = members.flatMap((member) => requiredOf(member).filter((c) => c.competencyId === competencyId).map(({ gap }) => gap));
  return gaps.length === 0 ? null : gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length;
}

/** Why a level is what it is: the competency's gap, and every assessment of it. */
export interface CompetencyEvidence {
  readonly employeeId: string;
  readonly competencyId: string;
  /** The gap, when the profile or the career target requires the competency; null otherwise. */
  readonly gap: SkillGapCompetency | null;
  /** The assessment whose level counts now; null when none counts. */
  readonly countingAssessmentId: string | null;
  /** Every assessment of the competency in log order, with self assessments awaiting validation. */
  readonly assessments: readonly AssessmentEntry[];
}

/** Undefined when the competency is neither required of the employee nor ever assessed. */
export function competencyEvidence(document: SkillGapDocument, competencyId: string): CompetencyEvidence | undefined {
  const gap = document.competencies.find((competency) => competency.competencyId === competencyId) ?? null;
  const assessments = document.assessments.filter((entry) => entry.competencyId === competencyId);
  if (gap === null && assessments.length === 0) return undefined;
  return {
    employeeId: document.employeeId,
    competencyId,
    gap,
    countingAssessmentId: countingAssessments(assessments, competencyId).at(-1)?.assessmentId ?? null,
    assessments,
  };
}
