import type { ChosenSecretHasher } from '@tally/inventory-application';
import type { UnsafeTestMode } from '../config/unsafe-test-mode';
import { ScryptChosenSecretHasher } from './scrypt-chosen-secret.hasher';
import { UnsafeChosenSecretHasher } from './unsafe-chosen-secret.hasher';

/** What the lookup keys of supplied API keys are derived for, from each secrets key. */
export const API_KEY_LOOKUP_PURPOSE = 'tally:api-key-lookup:v1';

/**
 * The hasher of secrets people choose (ADR 0045).
 * @param lookupKeys keys derived from the secrets keys for {@link API_KEY_LOOKUP_PURPOSE}, current first.
 */
export function createChosenSecretHasher(unsafeTestMode: UnsafeTestMode | null, lookupKeys: readonly Buffer[]): ChosenSecretHasher {
  if (unsafeTestMode === 'fast-hash-supplied-keys') return new UnsafeChosenSecretHasher(false);
  if (unsafeTestMode === 'store-secrets-in-clear') return new UnsafeChosenSecretHasher(true);
  return new ScryptChosenSecretHasher(lookupKeys);
}
