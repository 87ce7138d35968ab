import { randomUUID } from 'node:crypto';
import { SharedFailures, type SharedFailure } from '@tally/inventory-application';
import { columns, insertRows } from '../sql/bulk-sql';
import type { SqlGate } from '../sql/sql-gate';

/**
 * How far back each pull reads again: a row is stamped with its transaction's start on the
 * database's clock, and may commit a little after a pull that began later; read twice, it is
 * answered once.
 */
const OVERLAP_MS = 1_000;
/** Rows per pull; a pull that fills it goes on from its last row the next time. */
const PULL_LIMIT = 5_000;
const COLUMNS = columns('address:text', 'credential:text', 'failed_at:bigint', 'process:text');
const DB_NOW = '(extract(epoch from now()) * 1000)::bigint';

interface FailureRow {
  readonly db_now: string | number;
  readonly id: string | number | null;
  readonly address: string;
  readonly credential: string | null;
  readonly failed_at: string | number;
  readonly recorded_at: string | number;
}

/**
 * {@link SharedFailures} in PostgreSQL's `auth_failures` (ADR 0057). Each instance is one process:
 * it writes its rows under a random id and pulls the rows of every other id, by the database's
 * clock, with an overlap and the ids it already answered, so no row is lost to a late commit nor
 * answered twice.
 */
export class PgSharedFailures extends SharedFailures {
  /** This process's id in the rows. */
  readonly process = randomUUID();
  /** Rows are read from this `recorded_at` on (and, at it, from `sinceId` on); null before the first pull. */
  private since: number | null = null;
  private sinceId = 0;
  /** Ids answered whose `recorded_at` is not before {@link since}: the overlap reads them again. */
  private readonly answered = new Map<number, number>();

  constructor(private readonly gate: SqlGate) {
    super();
  }

  async record(failures: readonly SharedFailure[]): Promise<void> {
    if (failures.length === 0) return;
    const rows = failures.map((f) => [f.address.slice(0, 100), f.credential, Math.round(f.at), this.process]);
    await this.gate.session((session) => insertRows(session, 'auth_failures', COLUMNS, rows));
  }

  async pull(windowMs: number): Promise<SharedFailure[]> {
    // One row with the database's clock even when no failure matches: the next pull's start.
    const rows = await this.gate.session((session) =>
      session.all<FailureRow>(
        `SELECT c.db_now, f.id, f.address, f.credential, f.failed_at, f.recorded_at
         FROM (SELECT ${DB_NOW} AS db_now) c
         LEFT JOIN LATERAL (
           SELECT id, address, credential, failed_at, recorded_at FROM auth_failures
           WHERE (recorded_at, id) >= (COALESCE(?::bigint, c.db_now - ?::bigint), ?::bigint) AND process <> ?
           ORDER BY recorded_at, id LIMIT ?
         ) f ON true
         ORDER BY f.recorded_at, f.id`,
        [this.since, Math.round(windowMs), this.sinceId, this.process, PULL_LIMIT],
      ),
    );
    const dbNow = Number(rows[0].db_now);
    const found = rows.filter((row) => row.id !== null);
    const last = found[found.length - 1];
    // A full pull goes on after its last row; any other reads the last second again next time.
    if (found.length === PULL_LIMIT) [this.since, this.sinceId] = [Number(last.recorded_at), Number(last.id) + 1];
    else [this.since, this.sinceId] = [Math.max(this.since ?? 0, dbNow - OVERLAP_MS), 0];
    const pulled: SharedFailure[] = [];
    for (const row of found) {
      const id = Number(row.id);
      if (this.answered.has(id)) continue;
      this.answered.set(id, Number(row.recorded_at));
      pulled.push({ address: row.address, credential: row.credential, at: Number(row.failed_at) });
    }
    for (const [id, recordedAt] of this.answered) if (recordedAt < this.since) this.answered.delete(id);
    return pulled;
  }

  sweep(windowMs: number, limit: number): Promise<number> {
    return this.gate.session((session) =>
      session.run(
        `DELETE FROM auth_failures WHERE id IN (
           SELECT id FROM auth_failures WHERE recorded_at < ${DB_NOW} - ?::bigint ORDER BY recorded_at LIMIT ?)`,
        [Math.round(windowMs), limit],
      ),
    );
  }
}
