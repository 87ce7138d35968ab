import { isJsonObject, type JsonObject } from '@tally/vendor-kit';

/** Limits that keep a hostile body from costing more than a real push. */
export const RETAILOPS_LIMITS = {
  /** SKUs of one push: far above a real catalog push (the SDK schema sets no limit; ADR 0031). */
  maxSkus: 100_000,
  /** Lines (a SKU's channel line and one per place) applied per write transaction; a SKU is never split. */
  linesPerTransaction: 3000,
  maxRowsPerSku: 200,
  maxReservingOrders: 1000,
  maxText: 200,
  maxQuantity: 1_000_000_000,
  maxDepth: 32,
} as const;

/** Thrown by the readers: a field that failed validation, named by its JSON path. */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The object at `field`, or a problem. */
export function readObject(value: unknown, field: string): JsonObject {
  required(value, field);
  if (!isJsonObject(value)) throw new FieldError(field, `must be an object, not ${describe(value)}`);
  return value;
}

/** A whole number in [min, max]; quantities are never accepted as strings or fractions. */
export function readInteger(value: unknown, field: string, min = 0, max: number = RETAILOPS_LIMITS.maxQuantity): number {
  required(value, field);
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new FieldError(field, `must be an integer, not ${describe(value)}`);
  if (value < min || value > max) throw new FieldError(field, `must be between ${min} and ${max}, not ${value}`);
  return value;
}

/** A non-blank string of at most `maxText` characters, trimmed. */
export function readText(value: unknown, field: string): string {
  required(value, field);
  if (typeof value !== 'string') throw new FieldError(field, `must be a string, not ${describe(value)}`);
  const text = value.trim();
  if (!text) throw new FieldError(field, 'must not be blank');
  if (text.length > RETAILOPS_LIMITS.maxText) throw new FieldError(field, `must be at most ${RETAILOPS_LIMITS.maxText} characters`);
  return text;
}

/** Like {@link readText}, but absent (undefined) gives null. */
export function readOptionalText(value: unknown, field: string): string | null {
  return value === undefined ? null : readText(value, field);
}

/** Like {@link readInteger}, but absent (undefined) gives null. */
export function readOptionalInteger(value: unknown, field: string): number | null {
  return value === undefined ? null : readInteger(value, field);
}

/** An array of at most `max` elements. */
export function readArray(value: unknown, field: string, max: number): readonly unknown[] {
  required(value, field);
  if (!Array.isArray(value)) throw new FieldError(field, `must be an array, not ${describe(value)}`);
  if (value.length > max) throw new FieldError(field, `must have at most ${max} elements, not ${value.length}`);
  return value;
}

/** An ISO-8601 instant for a date RetailOPS sends as free text, or null when it is not one. */
export function instantOf(text: string | null): string | null {
  if (text === null || !/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function required(value: unknown, field: string): void {
  if (value === undefined) throw new FieldError(field, 'is required');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return Number.isInteger(value) ? `${value}` : 'a fraction';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
