import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExportStock, ImportStock, type CanonicalLine, type ImportReport } from '@tally/inventory-application';
import { createPersistence, UuidV7IdGenerator, type Persistence } from '@tally/persistence-sql';
import { exportStock, importStock, type StockFileFormat, type StockImportOptions } from '@tally/stock-files';
import { createDatabase, type DatabaseKind, type TestDatabase } from '@tally/test-support';
import { createApplyStockBatch, SystemClock } from '@tally/platform-node';

jest.setTimeout(600_000);

/** The use cases as an import or export command composes them, on a real database. */
function useCases(p: Persistence) {
  const writer = createApplyStockBatch(p, new SystemClock(), new UuidV7IdGenerator());
  return { importer: new ImportStock(writer, p.connections), exporter: new ExportStock(p.reader, p.items, p.locations) };
}

describe.each<DatabaseKind>(['sqlite', 'postgres'])('stock files on %s', (kind) => {
  let db: TestDatabase;
  let p: Persistence;
  let dir: string;
  let files: ReturnType<typeof useCases>;

  beforeAll(async () => {
    db = await createDatabase(kind, { prefix: 'tally_files' });
    p = await createPersistence(db.url);
    files = useCases(p);
    dir = mkdtempSync(join(tmpdir(), 'tally-files-spec-'));
  });
  afterAll(async () => {
    await p?.close();
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function newTenant(locations: string[] = []): Promise<string> {
    const tenantId = randomUUID();
    await p.tenants.create({ id: tenantId, name: `tenant ${tenantId}`, createdAt: new Date().toISOString() });
    if (locations.length) await p.locations.ensureMany(tenantId, locations, 'warehouse', new Date().toISOString());
    return tenantId;
  }

  const importFile = (file: string, options: Omit<StockImportOptions, 'actor'>, onProgress?: (r: ImportReport) => void) =>
    importStock(files.importer, createReadStream(file), { actor: 'cli:test', ...options }, onProgress);

  async function exportFile(tenantId: string, format: StockFileFormat, name: string): Promise<string> {
    const file = join(dir, name);
    const sink = createWriteStream(file);
    await exportStock(files.exporter, tenantId, format, sink, { pageItems: 7 });
    sink.end();
    await finished(sink);
    return file;
  }

  /** Every present level of a tenant as `sku@location=onHand`, read back from the database. */
  async function levelsOf(tenantId: string): Promise<string[]> {
    const out: string[] = [];
    for await (const page of files.exporter.levels(tenantId)) {
      for (const { item, location, level } of page) out.push(`${item.sku}@${location.code}=${level.figures.onHand}`);
    }
    return out.sort();
  }

  it('imports a 100,000-line CSV with 1% bad lines: applies the rest and reports each bad line', async () => {
    const tenantId = await newTenant(['WH-0', 'WH-1', 'WH-2']);
    const lines = ['sku,location,onHand,price'];
    const bad: { lineNo: number; field: string }[] = [];
    const kinds = [
      (i: number) => ({ text: `SKU-${i},WH-1,12x,1.00`, field: 'onHand' }),
      (i: number) => ({ text: `SKU-${i},NOWHERE,1,1.00`, field: 'location' }),
      () => ({ text: `${'S'.repeat(201)},WH-1,1,1.00`, field: 'sku' }),
      (i: number) => ({ text: `SKU-${i},WH-1,"5"x,1.00`, field: 'onHand' }),
      (i: number) => ({ text: `SKU-${i},WH-1`, field: 'line' }),
    ];
    for (let i = 0; i < 100_000; i++) {
      if (i % 100 === 37) {
        const { text, field } = kinds[((i / 100) % kinds.length) | 0](i);
        lines.push(text);
        bad.push({ lineNo: lines.length, field });
      } else lines.push(`SKU-${i},WH-${i % 3},${i % 1000},${i % 50}.99`);
    }
    const file = join(dir, 'large.csv');
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);

    const started = process.hrtime.bigint();
    let chunks = 0;
    const report = await importFile(file, { tenantId, format: 'csv', unknownItemPolicy: 'create' }, () => (chunks += 1));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    process.stdout.write(`stock import on ${kind}: 100000 CSV lines in ${seconds.toFixed(1)} s, ${Math.round(100_000 / seconds)} lines/s\n`);

    expect(chunks).toBe(100);
    expect(report).toMatchObject({ dryRun: false, linesRead: 100_000, counts: { applied: 99_000, rejected: 1_000, unchanged: 0 }, problemsOmitted: 0 });
    expect(report.problems.map((x) => ({ lineNo: x.lineNo, field: x.field }))).toEqual(bad);
    expect(report.problems.find((x) => x.field === 'location')).toMatchObject({ code: 'INVENTORY.UNKNOWN_LOCATION', message: 'unknown location NOWHERE' });
    expect(await p.items.count(tenantId)).toBe(99_000);
    const [sample] = await p.items.findItemIds(tenantId, [{ sku: 'SKU-99999' }]);
    const level = (await p.reader.levelsOfItems(tenantId, [sample as string]))[0];
    expect(level.figures.onHand).toBe(999);
    expect(level.details.price).toBe('49.99');
    expect(await p.items.findItemIds(tenantId, [{ sku: 'SKU-37' }, { sku: 'SKU-137' }])).toEqual([null, null]);
  });

  it('validates and reports in a dry run and changes nothing', async () => {
    const tenantId = await newTenant(['WH']);
    const file = join(dir, 'dry.csv');
    writeFileSync(file, 'sku,location,onHand\nA,WH,5\nB,WH,6\n');
    await importFile(file, { tenantId, format: 'csv', unknownItemPolicy: 'create' });
    const before = await levelsOf(tenantId);
    const ledgerBefore = (await p.reader.listLedger(tenantId, {}, { limit: 100, cursor: null })).items.length;

    writeFileSync(file, 'sku,location,onHand,locationKind\nA,WH,5,\nB,WH,60,\nNEW,WH,1,\nA,NEW-STORE,2,store\nC,WH,-x,\n');
    const report = await importFile(file, { tenantId, format: 'csv', unknownItemPolicy: 'create', dryRun: true });

    expect(report).toMatchObject({ dryRun: true, linesRead: 5, counts: { unchanged: 1, applied: 3, rejected: 1 } });
    expect(report.problems).toEqual([{ lineNo: 6, field: 'onHand', code: 'REQUEST.INVALID', message: 'onHand must be a whole number, not "-x"' }]);
    expect(await levelsOf(tenantId)).toEqual(before);
    expect(before).toEqual(['A@WH=5', 'B@WH=6']);
    expect((await p.reader.listLedger(tenantId, {}, { limit: 100, cursor: null })).items).toHaveLength(ledgerBefore);
    expect(await p.items.count(tenantId)).toBe(2);
    expect(await p.locations.findByCodes(tenantId, ['NEW-STORE'])).toEqual([null]);
  });

  it('leaves the same levels when the same file is imported twice; the second run reports unchanged', async () => {
    const tenantId = await newTenant(['WH']);
    const file = join(dir, 'twice.csv');
    writeFileSync(file, 'sku,location,onHand,reserved\nA,WH,5,1\nB,WH,7,0\nC,WH,0,0\n');
    const first = await importFile(file, { tenantId, format: 'csv', unknownItemPolicy: 'create' });
    const levels = await levelsOf(tenantId);
    const second = await importFile(file, { tenantId, format: 'csv', unknownItemPolicy: 'create' });
    expect(first.counts).toMatchObject({ applied: 3, unchanged: 0 });
    expect(second.counts).toMatchObject({ applied: 0, unchanged: 3 });
    expect(await levelsOf(tenantId)).toEqual(levels);
    expect(levels).toEqual(['A@WH=5', 'B@WH=7', 'C@WH=0']);
  });

  it('reports invalid JSON and bad columns of an NDJSON file by line and applies the good lines', async () => {
    const tenantId = await newTenant(['WH']);
    const file = join(dir, 'lines.ndjson');
    const lines = [
      '{"sku":"A","location":"WH","onHand":5}',
      '{"sku":"B","location":"WH","onHand":',
      '{"sku":"C","location":"WH","onHand":1.5}',
      '',
      '{"sku":"D","location":"WH","onHand":3,"colour":"red"}',
      '{"gtin":"036000291452","location":"WH","op":"adjust","delta":4}',
      '{"gtin":"036000291453","location":"WH","onHand":1}',
    ];
    writeFileSync(file, lines.join('\n'));
    const report = await importFile(file, { tenantId, format: 'ndjson', unknownItemPolicy: 'create' });
    expect(report).toMatchObject({ linesRead: 6, counts: { applied: 2, rejected: 4 } });
    expect(report.problems.map(({ lineNo, field, code }) => ({ lineNo, field, code }))).toEqual([
      { lineNo: 2, field: 'line', code: 'REQUEST.INVALID' },
      { lineNo: 3, field: 'onHand', code: 'REQUEST.INVALID' },
      { lineNo: 5, field: 'colour', code: 'REQUEST.INVALID' },
      { lineNo: 7, field: 'gtin', code: 'IDENTIFIER.BAD_CHECK_DIGIT' },
    ]);
    const [gtinItem] = await p.items.findItemIds(tenantId, [{ gtin: '00036000291452' }]);
    expect((await p.reader.levelsOfItems(tenantId, [gtinItem as string]))[0].figures.onHand).toBe(4);
    expect(await levelsOf(tenantId)).toEqual(['A@WH=5', 'null@WH=4']);
  });

  it.each<StockFileFormat>(['csv', 'ndjson'])('reproduces the levels in a fresh tenant from a %s export', async (format) => {
    const source = await newTenant();
    const line = (lineNo: number, item: CanonicalLine['item'], code: string, patch: Record<string, unknown>, at: string | null = null): CanonicalLine => ({
      lineNo,
      item,
      location: { code },
      write: { kind: 'set', patch },
      sourceTimestamp: at,
    });
    const lines: CanonicalLine[] = [
      line(1, { sku: 'TENT, "2P"' }, 'WH-1', { onHand: 12, reserved: 2, safetyStock: 1, price: '19.99', currency: 'USD' }, '2026-01-02T03:04:05.000Z'),
      line(2, { sku: 'TENT, "2P"' }, 'STORE-9', { availableReported: 4, lowStockThreshold: 2, restriction: 'discontinued' }),
      line(3, { gtin: '00036000291452' }, 'WH-1', {
        onHand: -3,
        backorderPolicy: 'backorder',
        incoming: [{ quantity: 5, expectedAt: '2026-02-01', reference: 'PO,1' }],
      }),
      line(4, { partNumber: 'P-9' }, 'WH-1', { infinite: true, binId: 'A\n1', attributes: { colour: 'red, "dark"' }, leadTimeDays: 3 }),
    ];
    await files.importer.run(
      (async function* () {
        for (const l of lines) yield { lineNo: l.lineNo, line: l };
      })(),
      { tenantId: source, actor: 'test', unknownItemPolicy: 'create', createLocationsAs: 'store' },
    );
    for (const i of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
      await files.importer.run(
        (async function* () {
          yield { lineNo: 1, line: line(1, { sku: `FILL-${i}` }, 'WH-1', { onHand: i }) };
        })(),
        { tenantId: source, actor: 'test', unknownItemPolicy: 'create' },
      );
    }
    const exported = await exportFile(source, format, `source.${format}`);

    const copy = await newTenant();
    const report = await importFile(exported, { tenantId: copy, format, unknownItemPolicy: 'create' });
    expect(report.counts).toMatchObject({ applied: 14, rejected: 0 });
    const again = await exportFile(copy, format, `copy.${format}`);
    expect(readFileSync(again, 'utf8')).toEqual(readFileSync(exported, 'utf8'));
    expect(readFileSync(exported, 'utf8').split('\n').length).toBeGreaterThan(14);

    const strip = async (tenantId: string) => {
      const out = [];
      for await (const page of files.exporter.levels(tenantId)) {
        for (const { item, location, level } of page)
          out.push({
            sku: item.sku,
            gtin: item.gtin,
            part: item.partNumber,
            at: location.code,
            kind: location.kind,
            figures: level.figures,
            details: level.details,
            time: level.sourceTimestamp,
          });
      }
      return out;
    };
    expect(await strip(copy)).toEqual(await strip(source));
  });
});
