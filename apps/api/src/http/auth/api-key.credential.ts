import { createHmac, randomBytes } from 'node:crypto';
import { API_KEY_PREFIX_LENGTH } from '@tally/inventory-application';
import { isSafeText } from '@tally/vendor-kit';

// The shape of a key Tally generates: `tly_`, its 12-character public id, `_`, 32 secret characters.
const GENERATED_KEY = /^tly_[A-Za-z0-9_-]{12}_[A-Za-z0-9_-]{32}$/;
// Keys this process's counters by supplied keys: their digests mean nothing outside its memory.
const PROCESS_KEY = randomBytes(32);

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

/** What names a presented API key in counters (`id`) and logs (`shown`): never its secret characters. */
export interface CountedApiKey {
  readonly id: string;
  readonly shown: string;
}

/**
 * A generated key is counted and shown by its public id (its first 16 characters). Any other key
 * is a supplied one, or a guess: it has no public part, so it is counted by an HMAC of the whole
 * key under a random per-process key and shown as a few characters of that, which tell nothing
 * about the key to anyone without the process's memory (ADR 0045).
 */
export function apiKeyCounted(key: string): CountedApiKey {
  if (GENERATED_KEY.test(key)) {
    const id = key.slice(0, API_KEY_PREFIX_LENGTH);
    return { id, shown: id };
  }
  const id = `supplied:${createHmac('sha256', PROCESS_KEY).update(key, 'utf8').digest('base64url')}`;
  return { id, shown: `(not generated) #${id.slice(9, 17)}` };
}
