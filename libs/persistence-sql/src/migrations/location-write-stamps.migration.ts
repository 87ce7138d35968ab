import { Migration } from '@mikro-orm/migrations';

/**
 * Gives each location a write stamp. On SQLite every inventory write transaction advances the
 * stamps of the locations it wrote at, so a writer that reconciled on a snapshot can check under
 * the write lock that nothing it read has changed since (ADR 0025). PostgreSQL keeps it at 0:
 * there, writers lock the rows they read.
 */
export class LocationWriteStampsMigration extends Migration {
  override up(): void {
    this.addSql('alter table locations add column write_stamp bigint not null default 0');
  }

  override down(): void {
    this.addSql('alter table locations drop column write_stamp');
  }
}
