import { ImportStock, type ImportReport } from '@tally/inventory-application';
import { createInMemoryTally, type InMemoryTally } from '@tally/testing';
import { importStock } from './stock-file.importer';
import type { StockFileFormat } from './stock-file.columns';

const T = 'tenant-a';

describe('importStock', () => {
  let tally: InMemoryTally;
  beforeEach(() => (tally = createInMemoryTally()));

  const run = (format: StockFileFormat, text: string | Buffer[], dryRun = false): Promise<ImportReport> =>
    importStock(new ImportStock(tally.applyBatch, tally.connections), typeof text === 'string' ? [text] : text, {
      tenantId: T,
      actor: 'cli:test',
      format,
      dryRun,
      unknownItemPolicy: 'create',
      createLocationsAs: 'warehouse',
    });
  const problemsOf = (report: ImportReport) => report.problems.map(({ lineNo, field, message }) => `${lineNo} ${field}: ${message}`);

  it('reads every column of a set line from CSV, as the canonical API takes them', async () => {
    const header =
      'sku,gtin,name,location,locationKind,onHand,reserved,infinite,restriction,lowStockThreshold,price,currency,incoming,attributes,sourceTimestamp';
    const row =
      'A,036000291452,Tent,WH,store,5,1,false,discontinued,2,19.99,USD,"[{""quantity"":3,""expectedAt"":""2026-02-01""}]","{""colour"":""red""}",2026-01-01T00:00:00Z';
    const report = await run('csv', `${header}\n${row}\n`);
    expect(problemsOf(report)).toEqual([]);
    const [level] = [...tally.store.tables(T).levels.values()];
    expect(level.figures).toMatchObject({ onHand: 5, reserved: 1, infinite: false, restriction: 'discontinued', lowStockThreshold: 2 });
    expect(level.details).toMatchObject({
      price: '19.99',
      currency: 'USD',
      incoming: [{ quantity: 3, expectedAt: '2026-02-01', reference: null }],
      attributes: { colour: 'red' },
    });
    expect(tally.items.items[0]).toMatchObject({ sku: 'A', gtin: '00036000291452', name: 'Tent' });
    expect(tally.locations.locations[0]).toMatchObject({ code: 'WH', kind: 'store' });
  });

  it('names the field and the problem of each bad CSV line, and applies the others', async () => {
    const lines = [
      'sku,location,onHand,op,delta',
      'A,WH,5,,',
      'B,WH,,adjust,1.5',
      `${'S'.repeat(201)},WH,1,,`,
      'C,WH,1000000001,,',
      'D,,1,,',
      'E,WH,1,adjust,2',
      'F,WH,,,',
      'G,WH,1,remove,',
      'H,WH,"1"2,,',
      'I,WH,1,sell,',
      'J\u0000,WH,1,,',
      'K,WH,,adjust,3',
    ];
    const report = await run('csv', lines.join('\r\n'));
    expect(problemsOf(report)).toEqual([
      '3 delta: delta must be a whole number, not "1.5"',
      '4 sku: sku is longer than 200 characters',
      '5 onHand: onHand must be between -1000000000 and 1000000000',
      '6 location: location (the location code) is required',
      '7 onHand: onHand does not go with op adjust',
      '8 line: a set line names at least one figure or detail (onHand, say)',
      '9 onHand: onHand does not go with op remove',
      '10 onHand: text after the closing quote of a field',
      '11 op: op must be one of set, adjust, remove',
      '12 sku: sku must not contain a NUL character (U+0000)',
    ]);
    expect(report.counts).toMatchObject({ applied: 2, rejected: 10 });
  });

  it('refuses a header with an unknown or repeated column, or without item or location, before applying anything', async () => {
    await expect(run('csv', 'sku,location,colour\nA,WH,red\n')).rejects.toMatchObject({
      code: 'REQUEST.INVALID',
      field: 'header',
      message: expect.stringContaining('unknown column "colour"'),
    });
    await expect(run('csv', 'sku,location,sku\n')).rejects.toMatchObject({ field: 'header', message: 'column sku is named twice' });
    await expect(run('csv', 'location,onHand\n')).rejects.toMatchObject({ field: 'header', message: expect.stringContaining('no item column') });
    await expect(run('csv', 'sku,onHand\n')).rejects.toMatchObject({ field: 'header', message: 'the header names no location column' });
    await expect(run('csv', '')).rejects.toMatchObject({ field: 'header', message: expect.stringContaining('the file is empty') });
    expect(tally.items.items).toHaveLength(0);
  });

  it('reads NDJSON values as JSON types: a quantity in quotes is not a number, null clears a nullable field', async () => {
    const lines = [
      '{"sku":"A","location":"WH","onHand":5,"lowStockThreshold":3}',
      '{"sku":"A","location":"WH","onHand":"6"}',
      '{"sku":"A","location":"WH","lowStockThreshold":null}',
      '{"itemId":"x","sku":"A","location":"WH","onHand":1}',
      '{"sku":"A","location":"WH","reserved":null}',
      '"just text"',
    ];
    const report = await run('ndjson', lines.join('\n'));
    expect(problemsOf(report)).toEqual([
      '2 onHand: onHand must be a whole number',
      '4 itemId: itemId names the item alone: give no other identifier with it',
      '5 reserved: reserved may not be null',
      '6 line: the line must be a JSON object',
    ]);
    const [level] = [...tally.store.tables(T).levels.values()];
    expect(level.figures).toMatchObject({ onHand: 5, lowStockThreshold: null });
  });

  it('decodes UTF-8 split across chunks and drops a byte order mark', async () => {
    const bytes = Buffer.from('\uFEFFsku,location,onHand\nTÉNT-ü,WH,1\n', 'utf8');
    const chunks = Array.from(bytes, (b) => Buffer.from([b]));
    const report = await run('csv', chunks);
    expect(report.counts.applied).toBe(1);
    expect(tally.items.items[0].sku).toBe('TÉNT-ü');
  });
});
