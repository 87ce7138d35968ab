import { BaseSqlitePlatform } from '@mikro-orm/knex';
import { Migration } from '@mikro-orm/migrations';

/**
 * ADR 0045. Adds `lookup_digest`: a supplied key is found by a keyed digest of its whole secret,
 * no longer by its first characters, and is slow-hashed. Rows stored before keep working the old
 * way; a supplied one is upgraded at its next successful use (or at the next start that sets
 * TALLY_ADMIN_KEY to it). Gives the operator role to the bootstrap key: the oldest unrevoked
 * admin key of the oldest tenant, so tenants can still be opened after the upgrade.
 */
export class ApiKeyLookupMigration extends Migration {
  override up(): void {
    const c = this.driver.getPlatform() instanceof BaseSqlitePlatform ? '' : ' collate "C"';
    this.addSql(`alter table api_keys add column lookup_digest varchar(128)${c} null`);
    this.addSql('create unique index api_keys_lookup_unique on api_keys (lookup_digest)');
    this.addSql(
      `update api_keys set role = 'operator' where id = (
        select k.id from api_keys k
        where k.role = 'admin' and k.revoked_at is null
          and k.tenant_id = (select t.id from tenants t order by t.created_at, t.id limit 1)
        order by k.created_at, k.id limit 1)`,
    );
  }

  override down(): void {
    this.addSql(`update api_keys set role = 'admin' where role = 'operator'`);
    this.addSql('drop index api_keys_lookup_unique');
    this.addSql('alter table api_keys drop column lookup_digest');
  }
}
