import { BaseSqlitePlatform } from '@mikro-orm/knex';
import { Migration } from '@mikro-orm/migrations';

/** Adds `access_tokens`: digests of the short-lived tokens vendor clients log in for. */
export class AccessTokensMigration extends Migration {
  override up(): void {
    // Byte-order collation on PostgreSQL, as in the initial schema: digests are compared as bytes.
    const collate = this.driver.getPlatform() instanceof BaseSqlitePlatform ? '' : ' collate "C"';
    this.addSql(
      `create table access_tokens (
        token_digest varchar(128)${collate} primary key,
        tenant_id varchar(64)${collate} not null references tenants (id),
        connection_id varchar(64)${collate} not null references connections (id),
        issued_at varchar(40)${collate} not null,
        expires_at varchar(40)${collate} not null)`,
    );
    this.addSql('create index access_tokens_expiry_idx on access_tokens (expires_at)');
  }

  override down(): void {
    this.addSql('drop table if exists access_tokens');
  }
}
