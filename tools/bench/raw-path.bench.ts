import Database from 'better-sqlite3';
import { Client } from 'pg';
import { SQLITE_CACHE_KIB, SQLITE_CHECKPOINT_PAGES, SqliteCheckpointer } from '@tally/persistence-sql';
import { valueOf, type Workload } from './workload';

/** The same writes as the application path, hand-written on the raw driver. */
export interface RawWriter {
  /**
   * Writes every batch (level upsert, observation upsert when the workload has a connection,
   * one ledger row per line; one transaction per batch); answers seconds.
   */
  run(workload: Workload, phase: 'insert' | 'update'): Promise<number>;
  close(): Promise<void>;
}

// The compact text the persistence adapter stores: only the fields that differ from an empty level (ADR 0007).
const dataOf = (onHand: number): string => `{"figures":{"onHand":${onHand}},"details":{}}`;
const snapshotOf = (present: boolean, data: string): string => `{"present":${present},"sourceTimestamp":null,"data":${data}}`;
const ABSENT = snapshotOf(false, '{"figures":{},"details":{}}');

/** The rows of one batch: what a hand-written writer computes without reading anything. */
function rowsOf(batch: Workload['batches'][number], start: number, phase: 'insert' | 'update') {
  return batch.map((place, n) => {
    const data = dataOf(valueOf(phase, start + n));
    const before = phase === 'insert' ? ABSENT : snapshotOf(true, dataOf(valueOf('insert', start + n)));
    return { ...place, onHand: valueOf(phase, start + n), data, lines: `[${n + 1}]`, before, after: snapshotOf(true, data) };
  });
}

/** better-sqlite3 with prepared single-row statements inside one transaction per batch. */
export function rawSqliteWriter(file: string): RawWriter {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // The API's settings (persistence factory), so both paths pay the same checkpoints and cache.
  db.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  db.pragma(`wal_autocheckpoint = ${SQLITE_CHECKPOINT_PAGES}`);
  const checkpointer = SqliteCheckpointer.start(file);
  const upsert = db.prepare(`INSERT INTO stock_levels (tenant_id, item_id, location_id, present, on_hand, available_reported,
      reserved, version, source_timestamp, updated_at, data) VALUES (?, ?, ?, 1, ?, NULL, 0, ?, NULL, ?, ?)
    ON CONFLICT (tenant_id, item_id, location_id) DO UPDATE SET present = excluded.present, on_hand = excluded.on_hand,
      version = excluded.version, updated_at = excluded.updated_at, data = excluded.data`);
  const observe = db.prepare(`INSERT INTO observations (tenant_id, connection_id, location_id, item_id, present, source_timestamp,
      received_at, stale_count, data) VALUES (?, ?, ?, ?, 1, NULL, ?, 0, ?)
    ON CONFLICT (tenant_id, connection_id, location_id, item_id) DO UPDATE SET present = excluded.present,
      received_at = excluded.received_at, data = excluded.data`);
  const ledger = db.prepare(`INSERT INTO ledger_entries (tenant_id, item_id, location_id, connection_id, cause, actor, reference,
      source_timestamp, recorded_at, version_after, lines, before_snapshot, after_snapshot)
    VALUES (?, ?, ?, ?, 'set', 'bench', NULL, NULL, ?, ?, ?, ?, ?)`);
  const writeBatch = db.transaction((w: Workload, rows: ReturnType<typeof rowsOf>, version: number, at: string) => {
    const connectionId = w.connectionId ?? null;
    for (const r of rows) {
      upsert.run(w.tenantId, r.itemId, r.locationId, r.onHand, version, at, r.data);
      if (connectionId) observe.run(w.tenantId, connectionId, r.locationId, r.itemId, at, r.data);
      ledger.run(w.tenantId, r.itemId, r.locationId, connectionId, at, version, r.lines, r.before, r.after);
    }
  });
  return {
    async run(workload, phase) {
      const started = process.hrtime.bigint();
      let start = 0;
      for (const batch of workload.batches) {
        writeBatch(workload, rowsOf(batch, start, phase), phase === 'insert' ? 1 : 2, new Date().toISOString());
        start += batch.length;
      }
      return Number(process.hrtime.bigint() - started) / 1e9;
    },
    async close() {
      await checkpointer.stop();
      db.close();
    },
  };
}

/** node-postgres with one multi-row statement per table per batch (arrays through unnest). */
export async function rawPgWriter(url: string): Promise<RawWriter> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return {
    async run(workload, phase) {
      const started = process.hrtime.bigint();
      let start = 0;
      const version = phase === 'insert' ? 1 : 2;
      for (const batch of workload.batches) {
        const rows = rowsOf(batch, start, phase);
        start += batch.length;
        const at = new Date().toISOString();
        const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO stock_levels (tenant_id, item_id, location_id, present, on_hand, available_reported, reserved, version,
             source_timestamp, updated_at, data)
           SELECT $1, x.i, x.l, true, x.o, NULL, 0, $2, NULL, $3, x.d FROM unnest($4::text[], $5::text[], $6::bigint[], $7::text[]) AS x(i, l, o, d)
           ON CONFLICT (tenant_id, item_id, location_id) DO UPDATE SET present = excluded.present, on_hand = excluded.on_hand,
             version = excluded.version, updated_at = excluded.updated_at, data = excluded.data`,
          [workload.tenantId, version, at, col('itemId'), col('locationId'), col('onHand'), col('data')],
        );
        if (workload.connectionId) {
          await client.query(
            `INSERT INTO observations (tenant_id, connection_id, location_id, item_id, present, source_timestamp, received_at,
               stale_count, data)
             SELECT $1, $2, x.l, x.i, true, NULL, $3, 0, x.d FROM unnest($4::text[], $5::text[], $6::text[]) AS x(i, l, d)
             ON CONFLICT (tenant_id, connection_id, location_id, item_id) DO UPDATE SET present = excluded.present,
               received_at = excluded.received_at, data = excluded.data`,
            [workload.tenantId, workload.connectionId, at, col('itemId'), col('locationId'), col('data')],
          );
        }
        await client.query(
          `INSERT INTO ledger_entries (tenant_id, item_id, location_id, connection_id, cause, actor, reference, source_timestamp,
             recorded_at, version_after, lines, before_snapshot, after_snapshot)
           SELECT $1, x.i, x.l, $9, 'set', 'bench', NULL, NULL, $2, $3, x.n, x.b, x.a
           FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS x(i, l, n, b, a)`,
          [workload.tenantId, at, version, col('itemId'), col('locationId'), col('lines'), col('before'), col('after'), workload.connectionId ?? null],
        );
        await client.query('COMMIT');
      }
      return Number(process.hrtime.bigint() - started) / 1e9;
    },
    close: () => client.end(),
  };
}
