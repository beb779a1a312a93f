import { ValidateIf } from 'class-validator';

/**
 * A field the request may leave out. class-validator's `IsOptional` takes JSON's null for "left out"
 * as well and skips its checks; the command services read a field left out as its default, and a null
 * passed by them to code that never expects one. Here null is a value like any other, refused by the
 * field's own checks.
 */
export function Omittable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
