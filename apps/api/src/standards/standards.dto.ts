import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Min } from 'class-validator';
import {
  MAX_BODY_LENGTH,
  MAX_LINK_LENGTH,
  MAX_NOTE_LENGTH,
  MAX_TITLE_LENGTH,
  STANDARD_TYPES,
  type RetireStandard,
  type ReviseStandard,
  type StandardType,
} from '#domain/standards/index.js';
import type { StandardDocument } from '#projections/standards/standards.projection.js';
import type { RequestOf } from '../platform/command-requests.js';
import { IdField, NEXT_CURSOR_FIELD, OccurredAtField, OptionalIdField, PageQuery } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';
import { ChangeNoteField, PublishedVersionView, RevisedTitleField, VersionEntryView } from '../platform/published-version.dto.js';
import type { PublishStandardFields } from './standard-commands.service.js';

export const STANDARD_STATUSES = ['current', 'retired'] as const;
type StandardStatus = (typeof STANDARD_STATUSES)[number];

const TYPE = {
  enum: STANDARD_TYPES,
  example: 'external',
  description:
    'external: dealing with clients, partners, competitors; internal: between staff; structural: units, procedures, documents; ' +
    'behavioural: conduct and manner.',
};
const BODY = { maxLength: MAX_BODY_LENGTH, example: 'Greet the client by name within the first sentence.' };
const LINK = { maxLength: MAX_LINK_LENGTH, example: 'https://wiki.example.org/standards/greeting', description: 'An http(s) link to the document.' };

/** What a version says: a body, a link, or both. */
class StandardTextFields {
  @ApiPropertyOptional({ ...BODY, description: 'The whole text of the version; give a body, a link, or both.' })
  @Omittable()
  @IsString()
  readonly body?: string;

  @ApiPropertyOptional(LINK)
  @Omittable()
  @IsString()
  readonly link?: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class PublishStandardRequest extends StandardTextFields implements Omit<PublishStandardFields, 'standardId'> {
  @OptionalIdField('The standard id, when the caller chooses it; default: a new UUIDv7.', 'standard-greeting')
  readonly id?: string;

  @ApiProperty(TYPE)
  @IsIn(STANDARD_TYPES)
  @IsString()
  readonly type!: StandardType;

  @OptionalIdField('The owner, when it is a section of the organisation catalogue; give this or productId.', 'section-support')
  readonly sectionId?: string;

  @OptionalIdField('The owner, when it is a product or funnel of the catalogue; give this or sectionId.', 'webinar-spring')
  readonly productId?: string;

  @ApiProperty({ maxLength: MAX_TITLE_LENGTH, example: 'Greeting a client' })
  @IsString()
  readonly title!: string;
}

export class ReviseStandardRequest extends StandardTextFields implements RequestOf<ReviseStandard, 'standardId'> {
  @RevisedTitleField()
  readonly title?: string;

  @ChangeNoteField('Agents forgot to introduce themselves')
  readonly changeNote?: string;
}

export class RetireStandardRequest implements RequestOf<RetireStandard, 'standardId'> {
  @ApiPropertyOptional({ maxLength: MAX_NOTE_LENGTH, example: 'Replaced by the phone standard' })
  @Omittable()
  @IsString()
  readonly reason?: string;

  @OccurredAtField()
  readonly occurredAt?: string;
}

export class StandardIdParams {
  @IdField('The standard id.', 'standard-greeting')
  readonly id!: string;
}

export class StandardVersionParams extends StandardIdParams {
  @ApiProperty({ minimum: 1, example: 2, description: 'The version number, from 1.' })
  @Type(() => Number)
  @IsInt({ message: 'version must be a whole number' })
  @Min(1)
  readonly version!: number;
}

export class StandardListQuery extends PageQuery {
  @OptionalIdField('Only the standards of this section.', 'section-support')
  readonly sectionId?: string;

  @OptionalIdField('Only the standards of this product.', 'webinar-spring')
  readonly productId?: string;

  @ApiPropertyOptional({ enum: STANDARD_TYPES })
  @Omittable()
  @IsIn(STANDARD_TYPES)
  readonly type?: StandardType;

  @ApiPropertyOptional({ enum: STANDARD_STATUSES })
  @Omittable()
  @IsIn(STANDARD_STATUSES)
  readonly status?: StandardStatus;
}

export class StandardSummaryView implements Omit<StandardDocument, 'versions'> {
  @ApiProperty()
  readonly id!: string;

  @ApiProperty(TYPE)
  readonly type!: StandardType;

  @ApiProperty({ type: String, nullable: true, description: 'The owner section; null when a product owns it.' })
  readonly sectionId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The owner product; null when a section owns it.' })
  readonly productId!: string | null;

  @ApiProperty({ enum: STANDARD_STATUSES })
  readonly status!: StandardStatus;

  @ApiProperty({ description: 'The title of the current version.' })
  readonly title!: string;

  @ApiProperty({ example: 2 })
  readonly currentVersion!: number;

  @ApiProperty({ format: 'date-time', description: 'Business time version 1 was published.' })
  readonly publishedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readonly retiredAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  readonly retirementReason!: string | null;
}

export class StandardView extends StandardSummaryView {
  @ApiProperty({ type: PublishedVersionView, description: 'The current version in full.' })
  readonly current!: PublishedVersionView;

  @ApiProperty({ type: [VersionEntryView], description: 'Every version, oldest first; read one in full at /versions/{version}.' })
  readonly versions!: VersionEntryView[];

  @ApiProperty({ type: String, example: '42', description: 'Position of the event that wrote this state of the standard.' })
  readonly position!: string;
}

export class StandardVersionView extends PublishedVersionView {
  @ApiProperty()
  readonly standardId!: string;

  @ApiProperty({ type: String, example: '42', description: 'Position of the event that wrote the state it was read from.' })
  readonly position!: string;
}

export class StandardPage {
  @ApiProperty({ type: [StandardSummaryView], description: 'First publication first, then by id.' })
  readonly items!: StandardSummaryView[];

  @ApiProperty(NEXT_CURSOR_FIELD)
  readonly nextCursor!: string | null;
}
