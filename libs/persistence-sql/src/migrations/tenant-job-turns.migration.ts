import { BaseSqlitePlatform } from '@mikro-orm/knex';
import { Migration } from '@mikro-orm/migrations';

/**
 * Fair shares between tenants (ADR 0044). Each job gets the tenant's own number (`tenant_job_no`,
 * what the tenant is shown instead of the global id) and its payload's size (`payload_bytes`, for
 * the tenant's byte cap); `job_tenants` keeps per tenant the last number given and the turn at
 * which a worker last served it, so claims go to the tenant served least recently. Existing jobs
 * are numbered in id order per tenant.
 */
export class TenantJobTurnsMigration extends Migration {
  override up(): void {
    const sqlite = this.driver.getPlatform() instanceof BaseSqlitePlatform;
    const c = sqlite ? '' : ' collate "C"';
    const bytes = sqlite ? 'length(cast(payload as blob))' : 'octet_length(payload)';
    this.addSql('alter table jobs add column tenant_job_no integer not null default 0');
    this.addSql('alter table jobs add column payload_bytes integer not null default 0');
    this.addSql('update jobs set tenant_job_no = (select count(*) from jobs p where p.tenant_id = jobs.tenant_id and p.id <= jobs.id)');
    this.addSql(`update jobs set payload_bytes = coalesce((select ${bytes} from job_payloads where job_id = jobs.id), 0)`);
    this.addSql('create unique index jobs_tenant_no_idx on jobs (tenant_id, tenant_job_no)');
    // The quota counts a tenant's unfinished jobs at every add.
    this.addSql(`create index jobs_tenant_open_idx on jobs (tenant_id) where status in ('PENDING', 'WORKING')`);
    this.addSql(
      `create table job_tenants (
        tenant_id varchar(64)${c} primary key references tenants (id),
        last_job_no integer not null,
        served_turn bigint not null)`,
    );
    this.addSql('insert into job_tenants (tenant_id, last_job_no, served_turn) select tenant_id, max(tenant_job_no), 0 from jobs group by tenant_id');
  }

  override down(): void {
    this.addSql('drop table if exists job_tenants');
    this.addSql('drop index jobs_tenant_open_idx');
    this.addSql('drop index jobs_tenant_no_idx');
    this.addSql('alter table jobs drop column payload_bytes');
    this.addSql('alter table jobs drop column tenant_job_no');
  }
}
