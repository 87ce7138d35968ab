import { Migration } from '@mikro-orm/migrations';

/**
 * Adds the ledger's (tenant, recorded time) index: the console's activity by day counts a window
 * of one tenant's ledger (ADR 0059) without walking the tenant's whole history by sequence.
 */
export class LedgerActivityIndexMigration extends Migration {
  override up(): void {
    this.addSql('create index ledger_entries_tenant_recorded_idx on ledger_entries (tenant_id, recorded_at)');
  }

  override down(): void {
    this.addSql('drop index ledger_entries_tenant_recorded_idx');
  }
}
