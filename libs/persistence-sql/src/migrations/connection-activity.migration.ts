import { BaseSqlitePlatform } from '@mikro-orm/knex';
import { Migration } from '@mikro-orm/migrations';

/**
 * Adds `connection_activity` (one row per connection: last seen, last error) and
 * `connection_error_hours` (refusals per connection and UTC hour), written by every API process
 * at most every few seconds (ADR 0063). Separate from `connections`, whose rows authentication
 * reads: activity writes never lock them.
 */
export class ConnectionActivityMigration extends Migration {
  override up(): void {
    // Byte-order collation on PostgreSQL, as in the initial schema: ids and times are compared as bytes.
    const c = this.driver.getPlatform() instanceof BaseSqlitePlatform ? '' : ' collate "C"';
    this.addSql(
      `create table connection_activity (
        connection_id varchar(64)${c} primary key,
        tenant_id varchar(64)${c} not null,
        last_seen_at varchar(40)${c} null,
        last_error_at varchar(40)${c} null,
        last_error_status integer null,
        last_error_code varchar(100)${c} null,
        last_error_message varchar(400) null,
        last_error_source varchar(20)${c} null)`,
    );
    this.addSql('create index connection_activity_tenant_idx on connection_activity (tenant_id)');
    this.addSql(
      `create table connection_error_hours (
        connection_id varchar(64)${c} not null,
        hour varchar(40)${c} not null,
        tenant_id varchar(64)${c} not null,
        errors integer not null,
        primary key (connection_id, hour))`,
    );
    this.addSql('create index connection_error_hours_tenant_idx on connection_error_hours (tenant_id, hour)');
    this.addSql('create index connection_error_hours_hour_idx on connection_error_hours (hour)');
  }

  override down(): void {
    this.addSql('drop table if exists connection_error_hours');
    this.addSql('drop table if exists connection_activity');
  }
}
