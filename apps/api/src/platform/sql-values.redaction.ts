// A quoted SQL literal: '…' with '' inside, optionally a blob (X'…') or a PostgreSQL E'…' string.
const QUOTED_LITERAL = /(?:\b[xXeE])?'(?:[^']|'')*'/g;
// What a database driver's message shows of a query: knex inlines every binding into the text.
const SQL_START = /\b(insert into|update|delete from|select|with)\b/i;

/**
 * A failure's text fit for the log: every quoted literal of a SQL statement it quotes (a hash, a
 * name, a stock figure's JSON) replaced by `?`, so the log keeps the statement and the driver's
 * reason but none of the values. Text that quotes no SQL is left as it is.
 */
export function withoutSqlValues(text: string): string {
  if (!SQL_START.test(text)) return text;
  return text.replace(QUOTED_LITERAL, '?');
}
