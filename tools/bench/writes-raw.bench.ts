/**
 * The raw-driver baseline of `npm run bench:writes`: from this Node process, `clients` loops
 * that each run one write after the other for the cell's seconds, on the benchmark's database
 * (the tables the API migrated), with nothing else: no HTTP, no validation, no ORM.
 *
 * One request is one transaction of the minimum statements a single write needs:
 * - `update`: read the level row (`SELECT … FOR UPDATE` on PostgreSQL; SQLite's `BEGIN
 *   IMMEDIATE` already holds the write lock), `UPDATE` it with the new figure, version and
 *   data, `INSERT` one ledger entry with the before and after snapshots;
 * - `insert`: the same read (finding nothing), an `INSERT … ON CONFLICT DO UPDATE` of the level, the ledger entry;
 * - `remove`: the read, an `UPDATE` that marks the level absent, the ledger entry;
 * - `…+observation`: besides, the upsert of the reporting connection's observation (what a
 *   vendor dialect's write keeps);
 * - `batch`: the `update` of BENCH_BATCH_LINES places in one transaction (on PostgreSQL three
 *   statements for all lines: `SELECT … FOR UPDATE` with `= ANY`, `UPDATE … FROM unnest`,
 *   `INSERT … SELECT FROM unnest`; on SQLite the single-row statements, prepared once).
 *
 * SQLite runs on better-sqlite3 with the API's settings (WAL, synchronous NORMAL, its cache and
 * checkpoints): a synchronous driver, so the loops take turns on the event loop, as the API's
 * requests do on its one writer. PostgreSQL runs on node-postgres (`pg`, the driver MikroORM's
 * PostgreSQL driver uses), one connection per loop.
 */
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { SQLITE_CACHE_KIB, SQLITE_CHECKPOINT_PAGES, SqliteCheckpointer } from '@tally/persistence-sql';
import type { BenchDatabase } from './bench-database';
import type { WritesLoad } from './writes-load';

/** What a route's baseline transaction does (see the file's TSDoc). */
export type RawShape = 'update' | 'update+observation' | 'insert+observation' | 'remove' | 'remove+observation' | 'batch';

/** Ids of the places the baseline writes (seeded through the API by writes-setup.ts). */
export interface RawPlaces {
  readonly tenantId: string;
  /** The connection whose observation the `+observation` shapes keep. */
  readonly connectionId: string;
  readonly items: readonly string[];
  /** Location whose levels the update and batch shapes write (one per item). */
  readonly updateLocation: string;
  /** Location whose levels the remove shapes mark absent. */
  readonly removeLocation: string;
  /** Locations without levels, for the insert shape: item × location, fresh until all are used. */
  readonly freshLocations: readonly string[];
}

interface RawLine {
  readonly itemId: string;
  readonly locationId: string;
  readonly onHand: number;
}

const dataOf = (onHand: number): string => `{"figures":{"onHand":${onHand}},"details":{}}`;
const snapshotOf = (present: boolean, data: string): string => `{"present":${present},"sourceTimestamp":null,"data":${data}}`;
const ABSENT = snapshotOf(false, '{"figures":{},"details":{}}');

/** A database session that runs one request's transaction. */
interface RawSession {
  run(lines: readonly RawLine[], at: string): Promise<void>;
  close(): Promise<void>;
}

