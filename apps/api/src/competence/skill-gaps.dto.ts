import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ASSESSMENT_SOURCES, CAREER_PATH_BASES, type AssessmentSource, type CareerPathBasis } from '#domain/competence/index.js';
import type {
  AssessmentEntry,
  CompetencyEvidence,
  Coverage,
  GapCoverageGroup,
  GapCoverageGroupBy,
  GapCoverageRow,
  MatrixRowKind,
  SkillGapCompetency,
  SkillGapDocument,
  SkillGapMatrix,
  SkillGapMatrixRow,
} from '#projections/competence/index.js';
import { AS_OF_FIELD, AsOfQuery, AsOfView } from '../platform/as-of.js';
import { DayRangeQuery, IdField, OptionalIdField, PERIOD_FIELD } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';
import { EmployeeIdParams } from './competence-records.dto.js';

export class CompetencyEvidenceParams extends EmployeeIdParams {
  @IdField('The competency.', 'regulations-knowledge')
  readonly competencyId!: string;
}

class SkillGapCompetencyView implements SkillGapCompetency {
  @ApiProperty()
  readonly competencyId!: string;

  @ApiProperty({ description: 'By the approved profile of the current position; 0 when only the career target requires it.' })
  readonly required!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'By the career target: null without one, 0 when the target does not require it.',
  })
  readonly targetRequired!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'The latest validated level; null when never assessed.' })
  readonly level!: number | null;

  @ApiProperty({ description: 'max(0, required - (level ?? 0)).' })
  readonly gap!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'max(0, targetRequired - (level ?? 0)); null without a target.' })
  readonly targetGap!: number | null;

  @ApiProperty()
  readonly weight!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the level counting now was assessed.' })
  readonly assessedAt!: string | null;

  @ApiProperty({ type: [String], description: 'The validated assessments, in the order they came to count; the last gives the level.' })
  readonly assessmentIds!: readonly string[];
}

type SkillGapsFields = Omit<SkillGapDocument, 'entity' | 'requirements' | 'targetRequirements' | 'assessments'>;

export class SkillGapsView implements SkillGapsFields {
  @ApiProperty({ description: 'The employee id.' })
  readonly id!: string;

  @ApiProperty()
  readonly employeeId!: string;

  @ApiProperty({ type: String, nullable: true })
  readonly sectionId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  readonly positionId!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'The profile version in force for the position; null while it has none.' })
  readonly profileVersion!: number | null;

  @ApiProperty({ type: String, nullable: true, description: 'The next step on the career path, when one is set.' })
  readonly targetPositionId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  readonly careerPathId!: string | null;

  @ApiProperty({ enum: CAREER_PATH_BASES, nullable: true })
  readonly targetBasis!: CareerPathBasis | null;

  @ApiProperty({
    type: [SkillGapCompetencyView],
    description: "The profile's competencies in profile order, then those only the target requires.",
  })
  readonly competencies!: readonly SkillGapCompetencyView[];

  @ApiProperty({ description: 'Σ weight × gap.' })
  readonly weightedGap!: number;

  @ApiProperty({ description: 'The competencies with a gap.' })
  readonly openGaps!: number;

  @ApiProperty({ type: String, example: '42', description: 'Position of the event that wrote this version.' })
  readonly position!: string;

  @ApiProperty(AS_OF_FIELD)
  readonly asOf!: AsOfView;
}

class AssessmentEntryView implements AssessmentEntry {
  @ApiProperty()
  readonly assessmentId!: string;

  @ApiProperty()
  readonly competencyId!: string;

  @ApiProperty()
  readonly level!: number;

  @ApiProperty({ enum: ASSESSMENT_SOURCES })
  readonly source!: AssessmentSource;

  @ApiProperty({ type: String, nullable: true })
  readonly evidence!: string | null;

  @ApiProperty({ description: 'The assessing employee, or the key subject; the chair for an attestation.' })
  readonly assessorId!: string;

  @ApiProperty({ format: 'date-time' })
  readonly assessedAt!: string;

  @ApiProperty({ description: 'False for a self assessment awaiting validation: it does not count.' })
  readonly validated!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readonly validatedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  readonly validatorId!: string | null;

  @ApiProperty({ format: 'uuid', description: 'The `CompetencyAssessed` event.' })
  readonly eventId!: string;

  @ApiProperty({ example: '42', description: 'Its position in the log.' })
  readonly position!: string;
}

export class CompetencyEvidenceView implements CompetencyEvidence {
  @ApiProperty()
  readonly employeeId!: string;

  @ApiProperty()
  readonly competencyId!: string;

