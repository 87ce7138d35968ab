import { BaseSqlitePlatform } from '@mikro-orm/knex';
import { Migration } from '@mikro-orm/migrations';
import { INITIAL_TABLES_DEPENDENTS_FIRST, initialSchemaStatements } from './initial-schema.ddl';

/** Creates Tally's tables and indexes, in the dialect of the database it runs on. */
export class InitialSchemaMigration extends Migration {
  override up(): void {
    const kind = this.driver.getPlatform() instanceof BaseSqlitePlatform ? 'sqlite' : 'postgresql';
    for (const sql of initialSchemaStatements(kind)) this.addSql(sql);
  }

  override down(): void {
    for (const table of INITIAL_TABLES_DEPENDENTS_FIRST) this.addSql(`drop table if exists ${table}`);
  }
}
