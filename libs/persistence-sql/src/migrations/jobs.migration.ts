import { BaseSqlitePlatform } from '@mikro-orm/knex';
import { Migration } from '@mikro-orm/migrations';

/** Adds `jobs`: the durable job queue of the embedded worker (ADR 0011). */
export class JobsMigration extends Migration {
  override up(): void {
    const sqlite = this.driver.getPlatform() instanceof BaseSqlitePlatform;
    const collate = sqlite ? '' : ' collate "C"';
    // Integer ids: Kibo's jobID is an integer. int4 also comes back from node-postgres as a number.
    const id = sqlite ? 'integer primary key autoincrement' : 'serial primary key';
    this.addSql(
      `create table jobs (
        id ${id},
        tenant_id varchar(64)${collate} not null references tenants (id),
        kind varchar(32)${collate} not null,
        ordering_key varchar(600)${collate} not null,
        location_code varchar(512)${collate},
        status varchar(16)${collate} not null,
        item_count integer not null,
        processed integer not null default 0,
        chunks_done integer not null default 0,
        messages text not null,
        payload text not null,
        added varchar(40)${collate} not null,
        started varchar(40)${collate},
        finished varchar(40)${collate},
        lease_owner varchar(128)${collate},
        lease_until varchar(40)${collate})`,
    );
    // Claiming scans only unfinished jobs, oldest first, and checks each one's predecessors by key.
    this.addSql(`create index jobs_open_idx on jobs (id) where status in ('PENDING', 'WORKING')`);
    this.addSql(`create index jobs_ordering_idx on jobs (ordering_key, id) where status in ('PENDING', 'WORKING')`);
    this.addSql('create index jobs_tenant_idx on jobs (tenant_id, id)');
  }

  override down(): void {
    this.addSql('drop table if exists jobs');
  }
}
