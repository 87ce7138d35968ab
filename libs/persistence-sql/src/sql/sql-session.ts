import type { Database, Statement } from 'better-sqlite3';
import type { ClientBase, QueryConfig } from 'pg';

/** Which database engine a persistence instance runs on. */
export type DatabaseKind = 'sqlite' | 'postgresql';

/** One value bound to a statement parameter. */
export type SqlScalar = string | number | bigint | boolean | null;

/** A bound value: a scalar, or an array (PostgreSQL `unnest` parameters only). */
export type SqlValue = SqlScalar | readonly SqlScalar[];

/**
 * One database connection, inside a transaction or not. Statements use `?` placeholders on
 * both databases; this is the only door of the batched SQL paths to the database.
 */
export interface SqlSession {
  readonly kind: DatabaseKind;
  /** Runs a statement that returns rows. */
  all<R = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<R[]>;
  /** Runs a statement and answers how many rows it inserted, updated or deleted. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

// Multi-row statements differ by row count: group-committed calls come in every size from 1 to
// ~50, times ten statements per batch, and a smaller cache evicted them before their next use.
const STATEMENT_CACHE_SIZE = 1000;
const statementCaches = new WeakMap<Database, Map<string, Statement>>();

// better-sqlite3 binds neither booleans nor arrays. Most statements bind no boolean, and their
// parameters (hundreds in a multi-row statement) are then bound as they are, not copied.
const sqliteValue = (v: SqlValue): SqlScalar => (typeof v === 'boolean' ? (v ? 1 : 0) : (v as SqlScalar));
const sqliteValues = (params: readonly SqlValue[]): readonly SqlValue[] => (params.some((v) => typeof v === 'boolean') ? params.map(sqliteValue) : params);

/**
 * A better-sqlite3 connection with a per-connection cache of prepared statements: batches of
 * the same size reuse the same multi-row statement instead of parsing it again.
 */
export class SqliteSession implements SqlSession {
  readonly kind = 'sqlite' as const;

  constructor(private readonly db: Database) {}

  async all<R>(sql: string, params: readonly SqlValue[] = []): Promise<R[]> {
    return this.prepare(sql).all(sqliteValues(params)) as R[];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    const statement = this.prepare(sql);
    const values = sqliteValues(params);
    if (statement.reader) return statement.all(values).length;
    return statement.run(values).changes;
  }

  private prepare(sql: string): Statement {
    let cache = statementCaches.get(this.db);
    if (!cache) statementCaches.set(this.db, (cache = new Map()));
    const cached = cache.get(sql);
    if (cached) {
      // Re-inserting keeps the map in least-recently-used order.
      cache.delete(sql);
      cache.set(sql, cached);
      return cached;
    }
    const statement = this.db.prepare(sql);
    cache.set(sql, statement);
    if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    return statement;
  }
}

const pgTexts = new Map<string, string>();

/** Rewrites `?` placeholders to PostgreSQL's `$1, $2, ...` (our SQL has no `?` elsewhere). */
export function toPgPlaceholders(sql: string): string {
  const cached = pgTexts.get(sql);
  if (cached !== undefined) return cached;
  let n = 0;
  const text = sql.replace(/\?/g, () => `$${++n}`);
  if (pgTexts.size > 1000) pgTexts.clear();
  pgTexts.set(sql, text);
  return text;
}

/** Uses of a statement text after which it is prepared by name (see {@link pgQuery}). */
const NAME_AFTER_USES = 3;
/** Most statement texts prepared by name per process: each connection keeps its own plan of each. */
const MAX_NAMED_STATEMENTS = 500;
const textUses = new Map<string, number>();
const statementNames = new Map<string, string>();

/**
 * A query for node-postgres: a statement run often is prepared by name, so each connection
 * parses and plans it once and then only binds and executes it; others stay unnamed (parsed on
 * every run). Multi-row statements come in every row count, so a text is named only from its
 * {@link NAME_AFTER_USES}th use, and at most {@link MAX_NAMED_STATEMENTS} texts ever are: a
 * server session keeps every statement prepared on it until it ends.
 */
export function pgQuery(sql: string, params: readonly SqlValue[]): QueryConfig {
  const text = toPgPlaceholders(sql);
  const values = params as unknown[];
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    const uses = (textUses.get(text) ?? 0) + 1;
    if (uses < NAME_AFTER_USES) {
      if (textUses.size >= MAX_NAMED_STATEMENTS * 4) textUses.clear();
      textUses.set(text, uses);
    } else {
      textUses.delete(text);
      name = `tally_${statementNames.size + 1}`;
      statementNames.set(text, name);
    }
  }
  return name === undefined ? { text, values } : { name, text, values };
}

/** A node-postgres connection. */
export class PgSession implements SqlSession {
  readonly kind = 'postgresql' as const;

  constructor(private readonly client: ClientBase) {}

  async all<R>(sql: string, params: readonly SqlValue[] = []): Promise<R[]> {
    const result = await this.client.query(pgQuery(sql, params));
    return result.rows as R[];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    const result = await this.client.query(pgQuery(sql, params));
    return result.rowCount ?? 0;
  }
}
