import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes every job by ordering key and id, finished ones included, so a claim can read the
 * finish time of the job before it in one probe (a job never starts before its predecessor
 * finished, and its `started` says so even when the worker read its clock earlier).
 */
export class JobKeyHistoryMigration extends Migration {
  override up(): void {
    this.addSql('create index jobs_key_history_idx on jobs (ordering_key, id)');
  }

  override down(): void {
    this.addSql('drop index jobs_key_history_idx');
  }
}
