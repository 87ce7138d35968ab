import { readNdjsonRecords, type NdjsonRecord } from './ndjson-record.reader';

async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function read(text: string, size: number, max?: number): Promise<NdjsonRecord[]> {
  const out: NdjsonRecord[] = [];
  for await (const record of readNdjsonRecords(chunked(text, size), max)) out.push(record);
  return out;
}

describe('readNdjsonRecords', () => {
  it('reads one object per line, CRLF or LF, skipping blank lines, whatever the chunks', async () => {
    const doc = '{"sku":"A"}\r\n\n{"sku":"B"}\n{"sku":"C"}';
    for (const size of [1, 4, doc.length]) {
      expect(await read(doc, size)).toEqual([
        { lineNo: 1, value: { sku: 'A' } },
        { lineNo: 3, value: { sku: 'B' } },
        { lineNo: 4, value: { sku: 'C' } },
      ]);
    }
  });

  it('reports invalid JSON, a value that is not an object, and a line too long, and goes on', async () => {
    const doc = `{"sku":\n[1]\n{"sku":"${'x'.repeat(40)}"}\n{"sku":"D"}\n`;
    expect(await read(doc, 5, 30)).toEqual([
      { lineNo: 1, error: { message: 'the line is not valid JSON' } },
      { lineNo: 2, error: { message: 'the line must be a JSON object' } },
      { lineNo: 3, error: { message: 'the line is longer than 30 characters' } },
      { lineNo: 4, value: { sku: 'D' } },
    ]);
  });
});
