import { ApplicationError, ApplicationErrorCodes, ConcurrentWriteError } from '@tally/inventory-application';
import type { SqlGate } from '../sql/sql-gate';
import type { SqlSession } from '../sql/sql-session';

/** How many times a transaction runs at most before the store gives up. */
export const MAX_ATTEMPTS = 10;

// 40001 serialization failure, 40P01 deadlock, 23505 a concurrent insert of the same key.
const RETRYABLE_PG_STATES = new Set(['40001', '40P01', '23505']);

function codeOf(error: unknown): string | null {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 3; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string') return e.code;
  }
  return null;
}

/** True for a lost race that running the whole transaction again can win. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ConcurrentWriteError || (error as Error | undefined)?.name === 'ConcurrentWriteError') return true;
  const code = codeOf(error);
  return code !== null && (RETRYABLE_PG_STATES.has(code) || code.startsWith('SQLITE_BUSY'));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Full jitter: a random wait up to a cap that doubles per attempt (2, 4, 8 ... 250 ms). */
export const backoffMs = (attempt: number): number => Math.random() * Math.min(250, 2 ** attempt);

/**
 * Runs `attempt` until it succeeds, retrying lost races with jittered backoff; other errors
 * pass through at once. After {@link MAX_ATTEMPTS} lost races it throws `STORE.RETRY_EXHAUSTED`.
 */
export async function withRetries<T>(attempt: () => Promise<T>, maxAttempts = MAX_ATTEMPTS): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isRetryable(error)) throw error;
      if (n >= maxAttempts) {
        throw new ApplicationError(ApplicationErrorCodes.retryExhausted, `the write lost ${n} races in a row; try again later`, undefined, {
          attempts: n,
          lastError: codeOf(error) ?? (error as Error).name,
        });
      }
      await sleep(backoffMs(n));
    }
  }
}

/**
 * A write transaction under the write lock, run again after lost races: the one way every
 * write of this adapter commits (a bare statement on SQLite would block in the driver's busy
 * handler and then fail).
 */
export function retriedTransaction<T>(gate: SqlGate, work: (session: SqlSession) => Promise<T>): Promise<T> {
  return withRetries(() => gate.transaction(work));
}
