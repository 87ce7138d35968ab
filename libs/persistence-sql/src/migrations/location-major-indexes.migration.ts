import { Migration } from '@mikro-orm/migrations';

/**
 * Puts the location before the item in the observations' and the ledger's place indexes.
 * Bulk writes come one location at a time (a Kibo chunk is 3,000 items at one location), so
 * with the location first a chunk's index entries are neighbours (items created together have
 * neighbouring ids, ADR 0022) instead of one page per item; lookups by (item, location) use
 * either order, and lookups by item alone probe the tenant's locations (ADR 0023).
 */
export class LocationMajorIndexesMigration extends Migration {
  override up(): void {
    this.addSql('drop index observations_place_idx');
    this.addSql('create index observations_place_idx on observations (tenant_id, location_id, item_id)');
    this.addSql('drop index ledger_entries_place_idx');
    this.addSql('create index ledger_entries_place_idx on ledger_entries (tenant_id, location_id, item_id, seq)');
  }

  override down(): void {
    this.addSql('drop index observations_place_idx');
    this.addSql('create index observations_place_idx on observations (tenant_id, item_id, location_id)');
    this.addSql('drop index ledger_entries_place_idx');
    this.addSql('create index ledger_entries_place_idx on ledger_entries (tenant_id, item_id, location_id, seq)');
  }
}