function sqliteSessions(file: string, places: RawPlaces, shape: RawShape): { open(): RawSession; close(): Promise<void> } {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  db.pragma(`wal_autocheckpoint = ${SQLITE_CHECKPOINT_PAGES}`);
  const checkpointer = SqliteCheckpointer.start(file);
  const where = 'tenant_id = ? AND item_id = ? AND location_id = ?';
  const read = db.prepare(`SELECT version, data, present FROM stock_levels WHERE ${where}`);
  const update = db.prepare(`UPDATE stock_levels SET present = ?, on_hand = ?, version = ?, updated_at = ?, data = ? WHERE ${where}`);
  const upsert = db.prepare(`INSERT INTO stock_levels (tenant_id, item_id, location_id, present, on_hand, available_reported, reserved, version,
      source_timestamp, updated_at, data) VALUES (?, ?, ?, 1, ?, NULL, 0, ?, NULL, ?, ?)
    ON CONFLICT (tenant_id, item_id, location_id) DO UPDATE SET present = 1, on_hand = excluded.on_hand, version = excluded.version,
      updated_at = excluded.updated_at, data = excluded.data`);
  const observe = db.prepare(`INSERT INTO observations (tenant_id, connection_id, location_id, item_id, present, source_timestamp,
      received_at, stale_count, data) VALUES (?, ?, ?, ?, ?, NULL, ?, 0, ?)
    ON CONFLICT (tenant_id, connection_id, location_id, item_id) DO UPDATE SET present = excluded.present,
      received_at = excluded.received_at, data = excluded.data`);
  const ledger = db.prepare(`INSERT INTO ledger_entries (tenant_id, item_id, location_id, connection_id, cause, actor, reference,
      source_timestamp, recorded_at, version_after, lines, before_snapshot, after_snapshot)
    VALUES (?, ?, ?, ?, ?, 'bench', NULL, NULL, ?, ?, '[1]', ?, ?)`);
  const removing = shape.startsWith('remove');
  const observing = shape.endsWith('+observation');
  const connectionId = observing ? places.connectionId : null;
  const write = db
    .transaction((lines: readonly RawLine[], at: string) => {
      for (const line of lines) {
        const row = read.get(places.tenantId, line.itemId, line.locationId) as { version: number; data: string; present: number } | undefined;
        const before = row ? snapshotOf(row.present === 1, row.data) : ABSENT;
        const version = (row?.version ?? 0) + 1;
        const data = removing ? '{"figures":{},"details":{}}' : dataOf(line.onHand);
        if (shape === 'insert+observation') upsert.run(places.tenantId, line.itemId, line.locationId, line.onHand, version, at, data);
        else update.run(removing ? 0 : 1, removing ? null : line.onHand, version, at, data, places.tenantId, line.itemId, line.locationId);
        if (observing) observe.run(places.tenantId, connectionId, line.locationId, line.itemId, removing ? 0 : 1, at, data);
        ledger.run(places.tenantId, line.itemId, line.locationId, connectionId, removing ? 'remove' : 'set', at, version, before, snapshotOf(!removing, data));
      }
    })
    .immediate.bind(null);
  const session: RawSession = {
    async run(lines, at) {
      // Give the other loops their turn, as the API's requests take turns on its event loop.
      await new Promise((resolve) => setImmediate(resolve));
      write(lines, at);
    },
    close: async () => undefined,
  };
  return {
    open: () => session,
    async close() {
      await checkpointer.stop();
      db.close();
    },
  };
}

async function pgSession(url: string, places: RawPlaces, shape: RawShape): Promise<RawSession> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const removing = shape.startsWith('remove');
  const observing = shape.endsWith('+observation');
  const connectionId = observing ? places.connectionId : null;
  const t = places.tenantId;
  const single = async (line: RawLine, at: string) => {
    const read = await client.query('SELECT version, data, present FROM stock_levels WHERE tenant_id = $1 AND item_id = $2 AND location_id = $3 FOR UPDATE', [
      t,
      line.itemId,
      line.locationId,
    ]);
    const row = read.rows[0] as { version: string; data: string; present: boolean } | undefined;
    const before = row ? snapshotOf(row.present, row.data) : ABSENT;
    const version = Number(row?.version ?? 0) + 1;
    const data = removing ? '{"figures":{},"details":{}}' : dataOf(line.onHand);
    if (shape === 'insert+observation') {
      await client.query(
        `INSERT INTO stock_levels (tenant_id, item_id, location_id, present, on_hand, available_reported, reserved, version, source_timestamp,
           updated_at, data) VALUES ($1, $2, $3, true, $4, NULL, 0, $5, NULL, $6, $7)
         ON CONFLICT (tenant_id, item_id, location_id) DO UPDATE SET present = true, on_hand = excluded.on_hand, version = excluded.version,
           updated_at = excluded.updated_at, data = excluded.data`,
        [t, line.itemId, line.locationId, line.onHand, version, at, data],
      );
    } else {
      await client.query(
        'UPDATE stock_levels SET present = $1, on_hand = $2, version = $3, updated_at = $4, data = $5 WHERE tenant_id = $6 AND item_id = $7 AND location_id = $8',
        [!removing, removing ? null : line.onHand, version, at, data, t, line.itemId, line.locationId],
      );
    }
    if (observing) {
      await client.query(
        `INSERT INTO observations (tenant_id, connection_id, location_id, item_id, present, source_timestamp, received_at, stale_count, data)
         VALUES ($1, $2, $3, $4, $5, NULL, $6, 0, $7) ON CONFLICT (tenant_id, connection_id, location_id, item_id)
         DO UPDATE SET present = excluded.present, received_at = excluded.received_at, data = excluded.data`,
        [t, connectionId, line.locationId, line.itemId, !removing, at, data],
      );
    }
    await client.query(
      `INSERT INTO ledger_entries (tenant_id, item_id, location_id, connection_id, cause, actor, reference, source_timestamp, recorded_at,
         version_after, lines, before_snapshot, after_snapshot) VALUES ($1, $2, $3, $4, $5, 'bench', NULL, NULL, $6, $7, '[1]', $8, $9)`,
      [t, line.itemId, line.locationId, connectionId, removing ? 'remove' : 'set', at, version, before, snapshotOf(!removing, data)],
    );
  };
  const many = async (lines: readonly RawLine[], at: string) => {
    const read = await client.query(
      'SELECT item_id, version, data FROM stock_levels WHERE tenant_id = $1 AND location_id = $2 AND item_id = ANY($3::text[]) ORDER BY item_id FOR UPDATE',
      [t, lines[0].locationId, lines.map((l) => l.itemId)],
    );
    const rows = new Map((read.rows as { item_id: string; version: string; data: string }[]).map((r) => [r.item_id, r]));
    const col = <T>(f: (line: RawLine, row: { version: string; data: string } | undefined) => T) => lines.map((l) => f(l, rows.get(l.itemId)));
    const versions = col((_, r) => Number(r?.version ?? 0) + 1);
    const data = col((l) => dataOf(l.onHand));
    await client.query(
      `UPDATE stock_levels s SET present = true, on_hand = x.o, version = x.v, updated_at = $2, data = x.d
       FROM unnest($3::text[], $4::bigint[], $5::bigint[], $6::text[]) AS x(i, o, v, d)
       WHERE s.tenant_id = $1 AND s.location_id = $7 AND s.item_id = x.i`,
      [t, at, col((l) => l.itemId), col((l) => l.onHand), versions, data, lines[0].locationId],
    );
    await client.query(
      `INSERT INTO ledger_entries (tenant_id, item_id, location_id, connection_id, cause, actor, reference, source_timestamp, recorded_at,
         version_after, lines, before_snapshot, after_snapshot)
       SELECT $1, x.i, $2, NULL, 'set', 'bench', NULL, NULL, $3, x.v, x.n, x.b, x.a
       FROM unnest($4::text[], $5::bigint[], $6::text[], $7::text[], $8::text[]) AS x(i, v, n, b, a)`,
      [
        t,
        lines[0].locationId,
        at,
        col((l) => l.itemId),
        versions,
        lines.map((_, n) => `[${n + 1}]`),
        col((_, r) => (r ? snapshotOf(true, r.data) : ABSENT)),
        data.map((d) => snapshotOf(true, d)),
      ],
    );
  };
  return {
    async run(lines, at) {
      await client.query('BEGIN');
      try {
        if (shape === 'batch') await many(lines, at);
        else for (const line of lines) await single(line, at);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    },
    close: () => client.end(),
  };
}

