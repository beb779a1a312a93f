import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { MAX_API_KEY_NAME_LENGTH, ROLES, type Role } from '#libs/domain/access/index.js';
import { CommandResponse } from '../platform/command-runner.js';
import { OptionalIdField } from '../platform/dto-fields.js';

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
    'The employee the key belongs to: required with the `employee` role, whose holder sees their own plan and gaps and answers surveys as themselves.',
    'emp-0107',
  )
  readonly employeeId?: string;
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

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readonly revokedAt!: string | null;

  @ApiProperty({ enum: ['active', 'revoked'] })
  readonly status!: 'active' | 'revoked';
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
