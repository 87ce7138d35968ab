import { levelKeyString, mergeItemLevels, type StockLevel, type WriteContext } from '@tally/inventory-domain';
import { ApplicationError, ApplicationErrorCodes } from '../errors/application-error';
import type { Clock } from '../ports/clock.port';
import type { ItemRepository } from '../ports/catalog-repository.port';
import type { InventoryStore } from '../ports/inventory-store.port';

/** What a merge did. */
export interface MergeReport {
  readonly survivorId: string;
  readonly absorbedId: string;
  /** Places whose level the merge wrote (survivor's and absorbed's). */
  readonly levelsWritten: number;
}

/**
 * Merges one item into another, in one write transaction: levels (see
 * {@link mergeItemLevels}), observations, identifiers and open discrepancies move to the
 * survivor, and the ledger records the merge so that levels stay verifiable.
 */
export class MergeItems {
  constructor(
    private readonly store: InventoryStore,
    private readonly items: ItemRepository,
    private readonly clock: Clock,
  ) {}

  async merge(tenantId: string, survivorId: string, absorbedId: string, actor: string): Promise<MergeReport> {
    if (survivorId === absorbedId) {
      throw new ApplicationError(ApplicationErrorCodes.validation, 'an item cannot be merged into itself', 'absorbedItemId');
    }
    const [survivor, absorbed] = await Promise.all([this.items.get(tenantId, survivorId), this.items.get(tenantId, absorbedId)]);
    if (!survivor) throw new ApplicationError(ApplicationErrorCodes.notFound, `no item ${survivorId}`, 'itemId');
    if (!absorbed) throw new ApplicationError(ApplicationErrorCodes.notFound, `no item ${absorbedId}`, 'absorbedItemId');
    const recordedAt = this.clock.now().toISOString();
    const context: WriteContext = { connectionId: null, actor, reference: `merge:${absorbedId}`, recordedAt };
    return this.store.inWriteTransaction(tenantId, async (tx) => {
      const locations = await tx.itemLocations([survivorId, absorbedId]);
      const keys = locations.flatMap((locationId) => [
        { itemId: survivorId, locationId },
        { itemId: absorbedId, locationId },
      ]);
      const state = keys.length ? await tx.loadBatchState(keys) : null;
      const byLocation = (itemId: string) => {
        const map = new Map<string, StockLevel>();
        for (const locationId of locations) {
          const level = state?.levels.get(levelKeyString({ itemId, locationId }));
          if (level) map.set(locationId, level);
        }
        return map;
      };
      const merged = mergeItemLevels(survivorId, absorbedId, byLocation(survivorId), byLocation(absorbedId), context);
      if (merged.levels.length) await tx.writeLevels(merged.levels, merged.ledger, context);
      await tx.absorbItem(absorbedId, survivorId, recordedAt);
      return { survivorId, absorbedId, levelsWritten: merged.levels.length };
    });
  }
}
