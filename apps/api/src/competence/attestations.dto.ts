import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsString, ValidateNested } from 'class-validator';
import {
  ATTESTATION_RESULTS,
  MAX_COMMISSION_MEMBERS,
  MAX_MINUTES_LENGTH,
  MIN_COMMISSION_MEMBERS,
  type AttestationResult,
  type CompetencyFinding,
  type FormAttestationCommission,
  type LevelFound,
  type ProfileLevel,
  type RecordAttestationResults,
} from '#domain/competence/index.js';
import type { AttestationDocument } from '#projections/competence/competence-catalogue.projection.js';
import type { RequestOf } from '../platform/command-requests.js';
import { IdField, NEXT_CURSOR_FIELD, OccurredAtField, OptionalIdField, POSITION_FIELD, PageQuery } from '../platform/dto-fields.js';
import type { CompetenceView } from './competence-catalogue-queries.service.js';

export const ATTESTATION_STATUSES = ['formed', 'completed'] as const;
type AttestationStatus = (typeof ATTESTATION_STATUSES)[number];

export class FormAttestationCommissionRequest implements RequestOf<FormAttestationCommission, 'attestationId' | 'employee' | 'profile'> {
  @OptionalIdField('The attestation id, when the caller chooses it; default: a new UUIDv7.', 'attestation-0107-2026')
  readonly id?: string;

  @IdField('The employee attested, against the profile in force for their position.', 'emp-0107')
  readonly employeeId!: string;

  @ApiProperty({
    type: [String],
    minItems: MIN_COMMISSION_MEMBERS,
    maxItems: MAX_COMMISSION_MEMBERS,
    example: ['emp-0042', 'emp-0051', 'emp-0077'],
    description: 'Employee ids, distinct; never the attested employee.',
  })
  @IsString({ each: true })
  @IsArray()
  readonly members!: readonly string[];

  @IdField('The chair: one of the members, who signs the minutes.', 'emp-0042')
  readonly chairId!: string;

  @ApiProperty({ format: 'date-time', example: '2026-03-10T10:00:00Z', description: 'When the commission sits, ISO-8601 UTC.' })
  @IsString()
  readonly sittingAt!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

class LevelFoundDto implements LevelFound {
  @IdField('A competency the profile requires.', 'regulations-knowledge')
  readonly competencyId!: string;

  @ApiProperty({ minimum: 0, example: 2, description: 'The level the commission found, on the proficiency scale.' })
  @IsInt()
  readonly level!: number;
}

export class RecordAttestationResultsRequest implements RequestOf<RecordAttestationResults, 'attestationId' | 'employee' | 'scale'> {
  @ApiProperty({
    type: [LevelFoundDto],
    minItems: 1,
    description: 'One level per competency found; each must be one the profile requires.',
  })
  @ValidateNested({ each: true })
  @Type(() => LevelFoundDto)
  @IsArray()
  readonly results!: readonly LevelFoundDto[];

  @ApiProperty({ maxLength: MAX_MINUTES_LENGTH, example: 'Present: emp-0042 (chair), emp-0051, emp-0077. Decided unanimously.' })
  @IsString()
  readonly minutes!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class AttestationIdParams {
  @IdField('The attestation id.', 'attestation-0107-2026')
  readonly id!: string;
}

export class AttestationListQuery extends PageQuery {
  @OptionalIdField('Only the attestations of this employee.', 'emp-0107')
  readonly employeeId?: string;
}

class ProfileLevelView implements ProfileLevel {
  @ApiProperty()
  readonly competencyId!: string;

  @ApiProperty()
  readonly requiredLevel!: number;
}

class FindingView implements CompetencyFinding {
  @ApiProperty()
  readonly competencyId!: string;

  @ApiProperty()
  readonly level!: number;

  @ApiProperty()
  readonly requiredLevel!: number;

  @ApiProperty({ enum: ATTESTATION_RESULTS, description: '`gap` is never grounds for dismissal: it is what training closes.' })
  readonly result!: AttestationResult;
}

export class AttestationSummaryView implements CompetenceView<AttestationDocument> {
  @ApiProperty()
  readonly id!: string;

  @ApiProperty()
  readonly employeeId!: string;

  @ApiProperty()
  readonly positionId!: string;

  @ApiProperty({ description: 'The profile version attested against: the one in force when the commission was formed.' })
  readonly profileVersion!: number;

  @ApiProperty({ type: [ProfileLevelView] })
  readonly requirements!: readonly ProfileLevelView[];

  @ApiProperty({ type: [String] })
  readonly members!: readonly string[];

  @ApiProperty()
  readonly chairId!: string;

  @ApiProperty({ format: 'date-time' })
  readonly sittingAt!: string;

  @ApiProperty({ format: 'date-time' })
  readonly formedAt!: string;

  @ApiProperty({ enum: ATTESTATION_STATUSES })
  readonly status!: AttestationStatus;

  @ApiProperty({ type: [FindingView], nullable: true })
  readonly findings!: readonly FindingView[] | null;

  @ApiProperty({ type: String, nullable: true })
  readonly minutes!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readonly completedAt!: string | null;
}

export class AttestationView extends AttestationSummaryView {
  @ApiProperty(POSITION_FIELD)
  readonly position!: string;
}

export class AttestationPage {
  @ApiProperty({ type: [AttestationSummaryView], description: 'In the order the commissions were formed, then by id.' })
  readonly items!: readonly AttestationSummaryView[];

  @ApiProperty(NEXT_CURSOR_FIELD)
  readonly nextCursor!: string | null;
}
