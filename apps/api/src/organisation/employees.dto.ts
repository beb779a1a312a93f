import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsString } from 'class-validator';
import {
  MAX_DEPARTURE_REASON_LENGTH,
  MAX_NAME_LENGTH,
  type HireEmployee,
  type MoveEmployee,
  type RecordDeparture,
} from '#domain/organisation/index.js';
import type { EmployeeDocument, EmployeeState } from '#projections/organisation/organisation.projection.js';
import type { RequestOf } from '../platform/command-requests.js';
import { IdField, NEXT_CURSOR_FIELD, OccurredAtField, OptionalIdField, POSITION_FIELD } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';
import { CatalogueEntryView, CatalogueListQuery, VersionDateView } from './catalogue.dto.js';
import type { CatalogueSummary, CatalogueView } from './organisation-queries.service.js';

export const EMPLOYEE_STATUSES = ['employed', 'left'] as const;
type EmployeeStatus = (typeof EMPLOYEE_STATUSES)[number];

export class HireEmployeeRequest implements RequestOf<HireEmployee, 'employeeId' | 'structure'> {
  @OptionalIdField('The employee id, when the caller chooses it (e.g. the personnel number); default: a new UUIDv7.', 'emp-0042')
  readonly id?: string;

  @ApiProperty({ maxLength: MAX_NAME_LENGTH, example: 'Anna Petrova', description: 'The name only: no e-mail address, no phone.' })
  @IsString()
  readonly name!: string;

  @IdField('An active position; one that belongs to a section is held in that section only.', 'position-inspector')
  readonly positionId!: string;

  @IdField('The open section the employee works in.', 'section-quality')
  readonly sectionId!: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class MoveEmployeeRequest implements RequestOf<MoveEmployee, 'employeeId' | 'structure'> {
  @OptionalIdField('The new position; absent: the position stays.', 'position-lead')
  readonly positionId?: string;

  @OptionalIdField('The new section; absent: the section stays.', 'section-care')
  readonly sectionId?: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class RecordDepartureRequest implements RequestOf<RecordDeparture, 'employeeId'> {
  @ApiPropertyOptional({ maxLength: MAX_DEPARTURE_REASON_LENGTH, example: 'Moved to another city' })
  @Omittable()
  @IsString()
  readonly reason?: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class EmployeeListQuery extends CatalogueListQuery {
  @OptionalIdField('Only the employees of this section.', 'section-quality')
  readonly sectionId?: string;

  @OptionalIdField('Only the employees holding this position.', 'position-inspector')
  readonly positionId?: string;

  @ApiPropertyOptional({ enum: EMPLOYEE_STATUSES })
  @Omittable()
  @IsIn(EMPLOYEE_STATUSES)
  readonly status?: EmployeeStatus;
}

class EmployeeStateFields implements EmployeeState {
  @ApiProperty()
  readonly positionId!: string;

  @ApiProperty()
  readonly sectionId!: string;

  @ApiProperty({ enum: EMPLOYEE_STATUSES })
  readonly status!: EmployeeStatus;
}

class EmployeeVersionView extends IntersectionType(EmployeeStateFields, VersionDateView) {}

export class EmployeeSummaryView extends IntersectionType(EmployeeStateFields, CatalogueEntryView) implements CatalogueSummary<EmployeeDocument> {
  @ApiProperty()
  readonly name!: string;
}

export class EmployeeView extends EmployeeSummaryView implements CatalogueView<EmployeeDocument> {
  @ApiProperty({ type: [EmployeeVersionView], description: 'Every placement, oldest first: where the employee was from which date.' })
  readonly history!: readonly EmployeeVersionView[];

  @ApiProperty(POSITION_FIELD)
  readonly position!: string;
}

export class EmployeePage {
  @ApiProperty({ type: [EmployeeSummaryView], description: 'In the order the employees were hired, then by id.' })
  readonly items!: EmployeeSummaryView[];

  @ApiProperty(NEXT_CURSOR_FIELD)
  readonly nextCursor!: string | null;
}
