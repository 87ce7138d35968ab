import { BaseSqlitePlatform } from '@mikro-orm/knex';
import { Migration } from '@mikro-orm/migrations';

/**
 * Moves every identifier of an item into `item_identifiers`, their one source of truth
 * (ADR 0029): an item holds any number of identifiers, each held by at most one item of the
 * tenant (the primary key). `kind` is `sku`, `gtin` (GTIN-14), `partNumber` or `external`;
 * `scope` is the connection of an external id and '' for the others. The identifiers held by
 * `items.sku`, `items.gtin`, `items.part_number` and `item_external_ids` are copied, then those
 * columns and that table are dropped. Items gain free-form `attributes` and `merged_into`, set
 * on an item absorbed by a merge (its id keeps answering for the survivor in lookups).
 */
export class ItemIdentifiersMigration extends Migration {
  override up(): void {
    const sqlite = this.driver.getPlatform() instanceof BaseSqlitePlatform;
    const c = sqlite ? '' : ' collate "C"';
    this.addSql(
      `create table item_identifiers (
        tenant_id varchar(64)${c} not null references tenants (id), kind varchar(20)${c} not null,
        scope varchar(64)${c} not null, value varchar(200)${c} not null,
        item_id varchar(64)${c} not null references items (id),
        primary key (tenant_id, kind, scope, value))`,
    );
    this.addSql('create index item_identifiers_item_idx on item_identifiers (tenant_id, item_id)');
    for (const [kind, column] of [
      ['sku', 'sku'],
      ['gtin', 'gtin'],
      ['partNumber', 'part_number'],
    ]) {
      this.addSql(
        `insert into item_identifiers (tenant_id, kind, scope, value, item_id)
         select tenant_id, '${kind}', '', ${column}, id from items where ${column} is not null`,
      );
    }
    this.addSql(
      `insert into item_identifiers (tenant_id, kind, scope, value, item_id)
       select tenant_id, 'external', connection_id, external_id, item_id from item_external_ids`,
    );
    this.addSql('drop table item_external_ids');
    for (const column of ['sku', 'gtin', 'part_number']) {
      this.addSql(`drop index items_${column}_unique`);
      this.addSql(`alter table items drop column ${column}`);
    }
    this.addSql('alter table items add column attributes text null');
    this.addSql(`alter table items add column merged_into varchar(64)${c} null`);
    this.addSql(
      `create table identity_discrepancies (
        id varchar(64)${c} primary key, tenant_id varchar(64)${c} not null references tenants (id),
        item_a varchar(64)${c} not null references items (id), item_b varchar(64)${c} not null references items (id),
        status varchar(20)${c} not null, claims text not null, connection_id varchar(64)${c} null,
        opened_at varchar(40)${c} not null, resolved_at varchar(40)${c} null, resolution text null)`,
    );
    this.addSql(`create unique index identity_discrepancies_open_unique on identity_discrepancies (tenant_id, item_a, item_b) where status = 'open'`);
    this.addSql('create index identity_discrepancies_tenant_idx on identity_discrepancies (tenant_id, status, opened_at, id)');
  }

  override down(): void {
    const sqlite = this.driver.getPlatform() instanceof BaseSqlitePlatform;
    const c = sqlite ? '' : ' collate "C"';
    this.addSql('drop table identity_discrepancies');
    this.addSql('alter table items drop column merged_into');
    this.addSql('alter table items drop column attributes');
    this.addSql(`alter table items add column sku varchar(200)${c} null`);
    this.addSql(`alter table items add column gtin varchar(14)${c} null`);
    this.addSql(`alter table items add column part_number varchar(200)${c} null`);
    // The old schema holds one identifier per kind: the smallest of each is kept.
    for (const [kind, column] of [
      ['sku', 'sku'],
      ['gtin', 'gtin'],
      ['partNumber', 'part_number'],
    ]) {
      this.addSql(
        `update items set ${column} = (select min(x.value) from item_identifiers x
           where x.tenant_id = items.tenant_id and x.item_id = items.id and x.kind = '${kind}')`,
      );
      this.addSql(`create unique index items_${column}_unique on items (tenant_id, ${column}) where ${column} is not null`);
    }
    this.addSql(
      `create table item_external_ids (
        tenant_id varchar(64)${c} not null, connection_id varchar(64)${c} not null references connections (id),
        external_id varchar(200)${c} not null, item_id varchar(64)${c} not null references items (id),
        primary key (tenant_id, connection_id, external_id))`,
    );
    this.addSql('create index item_external_ids_item_idx on item_external_ids (tenant_id, item_id)');
    this.addSql(
      `insert into item_external_ids (tenant_id, connection_id, external_id, item_id)
       select tenant_id, scope, value, item_id from item_identifiers where kind = 'external'`,
    );
    this.addSql('drop table item_identifiers');
  }
}
