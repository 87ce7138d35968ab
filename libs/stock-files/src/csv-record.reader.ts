/** The longest record read; a longer one (an unclosed quote, say) is reported and skipped. */
export const MAX_RECORD_CHARS = 1_000_000;

/** One CSV record: its fields, or why it cannot be read, with the line it starts on (1-based). */
export type CsvRecord =
  | { readonly lineNo: number; readonly fields: string[] }
  | { readonly lineNo: number; readonly error: { readonly fieldIndex: number; readonly message: string } };

// The reader's states. Plain numbers: the closures below change the state, which the compiler's
// narrowing of an enum would not see.
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** A quote inside a quoted field: the field ends, or a second quote makes one quote. */
const QUOTE_IN_QUOTED = 3;
/** The record is bad: everything up to the end of its line is skipped. */
const SKIPPING = 4;

/**
 * Reads RFC 4180 CSV from text chunks, one record at a time, whatever the chunks' boundaries:
 * fields separated by commas, records by CRLF or LF; a field holding a comma, a quote or a line
 * break is quoted, and a quote inside it is doubled. Blank lines are skipped. A record with bad
 * quoting (a quote inside an unquoted field, text after a closing quote, a quote never closed)
 * or longer than `maxRecordChars` is answered as an error naming its field, and reading goes on
 * at the next line, so one bad record never hides the good ones after it.
 */
export async function* readCsvRecords(chunks: AsyncIterable<string> | Iterable<string>, maxRecordChars = MAX_RECORD_CHARS): AsyncGenerator<CsvRecord> {
  let state: number = FIELD_START;
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let chars = 0;
  let error: { fieldIndex: number; message: string } | null = null;
  let pendingCr = false;
  // A record of one empty field is a blank line, unless that field was quoted ("").
  let quotedOnce = false;
  const out: CsvRecord[] = [];

  const endField = () => {
    fields.push(field);
    field = '';
  };
  const endRecord = () => {
    if (error) out.push({ lineNo: start, error });
    else if (!(fields.length === 1 && fields[0] === '' && !quotedOnce)) out.push({ lineNo: start, fields });
    fields = [];
    field = '';
    error = null;
    chars = 0;
    quotedOnce = false;
    state = FIELD_START;
    start = line;
  };
  const fail = (message: string) => {
    error = { fieldIndex: fields.length, message };
    state = SKIPPING;
  };

  for await (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (pendingCr) {
        pendingCr = false;
        if (c !== '\n' && state !== SKIPPING) {
          // A lone CR outside quotes is data of an unquoted field; after a closing quote it is not.
          if (state === QUOTE_IN_QUOTED) fail('text after the closing quote of a field');
          else {
            field += '\r';
            state = UNQUOTED;
          }
        }
      }
      if (c === '\n' && state !== QUOTED) {
        line += 1;
        if (state !== SKIPPING) endField();
        endRecord();
        continue;
      }
      if (state !== SKIPPING && ++chars > maxRecordChars) {
        fail(`the record is longer than ${maxRecordChars} characters`);
        continue;
      }
      switch (state) {
        case SKIPPING:
          break;
        case FIELD_START:
          if (c === '"') {
            state = QUOTED;
            quotedOnce = true;
          } else if (c === ',') endField();
          else if (c === '\r') pendingCr = true;
          else {
            field += c;
            state = UNQUOTED;
          }
          break;
        case UNQUOTED:
          if (c === ',') {
            endField();
            state = FIELD_START;
          } else if (c === '"') fail('a quote inside an unquoted field (quote the whole field and double the quote)');
          else if (c === '\r') pendingCr = true;
          else field += c;
          break;
        case QUOTED:
          if (c === '"') state = QUOTE_IN_QUOTED;
          else {
            if (c === '\n') line += 1;
            field += c;
          }
          break;
        case QUOTE_IN_QUOTED:
          if (c === '"') {
            field += '"';
            state = QUOTED;
          } else if (c === ',') {
            endField();
            state = FIELD_START;
          } else if (c === '\r') pendingCr = true;
          else fail('text after the closing quote of a field');
          break;
      }
    }
    if (out.length > 0) yield* out.splice(0);
  }
  if (state === QUOTED) {
    error = { fieldIndex: fields.length, message: 'a quoted field is never closed' };
    endRecord();
  } else if (state !== FIELD_START || fields.length > 0 || error || quotedOnce) {
    if (state !== SKIPPING) endField();
    endRecord();
  }
  yield* out;
}