  @ApiProperty({
    type: SkillGapCompetencyView,
    nullable: true,
    description: 'The gap, when the profile or the career target requires the competency.',
  })
  readonly gap!: SkillGapCompetencyView | null;

  @ApiProperty({ type: String, nullable: true, description: 'The assessment whose level counts now.' })
  readonly countingAssessmentId!: string | null;

  @ApiProperty({ type: [AssessmentEntryView], description: 'Every assessment of the competency, in log order.' })
  readonly assessments!: readonly AssessmentEntryView[];

  @ApiProperty(AS_OF_FIELD)
  readonly asOf!: AsOfView;
}

export const MATRIX_ROW_KINDS: readonly MatrixRowKind[] = ['employee', 'section'];

export class SkillGapMatrixQuery extends AsOfQuery {
  @ApiPropertyOptional({
    enum: MATRIX_ROW_KINDS,
    default: 'employee',
    description: 'Rows per employee (a team), or per section (the company).',
  })
  @Omittable()
  @IsIn(MATRIX_ROW_KINDS)
  readonly rows?: MatrixRowKind;

  @OptionalIdField('Only the employees of this section.', 'section-support')
  readonly sectionId?: string;

  @OptionalIdField('Only the employees in this position.', 'support-line-1')
  readonly positionId?: string;
}

class SkillGapMatrixRowView implements SkillGapMatrixRow {
  @ApiProperty({ type: String, nullable: true, description: 'The employee, or the section (null: employees without one).' })
  readonly id!: string | null;

  @ApiProperty({ description: '1 for an employee row; the employees of the section for a section row.' })
  readonly employees!: number;

  @ApiProperty({ description: 'Σ weight × gap over the row.' })
  readonly weightedGap!: number;

  @ApiProperty({ description: 'Gaps over the row: a competency missing for two employees counts twice.' })
  readonly openGaps!: number;

  @ApiProperty({
    type: 'array',
    items: { type: 'number', nullable: true },
    description: "In column order: the gap (for a section, the mean over its employees whose profile requires it); null where no profile of the row requires it.",
  })
  readonly cells!: readonly (number | null)[];
}

export class SkillGapMatrixView implements SkillGapMatrix {
  @ApiProperty({ enum: MATRIX_ROW_KINDS })
  readonly rows!: MatrixRowKind;

  @ApiProperty({ type: [String], description: 'The columns: every competency some row requires, by id.' })
  readonly competencyIds!: readonly string[];

  @ApiProperty({ type: [SkillGapMatrixRowView], description: 'By id; the employees without a section last.' })
  readonly matrix!: readonly SkillGapMatrixRowView[];

  @ApiProperty(AS_OF_FIELD)
  readonly asOf!: AsOfView;
}

export const GAP_COVERAGE_GROUPINGS: readonly GapCoverageGroupBy[] = ['day', 'week', 'month', 'section', 'position'];

export class GapCoverageQuery extends DayRangeQuery {
  @ApiPropertyOptional({
    enum: GAP_COVERAGE_GROUPINGS,
    description:
      'One row per calendar period in which the coverage changed (UTC; ISO weeks start on Monday), or per section or position. Absent: one row.',
  })
  @Omittable()
  @IsIn(GAP_COVERAGE_GROUPINGS)
  readonly groupBy?: GapCoverageGroupBy;

  @OptionalIdField('Only the employees of this section.', 'section-support')
  readonly sectionId?: string;

  @OptionalIdField('Only the employees in this position.', 'support-line-1')
  readonly positionId?: string;
}

class GapCoverageGroupView implements GapCoverageGroup {
  @ApiPropertyOptional(PERIOD_FIELD)
  readonly period?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  readonly sectionId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  readonly positionId?: string | null;
}

class CoverageView implements Coverage {
  @ApiProperty({ description: 'Competencies the profiles require, over the employees counted.' })
  readonly required!: number;

  @ApiProperty({ description: 'Of those, the ones whose level reaches the required one.' })
  readonly met!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'met / required; null when nothing is required.' })
  readonly coverage!: number | null;
}

class GapCoverageRowView implements GapCoverageRow {
  @ApiProperty({ type: GapCoverageGroupView })
  readonly group!: GapCoverageGroupView;

  @ApiProperty({ type: CoverageView, description: 'At the start of the range, or of the period.' })
  readonly opening!: CoverageView;

  @ApiProperty({ type: CoverageView, description: 'At the end of the range, or of the period.' })
  readonly closing!: CoverageView;
}

export class GapCoverageAnswer {
  @ApiProperty(AS_OF_FIELD)
  readonly asOf!: AsOfView;

  @ApiProperty({ type: [GapCoverageRowView], description: 'By period, then by the grouped value (nulls last).' })
  readonly rows!: readonly GapCoverageRowView[];
}
