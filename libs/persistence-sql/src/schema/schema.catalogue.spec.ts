import { recordSchema } from '../records/record-schema.factory';
import { RECORD_SCHEMAS } from '../records';
import { DATABASE_KINDS, openTestContext, type TestContext } from '../persistence-test.spec-helper';
import type { Persistence } from '../persistence.factory';
import { columnsOf, columnSpec, MIGRATIONS_TABLE, SCHEMA, type TableName } from './schema.catalogue';

jest.setTimeout(60_000);

/** `table.column` of every column of the migrated database, with `?` after a nullable one. */
async function migratedColumns(p: Persistence): Promise<string[]> {
  const connection = p.orm.em.getConnection();
  if (p.databaseKind === 'sqlite') {
    const tables: { name: string }[] = await connection.execute(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> ?",
      [MIGRATIONS_TABLE],
    );
    const out: string[] = [];
    for (const { name } of tables) {
      const columns: { name: string; notnull: number; pk: number }[] = await connection.execute(`PRAGMA table_info(${name})`);
      // SQLite lets a non-INTEGER primary key column hold NULL unless declared NOT NULL; the key is what counts.
      out.push(...columns.map((c) => `${name}.${c.name}${c.notnull || c.pk ? '' : '?'}`));
    }
    return out.sort();
  }
  const rows: { table_name: string; column_name: string; is_nullable: string }[] = await connection.execute(
    'SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = current_schema() AND table_name <> ?',
    [MIGRATIONS_TABLE],
  );
  return rows.map((r) => `${r.table_name}.${r.column_name}${r.is_nullable === 'YES' ? '?' : ''}`).sort();
}

const cataloguedColumns = (): string[] =>
  (Object.keys(SCHEMA) as TableName[])
    .flatMap((table) => columnsOf(table).map((column) => `${table}.${column}${columnSpec(table, column).nullable ? '?' : ''}`))
    .sort();

describe.each(DATABASE_KINDS)('schema catalogue on %s', (kind) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await openTestContext(kind);
  });
  afterAll(() => ctx?.dispose());

  it('names exactly the tables and columns (and which may be null) of the migrated database', async () => {
    expect(await migratedColumns(ctx.p)).toEqual(cataloguedColumns());
  });

  it("maps each record entity onto its catalogued table's columns", () => {
    for (const schema of RECORD_SCHEMAS) {
      // The ORM's discovered metadata: what it reads and writes, after its naming strategy.
      const meta = ctx.p.orm.getMetadata().get(schema.meta.className);
      const table = meta.tableName as TableName;
      expect(Object.keys(SCHEMA)).toContain(table);
      const fields = Object.values(meta.properties).flatMap((p) => p.fieldNames ?? []);
      expect(fields.sort()).toEqual([...columnsOf(table)].sort());
    }
  });
});

describe('record schemas', () => {
  it('refuse, at compile time, a record class that misses a catalogued column or has one too many', () => {
    class TooFew {
      id!: string;
    }
    class TooMany {
      id!: string;
      name!: string;
      createdAt!: string;
      colour!: string;
    }
    // @ts-expect-error name and createdAt are catalogued columns of tenants
    expect(() => recordSchema(TooFew, 'tenants', {})).not.toThrow();
    // @ts-expect-error colour is no column of tenants
    expect(() => recordSchema(TooMany, 'tenants', {})).not.toThrow();
  });
});
