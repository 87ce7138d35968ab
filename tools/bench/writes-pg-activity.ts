/**
 * PostgreSQL's own view of a `bench:writes` cell: how many write transactions it assigned ids to
 * (below one per request once requests share transactions) and how many bytes of WAL it wrote,
 * both read at once from the server (whole cluster: run it on a quiet server), and what the
 * database's sessions were doing, sampled from `pg_stat_activity` every few milliseconds:
 * running, idle, or waiting on a named event (a lock, the WAL, a client read). No extension is
 * needed, and the cumulative statistics views, flushed by backends only every second or more,
 * are not used.
 */
import { Client } from 'pg';

const SAMPLE_EVERY_MS = 10;

interface Position {
  readonly xid: bigint;
  readonly wal: string;
}

/** The next transaction id and the WAL's end (reading them assigns no id). */
async function position(client: Client): Promise<Position> {
  const { rows } = await client.query('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xid, pg_current_wal_lsn()::text AS wal');
  return { xid: BigInt(rows[0].xid), wal: rows[0].wal };
}

/** What a cell's sessions did: write transactions and WAL bytes in the cell, and shares of samples per state or wait event. */
export interface PgActivity {
  readonly writeTransactions: number;
  readonly walBytes: number;
  /** `state: wait_event_type/wait_event` (or `state: running`) → share of session samples (0–1), most frequent first. */
  readonly states: readonly [string, number][];
  /** Sessions of the database seen per sampling round, on average. */
  readonly sessions: number;
}

/** Samples the database's sessions from a connection of its own until stopped. */
export class PgActivitySampler {
  private readonly counts = new Map<string, number>();
  private samples = 0;
  private rounds = 0;
  private stopped = false;
  private loop: Promise<void> = Promise.resolve();
  private before: Position = { xid: 0n, wal: '0/0' };

  private constructor(private readonly client: Client) {}

  /** Connects and starts sampling. */
  static async start(url: string): Promise<PgActivitySampler> {
    const client = new Client({ connectionString: url });
    await client.connect();
    const sampler = new PgActivitySampler(client);
    sampler.before = await position(client);
    sampler.loop = sampler.run();
    return sampler;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const { rows } = await this.client.query(
        `SELECT state, wait_event_type, wait_event FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
      );
      for (const row of rows as { state: string | null; wait_event_type: string | null; wait_event: string | null }[]) {
        const what = row.wait_event_type ? `${row.wait_event_type}/${row.wait_event}` : 'running';
        const key = `${row.state ?? 'unknown'}: ${what}`;
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
        this.samples += 1;
      }
      this.rounds += 1;
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
    }
  }

  /** Stops sampling and disconnects. */
  async stop(): Promise<PgActivity> {
    this.stopped = true;
    await this.loop;
    try {
      const after = await position(this.client);
      const { rows } = await this.client.query('SELECT pg_wal_lsn_diff($1, $2)::text AS bytes', [after.wal, this.before.wal]);
      const states = [...this.counts].map(([key, n]): [string, number] => [key, n / Math.max(1, this.samples)]).sort((a, b) => b[1] - a[1]);
      return {
        writeTransactions: Number(after.xid - this.before.xid),
        walBytes: Number(rows[0].bytes),
        states,
        sessions: this.samples / Math.max(1, this.rounds),
      };
    } finally {
      await this.client.end();
    }
  }
}
