/**
 * Deliberately unsafe behaviours for the negative controls of the reliability suite (ADR 0020):
 * each one breaks one guarantee so the suite can prove its checker sees the failure.
 * - `lost-updates`: an adjust reads the level outside the write transaction and writes the sum
 *   back as a set (read-modify-write);
 * - `no-idempotency`: Idempotency-Key headers are ignored;
 * - `ignore-source-time`: the source times of canonical writes are dropped, so late updates win;
 * - `log-secrets`: a refused credential is written to the log;
 * - `no-tenant-scope`: a job looked up by number is found in whichever tenant numbered it last;
 * - `skip-body-validation`: request bodies reach the handlers unvalidated, as parsed;
 * - `ack-before-commit`: a canonical write is answered as applied at once and written a second later;
 * - `untenanted-idempotency`: answers to idempotent writes are also memoized per process by route and
 *   key only, without the tenant, and replayed from there first;
 * - `progress-before-commit`: a job's chunk is recorded as done before its transaction commits, so a
 *   worker killed inside the chunk leaves it skipped;
 * - `retain-refused-requests`: the body and headers of every refused request stay referenced (a leak);
 * - `store-secrets-in-clear`: secrets and token digests are stored as they are;
 * - `ack-before-send`: the channel dispatcher records a figure as delivered before it sends it, so a
 *   dispatcher killed in between leaves the channel behind for good.
 * - `tokens-outlive-rotation`: Kibo and Crux tokens obtained with a connection's old secret keep
 *   working after the secret is rotated, until they expire.
 * - `throttle-by-address`: the failed-authentication throttle counts and refuses by client address
 *   only, whatever the request presents (`/health` and valid credentials included), as it once did.
 * - `skip-text-safety`: query strings, path parameters and canonical bodies holding a NUL or a lone
 *   surrogate are no longer refused at the edge and reach the handlers and the database.
 * - `parse-before-auth`: a dialect request's body is read and parsed before its header credential
 *   is checked, so an unauthenticated client can make the server hold its large bodies.
 * - `global-session-cap`: console sessions share one cap over every tenant (SESSION_MAX_PER_TENANT),
 *   the oldest evicted whoever holds them, as they once did, so one tenant signing in over and
 *   over signs everyone else out.
 * - `global-job-order`: workers claim the oldest runnable job whoever's it is, as they once did,
 *   so one tenant's queue of big jobs holds every other tenant's jobs back.
 * - `fast-hash-supplied-keys`: a supplied TALLY_ADMIN_KEY is kept like a generated key, an unsalted
 *   SHA-256 found by an unkeyed digest, so a copy of the table is enough to test guesses fast.
 * - `any-admin-opens-tenants`: tenant creation takes any admin key, not only the operator's, as it once did.
 * - `unheard-credential-changes`: valid credentials are answered from memory for AUTH_CACHE_SECONDS
 *   and no change made by another process empties it, so a key revoked or a connection rotated
 *   there keeps working here (ADR 0048).
 * - `unshared-auth-failures`: the failed-authentication throttle counts only this process's failures,
 *   so behind N processes on one PostgreSQL database an attacker gets N times the limit (ADR 0057).
 */
export const UNSAFE_TEST_MODES = [
  'lost-updates',
  'no-idempotency',
  'ignore-source-time',
  'log-secrets',
  'no-tenant-scope',
  'skip-body-validation',
  'ack-before-commit',
  'untenanted-idempotency',
  'progress-before-commit',
  'retain-refused-requests',
  'store-secrets-in-clear',
  'ack-before-send',
  'tokens-outlive-rotation',
  'throttle-by-address',
  'skip-text-safety',
  'parse-before-auth',
  'global-session-cap',
  'global-job-order',
  'fast-hash-supplied-keys',
  'any-admin-opens-tenants',
  'unheard-credential-changes',
  'unshared-auth-failures',
] as const;

/** One of {@link UNSAFE_TEST_MODES}. */
export type UnsafeTestMode = (typeof UNSAFE_TEST_MODES)[number];

/**
 * Reads TALLY_UNSAFE_TEST_MODE. Unset or empty: null (the default, always safe). A mode is
 * accepted only with NODE_ENV=test or TALLY_ALLOW_UNSAFE_TEST_MODE=yes; otherwise a problem is
 * added and boot is refused.
 */
export function readUnsafeTestMode(env: NodeJS.ProcessEnv, problems: string[]): UnsafeTestMode | null {
  const value = env['TALLY_UNSAFE_TEST_MODE']?.trim();
  if (!value) return null;
  if (!(UNSAFE_TEST_MODES as readonly string[]).includes(value)) {
    problems.push(`TALLY_UNSAFE_TEST_MODE must be one of ${UNSAFE_TEST_MODES.join(', ')}, got "${value}"`);
    return null;
  }
  if (env['NODE_ENV'] !== 'test' && env['TALLY_ALLOW_UNSAFE_TEST_MODE'] !== 'yes') {
    problems.push('TALLY_UNSAFE_TEST_MODE is refused unless NODE_ENV=test or TALLY_ALLOW_UNSAFE_TEST_MODE=yes');
    return null;
  }
  return value as UnsafeTestMode;
}
