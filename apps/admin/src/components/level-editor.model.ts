/** The ledger reference of every console edit; the operator's reason follows it. */
const REFERENCE = 'admin console';
/** The API keeps references of up to 200 characters. */
const REFERENCE_MAX_LENGTH = 200;

/** The longest reason that fits the reference after its prefix. */
export const REASON_MAX_LENGTH = REFERENCE_MAX_LENGTH - `${REFERENCE}: `.length;

/** What is wrong with a typed whole number, or null. An empty field is never read as 0. */
export function wholeNumberProblem(value: number | string, what: string, subject = `${what[0].toUpperCase()}${what.slice(1)}`): string | null {
  if (typeof value === 'string' && value.trim() === '') return `Enter ${what}: a whole number.`;
  return Number.isSafeInteger(Number(value)) ? null : `${subject} must be a whole number.`;
}

/** What is wrong with the typed on hand, or null. */
export function onHandProblem(value: number | string): string | null {
  return wholeNumberProblem(value, 'the new on hand', 'On hand');
}

/** The ledger reference of an edit: `admin console`, with the operator's reason when given. */
export function editReference(reason: string): string {
  const given = reason.trim();
  return given ? `${REFERENCE}: ${given}`.slice(0, REFERENCE_MAX_LENGTH) : REFERENCE;
}
