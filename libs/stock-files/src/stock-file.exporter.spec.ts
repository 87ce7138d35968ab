import { PassThrough } from 'node:stream';
import { ExportStock, ImportStock } from '@tally/inventory-application';
import { createInMemoryTally } from '@tally/testing';
import { readCsvRecords } from './csv-record.reader';
import { exportStock } from './stock-file.exporter';
import { csvCell } from './table-file.writer';
import { EXPORT_COLUMNS } from './stock-file.columns';
import { importStock } from './stock-file.importer';

describe('csvCell', () => {
  it('quotes a field holding a comma, a quote or a line break, doubling its quotes', () => {
    expect(['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\r', 5, true, null, [], {}].map(csvCell)).toEqual([
      'plain',
      '"a,b"',
      '"say ""hi"""',
      '"two\nlines"',
      '"cr\r"',
      '5',
      'true',
      '',
      '',
      '',
    ]);
    expect(csvCell({ colour: 'red, "dark"' })).toBe('"{""colour"":""red, \\""dark\\""""}"');
  });
});

describe('exportStock', () => {
  it('writes a header and one row per level that the CSV reader reads back cell for cell', async () => {
    const tally = createInMemoryTally();
    const options = { tenantId: 't', actor: 'test', format: 'csv', unknownItemPolicy: 'create', createLocationsAs: 'bin' } as const;
    await importStock(new ImportStock(tally.applyBatch, tally.connections), ['sku,location,onHand,binId\n"A,1",WH,5,"x""y"\n'], options);
    const sink = new PassThrough();
    const text: string[] = [];
    sink.on('data', (chunk: Buffer) => text.push(chunk.toString('utf8')));
    const report = await exportStock(new ExportStock(tally.reader, tally.items, tally.locations), 't', 'csv', sink);
    sink.end();
    expect(report).toEqual({ levels: 1 });
    const records = [];
    for await (const record of readCsvRecords([text.join('')])) records.push(record);
    expect(records).toHaveLength(2);
    const [header, row] = records.map((r) => ('fields' in r ? r.fields : []));
    expect(header).toEqual(EXPORT_COLUMNS);
    const cells = Object.fromEntries(header.map((column, i) => [column, row[i]]));
    expect(cells).toMatchObject({ sku: 'A,1', itemId: '', location: 'WH', locationKind: 'bin', onHand: '5', reserved: '0', binId: 'x"y', infinite: 'false' });
  });
});
