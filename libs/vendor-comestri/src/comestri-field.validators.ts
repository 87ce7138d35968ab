import { err, ok, type Result } from '@tally/inventory-domain';
import type { FieldProblem } from '@tally/vendor-kit';

/** A checked value, or what is wrong with it. */
export type Checked<T> = Result<T, string>;

const bad = <T>(message: string): Checked<T> => err(message);

/** Up to 15 digits, so every accepted string is a safe integer. */
const INTEGER_STRING = /^-?(0|[1-9]\d{0,14})$/;
const DECIMAL_STRING = /^-?(0|[1-9]\d{0,14})(\.\d{1,10})?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * An Integer as Comestri's validator takes it. Leniency: a string of decimal digits ("5") is
 * accepted as well, since Rails clients that post form-style params send numbers as strings.
 */
export function integer(value: unknown, min?: number): Checked<number> {
  let n: number | null = null;
  if (typeof value === 'number' && Number.isSafeInteger(value)) n = value;
  else if (typeof value === 'string' && INTEGER_STRING.test(value)) n = Number(value);
  if (n === null) return bad('must be an Integer');
  if (min !== undefined && n < min) return bad(`must be at least ${min}`);
  return ok(n);
}

/** A Numeric, kept as an exact decimal string; a decimal string is accepted too (see {@link integer}). */
export function numeric(value: unknown): Checked<string> {
  if (typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < 1e15) return ok(String(value));
  if (typeof value === 'string' && DECIMAL_STRING.test(value)) return ok(value);
  return bad('must be a Numeric');
}

/** A non-blank String of at most `max` characters. */
export function text(value: unknown, max = 200): Checked<string> {
  if (typeof value !== 'string') return bad('must be a String');
  if (value.trim() === '') return bad('must not be blank');
  if (value.length > max) return bad(`must be at most ${max} characters`);
  return ok(value);
}

/** One of the listed values, exactly as spelled. */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[]): Checked<T> {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? ok(value as T) : bad(`must be one of: ${allowed.join(', ')}`);
}

/**
 * An ISO-8601 String: a calendar date (`2016-05-30`, only when `dateOnly` is allowed) or a
 * date-time with a zone (`2016-05-30T05:13:26Z`). Impossible dates (February 30) are refused.
 */
export function isoTime(value: unknown, dateOnly: boolean): Checked<string> {
  if (typeof value !== 'string') return bad('must be a String');
  const match = ISO_DATE_TIME.exec(value) ?? (dateOnly ? ISO_DATE.exec(value) : null);
  const example = dateOnly ? '2016-05-30 or 2016-05-30T05:13:26Z' : '2016-05-30T05:13:26Z';
  if (!match) return bad(`must be an ISO 8601 ${dateOnly ? 'date or date-time' : 'date-time with a time zone'}, like ${example}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  const hours = match[4] === undefined ? 0 : Number(match[4]);
  const minutes = match[5] === undefined ? 0 : Number(match[5]);
  const seconds = match[7] === undefined ? 0 : Number(match[7]);
  const valid =
    calendar.getUTCFullYear() === year &&
    calendar.getUTCMonth() === month - 1 &&
    calendar.getUTCDate() === day &&
    hours < 24 &&
    minutes < 60 &&
    seconds < 60 &&
    !Number.isNaN(Date.parse(value));
  return valid ? ok(value) : bad(`is not a valid date: ${value}`);
}

/** Collects the problems of a request's fields, in the order they are checked. */
export class FieldCollector {
  readonly problems: FieldProblem[] = [];

  /** Checks a field that may be left out or null; answers undefined, null or the checked value. */
  optional<T>(source: Record<string, unknown>, key: string, check: (v: unknown) => Checked<T>): T | null | undefined {
    if (!(key in source) || source[key] === undefined) return undefined;
    if (source[key] === null) return null;
    return this.take(key, check(source[key])) ?? undefined;
  }

  /** Checks a required field; answers the value or null after recording the problem. */
  required<T>(source: Record<string, unknown>, key: string, check: (v: unknown) => Checked<T>): T | null {
    if (source[key] === undefined || source[key] === null) {
      this.add(key, source[key] === null ? 'must not be null' : 'is missing');
      return null;
    }
    return this.take(key, check(source[key]));
  }

  add(key: string, message: string): void {
    this.problems.push({ field: fieldName(key), message });
  }

  private take<T>(key: string, checked: Checked<T>): T | null {
    if (checked.ok) return checked.value;
    this.add(key, checked.error);
    return null;
  }
}

/** The document's name of a field of the `inventory` hash: `inventory[qty]`. */
export const fieldName = (key: string): string => (key === 'inventory' ? key : `inventory[${key}]`);
