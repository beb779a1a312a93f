import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, Matches, ValidateIf } from 'class-validator';
import { MAX_EVIDENCE_LENGTH, type AssessCompetency, type SelfAssessCompetency } from '#domain/competence/index.js';
import { ID_PATTERN } from '#domain/shared/validation.js';
import type { RequestOf } from '../platform/command-requests.js';
import { IdField, OccurredAtField, OptionalIdField } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';
import type { SetCareerTargetFields } from './competence-record-commands.service.js';

export class EmployeeIdParams {
  @IdField('The employee.', 'emp-0107')
  readonly employeeId!: string;
}

export class SelfAssessmentParams extends EmployeeIdParams {
  @IdField('The self assessment.', '0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e0f')
  readonly assessmentId!: string;
}

/** What every assessment request names: its id, the competency, the level, when. */
class AssessmentRequest {
  @OptionalIdField('The assessment id, when the caller chooses it; default: a new UUIDv7.', 'assessment-0107-1')
  readonly id?: string;

  @IdField('A competency of the catalogue.', 'regulations-knowledge')
  readonly competencyId!: string;

  @ApiProperty({ minimum: 0, example: 3, description: 'A level of the proficiency scale.' })
  @IsInt()
  readonly level!: number;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class AssessCompetencyRequest extends AssessmentRequest implements RequestOf<AssessCompetency, 'employeeId' | 'employee' | 'assessmentId' | 'assessor' | 'catalogue'> {
  @ApiProperty({ maxLength: MAX_EVIDENCE_LENGTH, example: 'Handled the March escalations without help' })
  @IsString()
  readonly evidence!: string;
}

export class SelfAssessCompetencyRequest extends AssessmentRequest implements RequestOf<SelfAssessCompetency, 'employeeId' | 'employee' | 'assessmentId' | 'catalogue'> {
  @ApiPropertyOptional({ maxLength: MAX_EVIDENCE_LENGTH, example: 'Passed the vendor course in February' })
  @Omittable()
  @IsString()
  readonly evidence?: string;
}

export class SetCareerTargetRequest implements SetCareerTargetFields {
  @ApiProperty({
    type: String,
    nullable: true,
    pattern: ID_PATTERN.source,
    example: 'support-line-1-to-2',
    description: 'A career path from the position the employee holds; null clears the target.',
  })
  @ValidateIf((_request, value) => value !== null)
  @IsString()
  @Matches(ID_PATTERN, { message: 'careerPathId must be an id or null' })
  readonly careerPathId!: string | null;

  @OccurredAtField()
  readonly occurredAt?: string;
}
