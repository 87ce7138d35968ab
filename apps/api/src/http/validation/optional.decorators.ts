import { ValidateIf } from 'class-validator';

/** The field may be left out, but when present it must not be null. */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((object: Record<string, unknown>, value: unknown) => value !== undefined);
}

/** The field must be given, but may be null. */
export function IsNullable(): PropertyDecorator {
  return ValidateIf((object: Record<string, unknown>, value: unknown) => value !== null);
}
