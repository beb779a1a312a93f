import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class FieldErrorDto {
  @ApiProperty({ example: 'amount.minor', description: 'Dotted path of the offending field, or the header name.' })
  readonly field!: string;

  @ApiProperty({ example: 'minor must be an integer number' })
  readonly message!: string;
}

/** The OpenAPI shape of every error (RFC 9457 `application/problem+json`). */
export class ProblemDto {
  @ApiProperty({ example: 'tag:quality-ledger,2026:problem:validation-failed' })
  readonly type!: string;

  @ApiProperty({ example: 'Invalid request' })
  readonly title!: string;

  @ApiProperty({ example: 400 })
  readonly status!: number;

  @ApiProperty({ example: 'invalid name' })
  readonly detail!: string;

  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Stable code to branch on; for a domain rule, the rule.' })
  readonly code!: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  readonly errors?: FieldErrorDto[];

  @ApiProperty({ example: '0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e0f', description: 'Also in the X-Request-Id header.' })
  readonly requestId!: string;
}
