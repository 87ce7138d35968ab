import { isJsonObject } from '@tally/vendor-kit';
import { registerDecorator, type ValidationArguments } from 'class-validator';

/** Limits of a free-form JSON object field. */
export interface RecordLimits {
  readonly maxKeys: number;
  readonly maxKeyLength: number;
  /** Every value must be a string of at most this length; otherwise any JSON up to `maxJsonLength`. */
  readonly maxStringValueLength?: number;
  readonly maxJsonLength?: number;
}

/** A plain JSON object within limits (attributes, dialect options). */
export function IsBoundedRecord(limits: RecordLimits): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isBoundedRecord',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => describeProblem(value, limits) === null,
        defaultMessage: (args: ValidationArguments) => `${args.property} ${describeProblem(args.value, limits) ?? 'is invalid'}`,
      },
    });
}

function describeProblem(value: unknown, limits: RecordLimits): string | null {
  if (!isJsonObject(value)) return 'must be a JSON object';
  const entries = Object.entries(value);
  if (entries.length > limits.maxKeys) return `must have at most ${limits.maxKeys} keys`;
  for (const [key, v] of entries) {
    if (key.length === 0 || key.length > limits.maxKeyLength) return `keys must have 1 to ${limits.maxKeyLength} characters`;
    if (limits.maxStringValueLength !== undefined && (typeof v !== 'string' || v.length > limits.maxStringValueLength)) {
      return `values must be strings of at most ${limits.maxStringValueLength} characters`;
    }
  }
  if (limits.maxJsonLength !== undefined && JSON.stringify(value).length > limits.maxJsonLength) {
    return `must serialize to at most ${limits.maxJsonLength} characters of JSON`;
  }
  return null;
}
