import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import type { ValidationError as ClassValidatorError } from 'class-validator';
import { ValidationError, type FieldError } from '#libs/eventsourcing/src/index.js';

/** Types that are no DTO: a body declared with one of them is not checked as an object. */
const NOT_DTOS: readonly unknown[] = [Object, Array, String, Number, Boolean];

/**
 * Validation at the edge, errors as the kernel's `ValidationError` (so: a 400 problem naming each
 * field). Unknown fields are refused rather than dropped, since a typo must not pass for an absent
 * optional field; one message per field (the first broken constraint). Values become instances of
 * their DTO; conversions are explicit (`@Type`), because implicit conversion would turn a JSON `42`
 * into the string "42" and hide a wrong type.
 */
export class EdgeValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      stopAtFirstError: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => invalidFields(toFieldErrors(errors)),
    });
  }

  /** A body that is not a JSON object (absent, an array, a string) is refused as a whole. */
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const expectsDto = metadata.type === 'body' && metadata.metatype !== undefined && !NOT_DTOS.includes(metadata.metatype);
    if (expectsDto && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw invalidFields([{ field: 'body', message: 'must be a JSON object' }]);
    }
    return super.transform(value, metadata);
  }
}

/** One entry per field, with its dotted path (`amount.minor`, `items.0.name`). */
export function toFieldErrors(errors: readonly ClassValidatorError[], parent?: string): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent === undefined ? error.property : `${parent}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

function invalidFields(errors: readonly FieldError[]): ValidationError {
  const fields = [...new Set(errors.map((error) => error.field))];
  return new ValidationError(`invalid ${fields.join(', ')}`, errors);
}
