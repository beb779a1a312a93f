import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { MAX_NOTE_LENGTH, MAX_TITLE_LENGTH } from '#domain/shared/versioned-text.js';
import type { PublishedVersion, VersionEntry } from '#projections/shared/published-version.js';
import { Omittable } from './omittable.js';

/** One version of a versioned document (a standard, a knowledge-base material), exactly as it was published. */
export class PublishedVersionView implements PublishedVersion {
  @ApiProperty({ example: 1 })
  readonly version!: number;

  @ApiProperty()
  readonly title!: string;

  @ApiProperty({ type: String, nullable: true })
  readonly body!: string | null;

  @ApiProperty({ type: String, nullable: true })
  readonly link!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why this version changed the document; null for version 1.' })
  readonly changeNote!: string | null;

  @ApiProperty({ format: 'date-time', description: 'Business time the version was published.' })
  readonly publishedAt!: string;

  @ApiProperty({ description: 'Who published it: the subject of the API key.' })
  readonly actorId!: string;

  @ApiProperty({ format: 'uuid' })
  readonly eventId!: string;
}

/** A version in the list of a document's versions, without its content. */
export class VersionEntryView implements VersionEntry {
  @ApiProperty()
  readonly version!: number;

  @ApiProperty()
  readonly title!: string;

  @ApiProperty({ type: String, nullable: true })
  readonly changeNote!: string | null;

  @ApiProperty({ format: 'date-time' })
  readonly publishedAt!: string;

  @ApiProperty()
  readonly actorId!: string;
}

/** The title a revision gives the document; absent, the title stays. */
export function RevisedTitleField(): PropertyDecorator {
  return applyDecorators(
    IsString(),
    Omittable(),
    ApiPropertyOptional({ maxLength: MAX_TITLE_LENGTH, description: 'The new title; absent: the title stays.' }),
  );
}

/** Why a revision changed the document. */
export function ChangeNoteField(example: string): PropertyDecorator {
  return applyDecorators(IsString(), Omittable(), ApiPropertyOptional({ maxLength: MAX_NOTE_LENGTH, example, description: 'Why it changed.' }));
}
