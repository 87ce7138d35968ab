import { readCsvRecords, type CsvRecord } from './csv-record.reader';

async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function read(text: string, size = text.length || 1, max?: number): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const record of readCsvRecords(chunked(text, size), max)) out.push(record);
  return out;
}

describe('readCsvRecords (RFC 4180)', () => {
  const doc = 'sku,location,name\r\nA,WH,"Tent, 2 people"\r\n\r\nB,WH,"say ""hi"""\nC,WH,"two\r\nlines"\n"",WH,\n';
  const expected: CsvRecord[] = [
    { lineNo: 1, fields: ['sku', 'location', 'name'] },
    { lineNo: 2, fields: ['A', 'WH', 'Tent, 2 people'] },
    { lineNo: 4, fields: ['B', 'WH', 'say "hi"'] },
    { lineNo: 5, fields: ['C', 'WH', 'two\r\nlines'] },
    { lineNo: 7, fields: ['', 'WH', ''] },
  ];

  it('reads quoted commas, doubled quotes, line breaks in quotes, CRLF and LF, and skips blank lines', async () => {
    expect(await read(doc)).toEqual(expected);
  });

  it('reads the same records whatever the chunk boundaries', async () => {
    for (const size of [1, 2, 3, 7]) expect(await read(doc, size)).toEqual(expected);
  });

  it('reads a last record without a line end', async () => {
    expect(await read('a,b\nc,d')).toEqual([
      { lineNo: 1, fields: ['a', 'b'] },
      { lineNo: 2, fields: ['c', 'd'] },
    ]);
  });

  it('reports bad quoting with the line and field, and goes on at the next line', async () => {
    const records = await read('a,b\nx,y"z\n"p"q,r\nok,1\n"open,2\n');
    expect(records).toEqual([
      { lineNo: 1, fields: ['a', 'b'] },
      { lineNo: 2, error: { fieldIndex: 1, message: expect.stringContaining('quote inside an unquoted field') } },
      { lineNo: 3, error: { fieldIndex: 0, message: 'text after the closing quote of a field' } },
      { lineNo: 4, fields: ['ok', '1'] },
      { lineNo: 5, error: { fieldIndex: 0, message: 'a quoted field is never closed' } },
    ]);
  });

  it('reports a record longer than the limit and reads the next line', async () => {
    const records = await read(`a,b\n${'x'.repeat(50)},y\nc,d\n`, 8, 20);
    expect(records).toEqual([
      { lineNo: 1, fields: ['a', 'b'] },
      { lineNo: 2, error: { fieldIndex: 0, message: 'the record is longer than 20 characters' } },
      { lineNo: 3, fields: ['c', 'd'] },
    ]);
  });
});
