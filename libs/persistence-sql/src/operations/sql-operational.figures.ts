import { statSync } from 'node:fs';
import { OperationalFigures, type ChannelBacklog, type JobBacklog, type OperationalSnapshot } from '@tally/inventory-application';
import type { DriverConnectionPool } from '../sql/driver-connection.pool';
import type { SqlGate } from '../sql/sql-gate';

interface ChannelRow {
  id: string;
  dialect: string;
  last_success_at: string | null;
  state: string | null;
  n: number | string | null;
  oldest: string | null;
}

/**
 * The operator's figures in SQL: each count walks a partial or leading index (unfinished jobs,
 * open discrepancies, each channel's unsynced items), never a whole table's history.
 */
export class SqlOperationalFigures extends OperationalFigures {
  constructor(
    private readonly gate: SqlGate,
    private readonly pool: DriverConnectionPool,
    /** The most connections the pool holds, as configured. */
    private readonly poolSize: number,
    /** The SQLite database file (its log is the file with `-wal` added), or null. */
    private readonly sqliteFile: string | null,
  ) {
    super();
  }

  async read(): Promise<OperationalSnapshot> {
    const lent = this.pool.figures();
    const pool = lent && { size: this.poolSize, ...lent };
    const { jobs, openDiscrepancies, channels } = await this.gate.session(async (session) => {
      const jobRows = await session.all<{ status: 'PENDING' | 'WORKING'; n: number | string; oldest: string | null }>(
        `SELECT status, COUNT(*) AS n, MIN(added) AS oldest FROM jobs WHERE status IN ('PENDING', 'WORKING') GROUP BY status`,
      );
      const [open] = await session.all<{ n: number | string }>(`SELECT COUNT(*) AS n FROM discrepancies WHERE status = 'open'`);
      const channelRows = await session.all<ChannelRow>(
        `SELECT c.id, c.dialect, c.last_success_at, ci.state, ci.n, ci.oldest FROM channels c
         LEFT JOIN (SELECT channel_id, state, COUNT(*) AS n, MIN(marked_at) AS oldest FROM channel_items
                    WHERE state IN ('pending', 'failing', 'dead') GROUP BY channel_id, state) ci ON ci.channel_id = c.id
         ORDER BY c.id`,
      );
      return { jobs: jobRows, openDiscrepancies: Number(open?.n ?? 0), channels: channelRows };
    });
    return {
      jobs: (['PENDING', 'WORKING'] as const).map((state): JobBacklog => {
        const row = jobs.find((r) => r.status === state);
        return { state, count: Number(row?.n ?? 0), oldestAddedAt: row?.oldest ?? null };
      }),
      openDiscrepancies,
      channels: backlogsOf(channels),
      pool,
      sqliteWalBytes: this.walBytes(),
    };
  }

  private walBytes(): number | null {
    if (this.sqliteFile === null) return null;
    try {
      return statSync(`${this.sqliteFile}-wal`).size;
    } catch {
      // No log file: nothing was written since the last checkpoint truncated it, or ever.
      return 0;
    }
  }
}

function backlogsOf(rows: readonly ChannelRow[]): ChannelBacklog[] {
  const byChannel = new Map<string, { -readonly [K in keyof ChannelBacklog]: ChannelBacklog[K] }>();
  for (const row of rows) {
    let backlog = byChannel.get(row.id);
    if (!backlog) {
      backlog = { channelId: row.id, dialect: row.dialect, pending: 0, failing: 0, dead: 0, oldestWaitingAt: null, lastSuccessAt: row.last_success_at };
      byChannel.set(row.id, backlog);
    }
    const n = Number(row.n ?? 0);
    if (row.state === 'pending' || row.state === 'failing') {
      backlog[row.state] = n;
      if (row.oldest !== null && (backlog.oldestWaitingAt === null || row.oldest < backlog.oldestWaitingAt)) backlog.oldestWaitingAt = row.oldest;
    } else if (row.state === 'dead') backlog.dead = n;
  }
  return [...byChannel.values()];
}
