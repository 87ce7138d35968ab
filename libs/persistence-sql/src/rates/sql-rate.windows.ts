import { RateWindows, windowDecision, type RateDecision } from '@tally/inventory-application';
import type { SqlGate } from '../sql/sql-gate';

const PURGE_EVERY_MS = 60_000;
const STALE_AFTER_MS = 3_600_000;
const PURGE_BATCH = 1000;

/**
 * {@link RateWindows} in the database, for several processes on one PostgreSQL: one statement
 * per request counts it in its subject's window (starting a new window when the last one ended)
 * and answers the window, under the row's lock, so concurrent processes count the same window.
 */
export class SqlRateWindows extends RateWindows {
  private nextPurgeAt = 0;

  constructor(
    private readonly gate: SqlGate,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  async take(scope: string, subject: string, limit: number, windowMs: number): Promise<RateDecision> {
    const now = this.now();
    // Subjects that stopped calling (or guessed keys, counted too) leave rows behind: swept here, a batch a minute.
    if (now >= this.nextPurgeAt) {
      this.nextPurgeAt = now + PURGE_EVERY_MS;
      await this.purge(now - STALE_AFTER_MS, PURGE_BATCH);
    }
    const [row] = await this.gate.session((session) =>
      session.all<{ window_start: string | number; hits: string | number }>(
        `INSERT INTO rate_windows (scope, subject, window_start, hits) VALUES (?, ?, ?, 1)
         ON CONFLICT (scope, subject) DO UPDATE SET
           hits = CASE WHEN rate_windows.window_start <= ? THEN 1 ELSE rate_windows.hits + 1 END,
           window_start = CASE WHEN rate_windows.window_start <= ? THEN excluded.window_start ELSE rate_windows.window_start END
         RETURNING window_start, hits`,
        [scope, subject, now, now - windowMs, now - windowMs],
      ),
    );
    return windowDecision(Number(row.window_start), Number(row.hits), limit, windowMs, now);
  }

  /** Deletes windows that started before `before` (epoch milliseconds), at most `limit`; answers how many. */
  purge(before: number, limit: number): Promise<number> {
    return this.gate.session((session) =>
      session.run(
        'DELETE FROM rate_windows WHERE (scope, subject) IN (SELECT scope, subject FROM rate_windows WHERE window_start < ? ORDER BY window_start LIMIT ?)',
        [before, limit],
      ),
    );
  }
}