/** The lines of the baseline's i-th request of a shape: distinct places in flight, a new value on each visit. */
function linesOf(places: RawPlaces, shape: RawShape, i: number, batchLines: number): RawLine[] {
  const n = places.items.length;
  if (shape === 'batch') {
    return Array.from({ length: batchLines }, (_, k) => {
      const j = i * batchLines + k;
      return { itemId: places.items[j % n], locationId: places.updateLocation, onHand: Math.floor(j / n) + 1 };
    });
  }
  if (shape === 'insert+observation') {
    const locationId = places.freshLocations[Math.floor(i / n) % places.freshLocations.length];
    return [{ itemId: places.items[i % n], locationId, onHand: 1 }];
  }
  const locationId = shape.startsWith('remove') ? places.removeLocation : places.updateLocation;
  return [{ itemId: places.items[i % n], locationId, onHand: Math.floor(i / n) + 1 }];
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? 0 : Math.round(100 * sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]) / 100;

/** Per shape, where the next request of its stream starts: the shapes' streams go on from cell to cell. */
const positions = new Map<RawShape, number>();

/** Runs the baseline of a shape with `clients` loops for `seconds`; answers its load figures (errors counted, not thrown). */
export async function driveRaw(
  db: BenchDatabase,
  places: RawPlaces,
  shape: RawShape,
  options: { clients: number; seconds: number; batchLines: number },
): Promise<WritesLoad> {
  const sqlite = db.kind === 'sqlite' ? sqliteSessions(db.file, places, shape) : null;
  const sessions: RawSession[] = [];
  for (let c = 0; c < options.clients; c++) sessions.push(sqlite ? sqlite.open() : await pgSession(db.url, places, shape));
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  const started = process.hrtime.bigint();
  const until = started + BigInt(Math.round(options.seconds * 1e9));
  try {
    await Promise.all(
      sessions.map(async (session) => {
        while (process.hrtime.bigint() < until) {
          const i = positions.get(shape) ?? 0;
          positions.set(shape, i + 1);
          const t0 = process.hrtime.bigint();
          try {
            await session.run(linesOf(places, shape, i, options.batchLines), new Date().toISOString());
            ok++;
            latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
          } catch (error) {
            if (errors++ === 0) console.error(`raw ${shape}: ${(error as Error).message}`);
          }
        }
      }),
    );
  } finally {
    for (const session of sessions) await session.close();
    await sqlite?.close();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return { requestsPerSecond: ok / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), ok, notOk: 0, errors, seconds };
}
