import {
  absentLevel,
  detectDrift,
  levelKeyString,
  rebuildFromLedger,
  snapshotOf,
  type DriftKind,
  type LedgerEntry,
  type LevelKey,
  type StockLevel,
} from '@tally/inventory-domain';
import type { Clock } from '../ports/clock.port';
import type { InventoryReader } from '../ports/inventory-reader.port';
import type { InventoryStore } from '../ports/inventory-store.port';

/** One place whose level does not match its ledger. */
export interface Drift extends LevelKey {
  readonly kind: Exclude<DriftKind, 'none'>;
  readonly levelVersion: number | null;
  readonly ledgerVersion: number | null;
}

/** What a verification found and, with repair, fixed. */
export interface VerificationReport {
  readonly checked: number;
  readonly drifts: Drift[];
  readonly repaired: number;
}

const PAGE_SIZE = 500;

/**
 * Verifies every level against its ledger and, on request, repairs drift by restoring
 * what the ledger says, recording the repair itself in the ledger (docs/architecture.md §4.8).
 */
export class VerifyLedger {
  constructor(
    private readonly reader: InventoryReader,
    private readonly store: InventoryStore,
    private readonly clock: Clock,
  ) {}

  async verify(tenantId: string, options: { repair: boolean; actor: string }): Promise<VerificationReport> {
    const drifts: Drift[] = [];
    const lastEntries = new Map<string, LedgerEntry>();
    let checked = 0;
    let cursor: string | null = null;
    do {
      const page = await this.reader.levelsWithLastEntry(tenantId, { limit: PAGE_SIZE, cursor });
      for (const { level, lastEntry } of page.items) {
        checked += 1;
        const kind = detectDrift(level, lastEntry);
        const key = (level ?? lastEntry) as LevelKey;
        if (kind !== 'none') {
          if (lastEntry) lastEntries.set(levelKeyString(lastEntry), lastEntry);
          drifts.push({
            itemId: key.itemId,
            locationId: key.locationId,
            kind,
            levelVersion: level?.version ?? null,
            ledgerVersion: lastEntry?.versionAfter ?? null,
          });
        }
      }
      cursor = page.nextCursor;
    } while (cursor);
    const repaired = options.repair && drifts.length ? await this.repair(tenantId, drifts, lastEntries, options.actor) : 0;
    return { checked, drifts, repaired };
  }

  private async repair(tenantId: string, drifts: Drift[], lastEntries: ReadonlyMap<string, LedgerEntry>, actor: string): Promise<number> {
    const recordedAt = this.clock.now().toISOString();
    return this.store.inWriteTransaction(tenantId, async (tx) => {
      const state = await tx.loadBatchState(drifts);
      const levels: StockLevel[] = [];
      const ledger: LedgerEntry[] = [];
      for (const drift of drifts) {
        const current = state.levels.get(levelKeyString(drift)) ?? absentLevel(drift);
        const truth = rebuildFromLedger(drift, lastEntries.get(levelKeyString(drift)) ?? null);
        const version = Math.max(current.version, truth.version) + 1;
        levels.push({ ...truth, version });
        ledger.push({
          itemId: drift.itemId,
          locationId: drift.locationId,
          before: snapshotOf(current),
          after: snapshotOf(truth),
          versionAfter: version,
          cause: 'repair',
          actor,
          connectionId: null,
          reference: `verify:${drift.kind}`,
          sourceTimestamp: truth.sourceTimestamp,
          recordedAt,
          lines: [],
        });
      }
      await tx.writeLevels(levels, ledger, { connectionId: null, actor, reference: 'verify', recordedAt });
      return levels.length;
    });
  }
}
