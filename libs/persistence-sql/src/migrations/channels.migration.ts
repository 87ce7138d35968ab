import { BaseSqlitePlatform } from '@mikro-orm/knex';
import { Migration } from '@mikro-orm/migrations';

/**
 * Channels and their transactional outbox (ADR 0041). `stock_changes` is the outbox: one row per
 * item whose levels changed, written in the write's own transaction while the tenant has a
 * channel, coalesced by item. The dispatcher fans it out to `channel_items`, the per channel and
 * item sync state (what was last sent, what is pending, failing or dead), and logs each send in
 * `channel_deliveries`. A channel's lease columns make one dispatcher at a time its sender.
 */
export class ChannelsMigration extends Migration {
  override up(): void {
    const sqlite = this.driver.getPlatform() instanceof BaseSqlitePlatform;
    const c = sqlite ? '' : ' collate "C"';
    const id = (name: string, extra = 'not null') => `${name} varchar(64)${c} ${extra}`;
    const time = (name: string, extra = 'not null') => `${name} varchar(40)${c} ${extra}`;
    this.addSql(
      `create table channels (
        ${id('id', 'primary key')}, ${id('tenant_id', 'not null references tenants (id)')}, name varchar(200)${c} not null,
        dialect varchar(40)${c} not null, status varchar(20)${c} not null, base_url varchar(2000)${c} not null,
        location_ids text null, rules text not null, identifier text not null, settings text not null, credentials text not null,
        ${time('created_at')}, ${time('updated_at')}, lease_owner varchar(128)${c} null, ${time('lease_until', 'null')},
        ${time('last_success_at', 'null')}, last_error text null, ${time('last_error_at', 'null')})`,
    );
    this.addSql('create unique index channels_name_unique on channels (tenant_id, name)');
    this.addSql(
      `create table channel_overrides (
        ${id('tenant_id')}, ${id('channel_id')}, ${id('item_id')}, rules text not null, fixed varchar(20)${c} null,
        excluded ${sqlite ? 'integer' : 'boolean'} not null, ${time('updated_at')}, primary key (channel_id, item_id))`,
    );
    this.addSql(
      `create table channel_items (
        ${id('tenant_id')}, ${id('channel_id')}, ${id('item_id')}, state varchar(16)${c} not null, generation integer not null,
        ${time('marked_at')}, sent_quantity bigint null, sent_unlimited ${sqlite ? 'integer' : 'boolean'} not null,
        ${time('sent_at', 'null')}, attempts integer not null, ${time('next_attempt_at')}, last_error text null,
        primary key (channel_id, item_id))`,
    );
    this.addSql('create index channel_items_due_idx on channel_items (channel_id, state, next_attempt_at)');
    this.addSql(`create table stock_changes (${id('tenant_id')}, ${id('item_id')}, ${time('changed_at')}, primary key (tenant_id, item_id))`);
    this.addSql(
      `create table channel_deliveries (
        id ${sqlite ? 'integer primary key autoincrement' : 'serial primary key'}, ${id('tenant_id')}, ${id('channel_id')},
        ${time('started_at')}, ${time('finished_at')}, items integer not null, sent integer not null, retried integer not null,
        rejected integer not null, error text null)`,
    );
    this.addSql('create index channel_deliveries_channel_idx on channel_deliveries (channel_id, id)');
  }

  override down(): void {
    for (const table of ['channel_deliveries', 'stock_changes', 'channel_items', 'channel_overrides', 'channels']) this.addSql(`drop table ${table}`);
  }
}
