/**
 * Benchmark of the inventory write path (`npm run bench:apply`): 100,000 set-lines (10,000
 * items × 10 locations, batches of 1,000) written first as new levels, then as changes, on
 * SQLite and on PostgreSQL, once through the application path (InventoryStore →
 * loadBatchState → reconcileBatch → saveOutcome) and once as hand-written SQL on the raw
 * driver. BENCH_SCALE=0.1 runs a tenth of the items; BENCH_DATABASES=sqlite runs one database.
 */
import { createPersistence, type Persistence } from '@tally/persistence-sql';
import { createBenchDatabase, settle, type BenchDatabaseKind } from './bench-database';
import { runAppPhase } from './app-path.bench';
import { rawPgWriter, rawSqliteWriter } from './raw-path.bench';
import { seedWorkload, type BenchSize, type Workload } from './workload';

interface Row {
  readonly database: BenchDatabaseKind;
  readonly phase: 'insert' | 'update';
  readonly app: number;
  readonly raw: number;
}

const PHASES = ['insert', 'update'] as const;

async function countRows(p: Persistence, table: string, tenantId: string): Promise<number> {
  const [row] = await p.orm.em.getConnection().execute<{ n: number | string }[]>(`SELECT count(*) AS n FROM ${table} WHERE tenant_id = ?`, [tenantId]);
  return Number(row.n);
}

async function measureApp(kind: BenchDatabaseKind, size: BenchSize): Promise<Record<'insert' | 'update', number>> {
  const db = await createBenchDatabase(kind);
  const p = await createPersistence(db.url);
  try {
    const workload = await seedWorkload(p, size);
    await settle(db);
    const insert = await runAppPhase(p, workload, 'insert');
    await settle(db);
    const update = await runAppPhase(p, workload, 'update');
    await check(p, workload);
    return { insert, update };
  } finally {
    await p.close();
    await db.drop();
  }
}

async function check(p: Persistence, workload: Workload): Promise<void> {
  const [levels, ledger] = [await countRows(p, 'stock_levels', workload.tenantId), await countRows(p, 'ledger_entries', workload.tenantId)];
  if (levels !== workload.lines || ledger !== 2 * workload.lines) {
    throw new Error(`expected ${workload.lines} levels and ${2 * workload.lines} ledger rows, found ${levels} and ${ledger}`);
  }
}

async function measureRaw(kind: BenchDatabaseKind, size: BenchSize): Promise<Record<'insert' | 'update', number>> {
  const db = await createBenchDatabase(kind);
  try {
    // The same schema and seed as the application path; then the raw driver does the writes.
    const seeder = await createPersistence(db.url);
    const workload = await seedWorkload(seeder, size);
    await seeder.close();
    const writer = kind === 'sqlite' ? rawSqliteWriter(db.file) : await rawPgWriter(db.url);
    try {
      await settle(db);
      const insert = await writer.run(workload, 'insert');
      await settle(db);
      return { insert, update: await writer.run(workload, 'update') };
    } finally {
      await writer.close();
    }
  } finally {
    await db.drop();
  }
}

function printTable(rows: Row[], lines: number): void {
  const header = ['database', 'phase', 'app lines/s', 'raw lines/s', 'ratio app/raw'];
  const body = rows.map((r) => [
    r.database,
    r.phase,
    Math.round(lines / r.app).toLocaleString('en-US'),
    Math.round(lines / r.raw).toLocaleString('en-US'),
    (r.raw / r.app).toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i < 2 ? ` ${'-'.repeat(w)} ` : ` ${'-'.repeat(w - 1)}: `)).join('|')}|`);
  for (const b of body) console.log(line(b));
}

async function main(): Promise<void> {
  const scale = Number(process.env['BENCH_SCALE'] ?? '1');
  if (!(scale > 0)) throw new Error('BENCH_SCALE must be a positive number');
  const size: BenchSize = { items: Math.max(1, Math.round(10_000 * scale)), locations: 10, batchSize: 1000 };
  const kinds = (process.env['BENCH_DATABASES'] ?? 'sqlite,postgresql').split(',') as BenchDatabaseKind[];
  const lines = size.items * size.locations;
  console.log(`apply benchmark: ${lines.toLocaleString('en-US')} set-lines per phase, batches of ${size.batchSize}`);
  const rows: Row[] = [];
  for (const kind of kinds) {
    const app = await measureApp(kind, size);
    const raw = await measureRaw(kind, size);
    for (const phase of PHASES) rows.push({ database: kind, phase, app: app[phase], raw: raw[phase] });
    console.log(`${kind}: done`);
  }
  printTable(rows, lines);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
