import type { DatabaseKind, SqlScalar, SqlSession, SqlValue } from './sql-session';

/** The SQL type of a bulk column, for PostgreSQL's typed arrays. */
export type BulkType = 'text' | 'int' | 'bigint' | 'bool';

/** A column of a multi-row statement. */
export interface BulkColumn {
  readonly name: string;
  readonly type: BulkType;
}

/** Declares bulk columns tersely: `columns('tenant_id:text', 'version:int')`. */
export function columns(...specs: string[]): BulkColumn[] {
  return specs.map((spec) => {
    const [name, type] = spec.split(':');
    return { name, type: type as BulkType };
  });
}

/** The column names of a bulk column list, comma-separated. */
export const names = (cols: readonly BulkColumn[]): string => cols.map((c) => c.name).join(', ');

/** Bound values per SQLite statement stay below its 32,766 limit. */
export const MAX_BINDINGS = 30_000;
// PostgreSQL binds one array per column; chunks only bound the size of one statement.
const PG_MAX_ROWS = 10_000;

/** Splits rows into chunks whose statements stay under the binding limit. */
export function chunksOf<T>(kind: DatabaseKind, rows: readonly T[], width: number): T[][] {
  const size = kind === 'postgresql' ? PG_MAX_ROWS : Math.max(1, Math.floor(MAX_BINDINGS / Math.max(1, width)));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

const valuesTexts = new Map<string, string>();

function sqliteValues(width: number, count: number): string {
  const key = `${width}x${count}`;
  let text = valuesTexts.get(key);
  if (text === undefined) {
    const row = `(${new Array(width).fill('?').join(', ')})`;
    text = `VALUES ${new Array(count).fill(row).join(', ')}`;
    if (valuesTexts.size > 500) valuesTexts.clear();
    valuesTexts.set(key, text);
  }
  return text;
}

/**
 * A source of rows usable as `INSERT INTO t (cols) <source>` or `WITH k(cols) AS (<source>)`:
 * a multi-row `VALUES` on SQLite, `SELECT ... FROM unnest(<one typed array per column>)` on
 * PostgreSQL (one short statement text whatever the row count). On PostgreSQL a column with
 * the same value in every row (the tenant, the time, the actor...) is bound once as a scalar
 * instead of as an array: less to escape in node-postgres and to parse in the server.
 */
export function rowsSource(kind: DatabaseKind, cols: readonly BulkColumn[], rows: readonly (readonly SqlScalar[])[]): { sql: string; params: SqlValue[] } {
  if (kind === 'sqlite') {
    const params: SqlScalar[] = [];
    for (const row of rows) for (const value of row) params.push(value);
    return { sql: sqliteValues(cols.length, rows.length), params };
  }
  const select: string[] = [];
  const scalars: SqlValue[] = [];
  const arrays: SqlValue[] = [];
  const unnested: string[] = [];
  cols.forEach((col, i) => {
    const first = rows[0]?.[i] ?? null;
    const constant = rows.length > 1 && rows.every((row) => row[i] === first);
    // At least one array drives the row count.
    if (constant && (unnested.length > 0 || i < cols.length - 1)) {
      select.push(`?::${PG_TYPES[col.type]}`);
      scalars.push(first);
    } else {
      select.push(`u.c${i}`);
      unnested.push(`?::${PG_TYPES[col.type]}[]`);
      arrays.push(rows.map((row) => row[i]));
    }
  });
  const aliases = select.filter((s) => s.startsWith('u.')).map((s) => s.slice(2));
  return {
    sql: `SELECT ${select.join(', ')} FROM unnest(${unnested.join(', ')}) AS u(${aliases.join(', ')})`,
    params: [...scalars, ...arrays],
  };
}

const PG_TYPES: Record<BulkType, string> = { text: 'text', int: 'integer', bigint: 'bigint', bool: 'boolean' };

/** A statement ready to run. */
export interface SqlStatement {
  readonly sql: string;
  readonly params: SqlValue[];
}

/** The `INSERT INTO <table> (cols) <rows> <suffix>` statements of `rows`, one per chunk. */
export function insertStatements(
  kind: DatabaseKind,
  table: string,
  cols: readonly BulkColumn[],
  rows: readonly (readonly SqlScalar[])[],
  suffix = '',
): SqlStatement[] {
  return chunksOf(kind, rows, cols.length).map((chunk) => {
    const source = rowsSource(kind, cols, chunk);
    return { sql: `INSERT INTO ${table} (${names(cols)}) ${source.sql} ${suffix}`, params: source.params };
  });
}

/** Runs statements in order and answers the rows they affected in total. */
export async function runStatements(session: SqlSession, statements: readonly SqlStatement[]): Promise<number> {
  let affected = 0;
  for (const statement of statements) affected += await session.run(statement.sql, statement.params);
  return affected;
}

/**
 * Runs `INSERT INTO <table> (cols) <rows> <suffix>` over chunks of rows and answers the rows
 * affected in total.
 */
export function insertRows(
  session: SqlSession,
  table: string,
  cols: readonly BulkColumn[],
  rows: readonly (readonly SqlScalar[])[],
  suffix = '',
): Promise<number> {
  return runStatements(session, insertStatements(session.kind, table, cols, rows, suffix));
}

/** A keyed lookup: for each key row `k`, the rows of `from` that match `where`. */
export interface KeyedLookup {
  /** Result columns, qualified by the aliases of `from`; their names must be distinct. */
  readonly select: string;
  /** Tables with aliases, e.g. `stock_levels s`. */
  readonly from: string;
  /** The match, referring to the key columns as `k.<name>`. */
  readonly where: string;
  /** A PostgreSQL locking clause, e.g. `FOR UPDATE`. */
  readonly lock?: string;
  /** Output column names to sort each chunk by. */
  readonly orderBy?: string;
}

/**
 * Runs a keyed lookup over chunks of keys with one statement per chunk, as one index probe per
 * key whatever the planner's statistics say: SQLite's `CROSS JOIN` keeps the keys as the outer
 * loop; PostgreSQL runs a `LATERAL` subquery per key (OFFSET 0 keeps it from being flattened
 * into a hash join that would scan the whole tenant), which also locks rows in key order.
 * `params` bind the placeholders of `where` (the tenant, usually).
 */
export async function selectByKeys<R>(
  session: SqlSession,
  keyCols: readonly BulkColumn[],
  keys: readonly (readonly SqlScalar[])[],
  lookup: KeyedLookup,
  params: readonly SqlValue[],
): Promise<R[]> {
  const out: R[] = [];
  const order = lookup.orderBy ? ` ORDER BY ${lookup.orderBy}` : '';
  for (const chunk of chunksOf(session.kind, keys, keyCols.length + params.length)) {
    const source = rowsSource(session.kind, keyCols, chunk);
    const sql =
      session.kind === 'sqlite'
        ? `WITH k(${names(keyCols)}) AS (${source.sql}) SELECT ${lookup.select} FROM k CROSS JOIN ${lookup.from} WHERE ${lookup.where}${order}`
        : `SELECT x.* FROM (${source.sql}) AS k(${names(keyCols)}) CROSS JOIN LATERAL (SELECT ${lookup.select} FROM ${lookup.from}
           WHERE ${lookup.where} OFFSET 0 ${lookup.lock ?? ''}) x${order}`;
    const rows = await session.all<R>(sql, [...source.params, ...params]);
    for (const row of rows) out.push(row);
  }
  return out;
}
