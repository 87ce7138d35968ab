import { Writable } from 'node:stream';
import { csvRow, writeTableFile, type TableRecord } from './table-file.writer';

/** A sink that takes a few bytes at a time and drains later, so a writer that ignores back-pressure overruns it. */
function slowSink(): { sink: Writable; text: () => string; overruns: () => number } {
  const chunks: string[] = [];
  let overruns = 0;
  const sink = new Writable({
    highWaterMark: 4,
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      setImmediate(done);
    },
  });
  const write = sink.write.bind(sink);
  sink.write = ((chunk: string) => {
    if (sink.writableNeedDrain) overruns += 1;
    return write(chunk);
  }) as typeof sink.write;
  return { sink, text: () => chunks.join(''), overruns: () => overruns };
}

async function* pagesOf(...pages: TableRecord[][]): AsyncGenerator<TableRecord[]> {
  for (const page of pages) yield page;
}

describe('writeTableFile', () => {
  it('writes a CSV header and each record in the columns’ order, empty cells for absent values, quoting where needed', async () => {
    const { sink, text, overruns } = slowSink();
    const n = await writeTableFile(sink, 'csv', ['a', 'b'], pagesOf([{ b: 1, a: 'x,y' }], [], [{ a: null }, { a: 'say "hi"', b: false }]));
    expect(n).toBe(3);
    expect(text()).toBe('a,b\r\n"x,y",1\r\n,\r\n"say ""hi""",false\r\n');
    expect(overruns()).toBe(0);
  });

  it('writes NDJSON records as they are, and nothing at all for no record', async () => {
    const { sink, text } = slowSink();
    expect(await writeTableFile(sink, 'ndjson', ['a'], pagesOf([{ a: 1, b: null }]))).toBe(1);
    expect(text()).toBe('{"a":1,"b":null}\n');
    const empty = slowSink();
    expect(await writeTableFile(empty.sink, 'ndjson', ['a'], pagesOf())).toBe(0);
    expect(empty.text()).toBe('');
  });

  it('leaves columns a record does not name empty', () => {
    expect(csvRow(['a', 'b', 'c'], { b: 2 })).toBe(',2,\r\n');
  });
});
