import { BaseSqlitePlatform } from '@mikro-orm/knex';
import { Migration } from '@mikro-orm/migrations';

/**
 * Adds `rate_windows`: the current fixed window of requests per scope and subject (a digest, never
 * a secret), so a vendor's documented rate holds across every API process on a PostgreSQL
 * database. One row per subject, rewritten as windows pass; stale rows are purged.
 */
export class RateWindowsMigration extends Migration {
  override up(): void {
    const c = this.driver.getPlatform() instanceof BaseSqlitePlatform ? '' : ' collate "C"';
    this.addSql(
      `create table rate_windows (
        scope varchar(32)${c} not null,
        subject varchar(128)${c} not null,
        window_start bigint not null,
        hits integer not null,
        primary key (scope, subject))`,
    );
    this.addSql('create index rate_windows_start_idx on rate_windows (window_start)');
  }

  override down(): void {
    this.addSql('drop table if exists rate_windows');
  }
}
