import type { SecretHasher } from '@tally/inventory-application';
import type { UnsafeTestMode } from '../config/unsafe-test-mode';
import { Sha256SecretHasher } from './sha256-secret.hasher';
import { UnsafeClearTextSecretHasher } from './unsafe-clear-text-secret.hasher';

/** The API's secret hasher, on the main thread (DI) and in worker threads alike. */
export function createSecretHasher(unsafeTestMode: UnsafeTestMode | null): SecretHasher {
  return unsafeTestMode === 'store-secrets-in-clear' ? new UnsafeClearTextSecretHasher() : new Sha256SecretHasher();
}
