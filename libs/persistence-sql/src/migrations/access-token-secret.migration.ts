import { BaseSqlitePlatform } from '@mikro-orm/knex';
import { Migration } from '@mikro-orm/migrations';

/**
 * Which secret obtained each access token (`secret_rotated_at`: the connection's `rotated_at`
 * when it was issued), so that rotating a connection's secret ends the tokens of the old one.
 * Tokens issued before this migration have none: on a connection rotated before, they end now.
 * An index by connection lets a login keep only the connection's newest tokens.
 */
export class AccessTokenSecretMigration extends Migration {
  override up(): void {
    const c = this.driver.getPlatform() instanceof BaseSqlitePlatform ? '' : ' collate "C"';
    this.addSql(`alter table access_tokens add column secret_rotated_at varchar(40)${c} null`);
    // A login keeps the connection's newest tokens only: it finds them by this index.
    this.addSql('create index access_tokens_connection_idx on access_tokens (connection_id, issued_at)');
  }

  override down(): void {
    this.addSql('drop index access_tokens_connection_idx');
    this.addSql('alter table access_tokens drop column secret_rotated_at');
  }
}
