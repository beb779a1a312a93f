import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsInt, IsNotEmpty, IsString, IsUUID, MaxLength, Max, Min } from 'class-validator';
import { MAX_API_KEY_LIFETIME_DAYS, MAX_API_KEY_NAME_LENGTH, MAX_ROTATION_GRACE_HOURS, PERSON_ROLES, ROLES, type Role } from '#domain/access/index.js';
import { CommandResponse } from '../platform/command-runner.service.js';
import { OptionalIdField } from '../platform/dto-fields.js';
import { Omittable } from '../platform/omittable.js';
import { DEFAULT_ROTATION_GRACE_SECONDS } from './api-keys.service.js';

const EXPIRES_AT_DESCRIPTION =
  `When the key stops working (ISO-8601 UTC): in the future, at most ${MAX_API_KEY_LIFETIME_DAYS} days ahead. ` +
  `Default: ${MAX_API_KEY_LIFETIME_DAYS} days from now.`;

/** The key's expiry as a request gives it; the domain checks the instant and its window. */
function ExpiresAtField(): PropertyDecorator {
  return applyDecorators(
    IsString(),
    Omittable(),
    ApiPropertyOptional({ format: 'date-time', example: '2026-12-31T00:00:00Z', description: EXPIRES_AT_DESCRIPTION }),
  );
}

/*
 * class-validator checks the decorator nearest to the property first, and only the first broken
 * constraint of a field is reported: the type check goes last in the list.
 */
export class IssueApiKeyRequest {
  @ApiProperty({ example: 'care desk, Moscow office', maxLength: MAX_API_KEY_NAME_LENGTH })
  @MaxLength(MAX_API_KEY_NAME_LENGTH)
  @IsNotEmpty()
  @IsString()
  readonly name!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['care-agent'] })
  @IsIn(ROLES, { each: true })
  @ArrayMaxSize(ROLES.length)
  @ArrayNotEmpty()
  @IsArray()
  readonly roles!: Role[];

  @OptionalIdField(
    `The employee the key belongs to: required with any role of a person (${PERSON_ROLES.join(', ')}), so that ` +
      'separation of duty knows who acts; an `employee` key sees its holder\'s own plan and gaps and answers surveys as them.',
    'emp-0107',
  )
  readonly employeeId?: string;

  @ExpiresAtField()
  readonly expiresAt?: string;
}

export class RotateApiKeyRequest {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_ROTATION_GRACE_HOURS * 3600,
    default: DEFAULT_ROTATION_GRACE_SECONDS,
    description: `Seconds the rotated key keeps working, to deploy its successor; 0 ends it at once. At most ${MAX_ROTATION_GRACE_HOURS} hours, never past its own expiry.`,
  })
  @Omittable()
  @Max(MAX_ROTATION_GRACE_HOURS * 3600)
  @Min(0)
  @IsInt({ message: 'graceSeconds must be a whole number of seconds' })
  @Type(() => Number)
  readonly graceSeconds?: number;

  @ExpiresAtField()
  readonly expiresAt?: string;
}

export class IssuedApiKeyResponse extends CommandResponse {
  @ApiProperty({ example: 'ql_5Jc1...', description: 'The secret. Shown only in this response: store it now.' })
  readonly key!: string;

  @ApiProperty()
  readonly name!: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  readonly roles!: readonly Role[];

  @ApiProperty({ type: String, nullable: true, description: 'The employee the key belongs to.' })
  readonly employeeId!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the key stops working.' })
  readonly expiresAt!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The key this one succeeds, when a rotation issued it.' })
  readonly rotatedFrom!: string | null;
}

export class RotatedApiKeyResponse extends IssuedApiKeyResponse {
  @ApiProperty({ format: 'date-time', description: 'When the rotated key stops working: the end of its grace period.' })
  readonly predecessorExpiresAt!: string;
}

export class ApiKeyView {
  @ApiProperty({ format: 'uuid' })
  readonly id!: string;

  @ApiProperty()
  readonly name!: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  readonly roles!: readonly Role[];

  @ApiProperty({ type: String, nullable: true, description: 'The employee the key belongs to.' })
  readonly employeeId!: string | null;

  @ApiProperty({ format: 'date-time' })
  readonly issuedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null for keys issued before keys expired.' })
  readonly expiresAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readonly revokedAt!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The key this one succeeds.' })
  readonly rotatedFrom!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The key a rotation handed this one over to.' })
  readonly successorKeyId!: string | null;

  @ApiProperty({ enum: ['active', 'revoked', 'expired'] })
  readonly status!: 'active' | 'revoked' | 'expired';
}

export class OwnApiKeyView {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null for the bootstrap admin key, which is configured, not issued.' })
  readonly id!: string | null;

  @ApiProperty({ example: 'care desk' })
  readonly name!: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  readonly roles!: readonly Role[];

  @ApiProperty({ type: String, nullable: true, description: 'The employee the key belongs to.' })
  readonly employeeId!: string | null;
}

export class ApiKeyList {
  @ApiProperty({ type: [ApiKeyView] })
  readonly items!: ApiKeyView[];
}

export class ApiKeyIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  readonly id!: string;
}
