import { isSafeText } from '@tally/vendor-kit';

/**
 * The API key a caller presents (a bearer token, or the key typed into the console's sign-in),
 * as Tally looks it up: trimmed; null when it cannot be a key: empty, or holding text Tally never
 * accepts (the kit's `unsafeTextReason`: a NUL, a lone surrogate). A null key is refused like an
 * unknown one, 401, which the failed-authentication throttle counts, and is never looked up: a
 * NUL would otherwise reach the database and fail there (500) before authentication.
 */
export function presentedApiKey(text: string | null | undefined): string | null {
  const key = text?.trim();
  return key && isSafeText(key) ? key : null;
}
