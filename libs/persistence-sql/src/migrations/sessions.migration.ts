import { BaseSqlitePlatform } from '@mikro-orm/knex';
import { Migration } from '@mikro-orm/migrations';

/**
 * Adds `sessions`: console sessions in the database, so every API process behind a load balancer
 * sees them, kept as digests of their tokens. Indexed by key and by tenant (each keeps only its
 * newest) and by when they end (the purge).
 */
export class SessionsMigration extends Migration {
  override up(): void {
    // Byte-order collation on PostgreSQL, as in the initial schema: digests and times are compared as bytes.
    const c = this.driver.getPlatform() instanceof BaseSqlitePlatform ? '' : ' collate "C"';
    this.addSql(
      `create table sessions (
        session_digest varchar(128)${c} primary key,
        tenant_id varchar(64)${c} not null references tenants (id),
        key_id varchar(64)${c} not null references api_keys (id),
        created_at varchar(40)${c} not null,
        last_seen_at varchar(40)${c} not null,
        idle_until varchar(40)${c} not null,
        expires_at varchar(40)${c} not null)`,
    );
    this.addSql('create index sessions_key_idx on sessions (key_id, created_at)');
    this.addSql('create index sessions_tenant_idx on sessions (tenant_id, created_at)');
    this.addSql('create index sessions_idle_idx on sessions (idle_until)');
  }

  override down(): void {
    this.addSql('drop table if exists sessions');
  }
}
