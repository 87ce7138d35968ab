import { BaseSqlitePlatform } from '@mikro-orm/knex';
import { Migration } from '@mikro-orm/migrations';

/**
 * Adds `auth_failures`: the failed authentications of every API process on a PostgreSQL database,
 * each with its client address, the digest the throttle counts the credential by (never the
 * credential), its time and the process that saw it (ADR 0057). `recorded_at` is the database's
 * clock, so processes pull by one clock; rows older than the throttle's window are swept. Created
 * on SQLite too, where one process keeps its failures in memory and never writes it.
 */
export class AuthFailuresMigration extends Migration {
  override up(): void {
    const sqlite = this.driver.getPlatform() instanceof BaseSqlitePlatform;
    const c = sqlite ? '' : ' collate "C"';
    const dbNow = sqlite ? "(cast((julianday('now') - 2440587.5) * 86400000 as integer))" : '((extract(epoch from now()) * 1000)::bigint)';
    this.addSql(
      `create table auth_failures (
        id ${sqlite ? 'integer primary key autoincrement' : 'bigserial primary key'},
        address varchar(100)${c} not null,
        credential varchar(64)${c} null,
        failed_at bigint not null,
        process varchar(36)${c} not null,
        recorded_at bigint not null default ${dbNow})`,
    );
    this.addSql('create index auth_failures_recorded_idx on auth_failures (recorded_at)');
  }

  override down(): void {
    this.addSql('drop table if exists auth_failures');
  }
}
