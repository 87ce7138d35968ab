import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliDatabase, KINDS, printed, tally, tallyExpecting, tenantOn, type CliDatabase } from '../tally-process.spec-helper';

const LINES = 100_000;

/** Every 100th line is bad, in one of four ways; the rest set a SKU's on hand at one of three warehouses. */
function stockCsv(): { text: string; bad: { lineNo: number; field: string }[] } {
  const rows = ['sku,location,onHand'];
  const bad: { lineNo: number; field: string }[] = [];
  for (let n = 1; n <= LINES; n++) {
    const lineNo = n + 1;
    const sku = `SKU-${String(n).padStart(6, '0')}`;
    if (n % 100 !== 0) {
      rows.push(`${sku},WH-${n % 3},${n % 50}`);
      continue;
    }
    switch ((n / 100) % 4) {
      case 0:
        rows.push(`${sku},WH-1,1.5`);
        bad.push({ lineNo, field: 'onHand' });
        break;
      case 1:
        rows.push(`${sku},WH-1`);
        bad.push({ lineNo, field: 'line' });
        break;
      case 2:
        rows.push(`${'S'.repeat(201)},WH-1,3`);
        bad.push({ lineNo, field: 'sku' });
        break;
      default:
        rows.push(`${sku},WH-1,-`);
        bad.push({ lineNo, field: 'onHand' });
    }
  }
  return { text: `${rows.join('\n')}\n`, bad };
}

describe.each(KINDS)('tally import and export on %s', (kind) => {
  let db: CliDatabase;
  let dir: string;
  beforeEach(async () => {
    db = await cliDatabase(kind);
    dir = mkdtempSync(join(tmpdir(), 'tally-cli-files-'));
  });
  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  });

  // Four command runs over 200,000 lines: 66–85 s alone on two busy cores, more beside other suites.
  it('imports 100,000 CSV lines with 1% bad: applies the rest, reports each bad line; the export copies the stock to another tenant', async () => {
    const { tenantId } = await tenantOn(db, 'Source');
    const { text, bad } = stockCsv();
    const file = join(dir, 'stock.csv');
    writeFileSync(file, text);

    const run = await tallyExpecting(1, db, 'import', file, '--tenant', tenantId, '--create-items', '--create-locations', 'warehouse');
    expect(run.stdout).toContain(`${LINES} line(s) read: ${LINES - bad.length} applied, ${bad.length} rejected`);
    const reported = [...run.stdout.matchAll(/^line (\d+): (\S+): /gm)].map((m) => ({ lineNo: Number(m[1]), field: m[2] }));
    expect(reported).toEqual(bad);

    const exported = join(dir, 'export.csv');
    await tallyExpecting(0, db, 'export', exported, '--tenant', tenantId);
    const copy = await tallyExpecting(0, db, 'create-tenant', 'Copy');
    const copyId = printed(copy, 'tenant');
    const copied = await tallyExpecting(0, db, 'import', exported, '--tenant', copyId, '--create-items', '--create-locations', 'warehouse');
    expect(copied.stdout).toContain(`${LINES - bad.length} line(s) read: ${LINES - bad.length} applied`);
    const again = join(dir, 'again.csv');
    await tallyExpecting(0, db, 'export', again, '--tenant', copyId);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(exported, 'utf8'));
    expect(readFileSync(exported, 'utf8').split('\n').filter(Boolean)).toHaveLength(LINES - bad.length + 1);
  }, 300_000);

  it('checks a file with --dry-run and writes nothing; a second import of the same NDJSON changes nothing', async () => {
    const { tenantId } = await tenantOn(db);
    const file = join(dir, 'stock.ndjson');
    const lines = [
      { sku: 'A', location: 'WH-1', onHand: 4 },
      { sku: 'B', location: 'WH-1', onHand: 'four' },
      { sku: 'C', location: 'WH-2', onHand: 2 },
    ];
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
    const dry = await tallyExpecting(1, db, 'import', file, '--tenant', tenantId, '--create-items', '--create-locations', 'store', '--dry-run');
    expect(dry.stdout).toContain('dry run: 3 line(s) read: 2 applied, 1 rejected (nothing was written)');
    expect(dry.stdout).toMatch(/^line 2: onHand: /m);
    const empty = await tallyExpecting(0, db, 'export', '-', '--tenant', tenantId, '--format', 'ndjson');
    expect(empty.stdout).toBe('');

    expect((await tallyExpecting(1, db, 'import', file, '--tenant', tenantId, '--create-items', '--create-locations', 'store')).stdout).toContain(
      '3 line(s) read: 2 applied, 1 rejected',
    );
    expect((await tallyExpecting(1, db, 'import', file, '--tenant', tenantId)).stdout).toContain('3 line(s) read: 2 unchanged, 1 rejected');
    const levels = (await tallyExpecting(0, db, 'export', '-', '--tenant', tenantId, '--format', 'ndjson')).stdout.trim().split('\n');
    expect(levels.map((l) => JSON.parse(l)).map((l) => [l.sku, l.location, l.onHand])).toEqual([
      ['A', 'WH-1', 4],
      ['C', 'WH-2', 2],
    ]);
  });

  it('names what is wrong with the command line, and a header it cannot use', async () => {
    const { tenantId } = await tenantOn(db);
    const file = join(dir, 'stock.txt');
    writeFileSync(file, 'sku,warehouse,onHand\nA,WH-1,1\n');
    expect((await tallyExpecting(2, db, 'import', file, '--tenant', tenantId)).stderr).toContain('cannot tell the format');
    expect((await tallyExpecting(2, db, 'import', file, '--tenant', tenantId, '--format', 'xml')).stderr).toContain('--format must be one of csv, ndjson');
    expect((await tallyExpecting(2, db, 'import', file, '--format', 'csv')).stderr).toContain('--tenant ID is required');
    const header = await tally(db, 'import', file, '--tenant', tenantId, '--format', 'csv');
    expect(header.code).toBe(1);
    expect(header.stderr).toContain('warehouse');
    expect((await tallyExpecting(1, db, 'export', '-', '--tenant', 'nobody', '--format', 'csv')).stderr).toContain('--tenant: no tenant nobody');
  });
});
