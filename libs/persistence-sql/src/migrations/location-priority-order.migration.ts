import { Migration } from '@mikro-orm/migrations';

/**
 * Gives each location an ordered list of connections for its `priority` policy (JSON array of
 * connection ids, null for none): a location's own order of its sources, ahead of the
 * connections' priority settings (ADR 0033).
 */
export class LocationPriorityOrderMigration extends Migration {
  override up(): void {
    this.addSql('alter table locations add column priority_connection_ids text null');
  }

  override down(): void {
    this.addSql('alter table locations drop column priority_connection_ids');
  }
}
