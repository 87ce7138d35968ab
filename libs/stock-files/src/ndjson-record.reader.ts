import { isJsonObject } from '@tally/vendor-kit';
import { MAX_RECORD_CHARS } from './csv-record.reader';

/** One NDJSON line: its object, or why it is not one, with its line number (1-based). */
export type NdjsonRecord =
  { readonly lineNo: number; readonly value: Readonly<Record<string, unknown>> } | { readonly lineNo: number; readonly error: { readonly message: string } };

/**
 * Reads newline-delimited JSON from text chunks: one JSON object per line (LF or CRLF), blank
 * lines skipped. A line that is not a JSON object, or longer than `maxLineChars`, is answered as
 * an error and reading goes on at the next line.
 */
export async function* readNdjsonRecords(chunks: AsyncIterable<string> | Iterable<string>, maxLineChars = MAX_RECORD_CHARS): AsyncGenerator<NdjsonRecord> {
  let pending = '';
  let tooLong = false;
  let lineNo = 1;
  for await (const chunk of chunks) {
    let from = 0;
    for (let end = chunk.indexOf('\n'); end !== -1; end = chunk.indexOf('\n', from)) {
      const text = pending + chunk.slice(from, end);
      pending = '';
      from = end + 1;
      const record = tooLong || text.length > maxLineChars ? tooLongRecord(lineNo, maxLineChars) : recordOf(lineNo, text);
      tooLong = false;
      lineNo += 1;
      if (record) yield record;
    }
    if (!tooLong) pending += chunk.slice(from);
    // A line without its end is not kept past the limit: it is reported once its end comes.
    if (pending.length > maxLineChars) {
      tooLong = true;
      pending = '';
    }
  }
  const last = tooLong ? tooLongRecord(lineNo, maxLineChars) : recordOf(lineNo, pending);
  if (last) yield last;
}

function tooLongRecord(lineNo: number, max: number): NdjsonRecord {
  return { lineNo, error: { message: `the line is longer than ${max} characters` } };
}

function recordOf(lineNo: number, text: string): NdjsonRecord | null {
  const trimmed = text.endsWith('\r') ? text.slice(0, -1) : text;
  if (trimmed.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    // The parser's message quotes the line; the report does not echo it.
    return { lineNo, error: { message: 'the line is not valid JSON' } };
  }
  if (!isJsonObject(value)) return { lineNo, error: { message: 'the line must be a JSON object' } };
  return { lineNo, value };
}
