import type { DialectSettingProperty, DialectSettingsSchema } from './dialect.descriptor';

/** A connection option that does not fit its dialect's schema. */
export interface DialectOptionProblem {
  /** Where, as the client sent it: `settings.options.sellerId`. */
  readonly field: string;
  readonly message: string;
}

const FIELD = 'settings.options';

/**
 * Checks a connection's options against its dialect's schema: known names only (unless the
 * schema allows others), the declared type, enumeration, lengths, pattern and bounds, and the
 * required ones present (null clears an option, so it does not fill a required one). A misspelt option
 * is refused rather than ignored, since an ignored restriction would silently open more than
 * the merchant meant. `field` prefixes the problems' fields (a channel's `settings` and
 * `credentials` are checked with it too).
 */
export function checkDialectOptions(schema: DialectSettingsSchema, options: Readonly<Record<string, unknown>>, field = FIELD): DialectOptionProblem[] {
  const problems: DialectOptionProblem[] = [];
  for (const [name, value] of Object.entries(options)) {
    const property = schema.properties[name];
    if (!property) {
      if (!schema.additionalProperties) {
        const known = Object.keys(schema.properties);
        const hint = known.length ? `; known options: ${known.join(', ')}` : '; this dialect has none';
        problems.push({ field: `${field}.${name}`, message: `unknown option ${name}${hint}` });
      }
      continue;
    }
    const problem = valueProblem(property, value);
    if (problem) problems.push({ field: `${field}.${name}`, message: `${name} ${problem}` });
  }
  for (const name of schema.required ?? []) {
    if (options[name] === undefined || options[name] === null) problems.push({ field: `${field}.${name}`, message: `${name} is required` });
  }
  return problems;
}

function valueProblem(property: DialectSettingProperty, value: unknown): string | null {
  // null clears an option: the connection falls back to the dialect's behaviour without it.
  if (value === null) return null;
  switch (property.type) {
    case 'string':
      return typeof value === 'string' ? stringProblem(property, value) : 'must be a string';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value) ? numberProblem(property, value) : 'must be a whole number';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? numberProblem(property, value) : 'must be a number';
    case 'array':
      return Array.isArray(value) ? arrayProblem(property, value) : 'must be an array';
  }
}

function stringProblem(property: DialectSettingProperty, value: string): string | null {
  if (property.enum && !property.enum.includes(value)) return `must be one of ${property.enum.join(', ')}`;
  if (property.minLength !== undefined && value.length < property.minLength) return `must have at least ${property.minLength} characters`;
  if (property.maxLength !== undefined && value.length > property.maxLength) return `must have at most ${property.maxLength} characters`;
  // The value is never quoted: a credential is checked here too.
  if (property.pattern !== undefined && !new RegExp(property.pattern, 'u').test(value)) return `must match the pattern ${property.pattern}`;
  return null;
}

function numberProblem(property: DialectSettingProperty, value: number): string | null {
  if (property.minimum !== undefined && value < property.minimum) return `must be at least ${property.minimum}`;
  if (property.maximum !== undefined && value > property.maximum) return `must be at most ${property.maximum}`;
  return null;
}

function arrayProblem(property: DialectSettingProperty, value: readonly unknown[]): string | null {
  if (property.maxItems !== undefined && value.length > property.maxItems) return `must have at most ${property.maxItems} elements`;
  const items = property.items;
  if (!items) return null;
  for (const element of value) {
    if (items.type === 'string') {
      if (typeof element !== 'string') return 'must hold strings only';
      if (items.minLength !== undefined && element.length < items.minLength) return `must hold strings of at least ${items.minLength} characters`;
      if (items.maxLength !== undefined && element.length > items.maxLength) return `must hold strings of at most ${items.maxLength} characters`;
      if (items.enum && !items.enum.includes(element)) return `must hold only ${items.enum.join(', ')}`;
    } else if (typeof element !== 'number' || !Number.isSafeInteger(element)) {
      return 'must hold whole numbers only';
    }
  }
  return null;
}
