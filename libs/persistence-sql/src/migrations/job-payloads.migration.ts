import { Migration } from '@mikro-orm/migrations';

/**
 * Moves job payloads out of `jobs` into `job_payloads`. A payload is written once and read once,
 * while the job row is updated after every chunk; on SQLite an update rewrites the whole row,
 * so a 12,000-item payload (megabytes of overflow pages) was written again on every progress
 * update, claim and finish.
 */
export class JobPayloadsMigration extends Migration {
  override up(): void {
    this.addSql(`create table job_payloads (job_id integer primary key references jobs (id), payload text not null)`);
    this.addSql('insert into job_payloads (job_id, payload) select id, payload from jobs');
    this.addSql('alter table jobs drop column payload');
  }

  override down(): void {
    this.addSql(`alter table jobs add column payload text not null default '{}'`);
    this.addSql('update jobs set payload = (select p.payload from job_payloads p where p.job_id = jobs.id)');
    this.addSql('drop table if exists job_payloads');
  }
}
