import { ValidateIf } from 'class-validator';

/**
 * A field the request may leave out. class-validator's `IsOptional` also takes JSON's null for "left
 * out" and skips the field's checks; the command services then met a null where they expect a value
 * or nothing. Here null is checked like any other value, so the field's own checks refuse it. A field
 * that takes null says so with `nullable` in its schema and checks it itself.
 */
export function Omittable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
