import { BaseSqlitePlatform } from '@mikro-orm/knex';
import { Migration } from '@mikro-orm/migrations';

/**
 * The channels' event feed (ADR 0042): `channel_events` holds each subscribed event, written in
 * the transaction of what it tells (a level change, a discrepancy opened, a job finished), until
 * the channel accepts it (then it is deleted) or it is dead-lettered. `channels.events` lists the
 * types a channel subscribes to, so a write reads one row per channel to know what to record.
 */
export class ChannelEventsMigration extends Migration {
  override up(): void {
    const sqlite = this.driver.getPlatform() instanceof BaseSqlitePlatform;
    const c = sqlite ? '' : ' collate "C"';
    this.addSql(`alter table channels add column events text${c} not null default '[]'`);
    this.addSql(`alter table channel_deliveries add column subject varchar(16)${c} not null default 'items'`);
    this.addSql(
      `create table channel_events (
        id ${sqlite ? 'integer primary key autoincrement' : 'bigserial primary key'}, tenant_id varchar(64)${c} not null,
        channel_id varchar(64)${c} not null, type varchar(40)${c} not null, data text not null, occurred_at varchar(40)${c} not null,
        state varchar(16)${c} not null, attempts integer not null, next_attempt_at varchar(40)${c} not null, last_error text null)`,
    );
    this.addSql('create index channel_events_due_idx on channel_events (channel_id, state, id)');
  }

  override down(): void {
    this.addSql('drop table channel_events');
    this.addSql('alter table channel_deliveries drop column subject');
    this.addSql('alter table channels drop column events');
  }
}
