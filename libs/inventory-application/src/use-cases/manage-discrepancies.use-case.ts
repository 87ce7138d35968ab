import {
  absentLevel,
  claimQuantityOf,
  DomainErrorCodes,
  levelKeyString,
  snapshotOf,
  type Discrepancy,
  type DiscrepancyResolution,
  type LevelSnapshot,
} from '@tally/inventory-domain';
import { ApplicationError, ApplicationErrorCodes } from '../errors/application-error';
import type { Clock } from '../ports/clock.port';
import type { InventoryReader } from '../ports/inventory-reader.port';
import type { InventoryStore } from '../ports/inventory-store.port';
import type { Page, PageRequest } from '../ports/page.model';

/** An operator's decision on a discrepancy: follow one source, or enter the on-hand value. */
export type DiscrepancyChoice = { readonly connectionId: string } | { readonly quantity: number };

/** Lists discrepancies and resolves them; the decision lands in the ledger (docs/architecture.md §4.7). */
export class ManageDiscrepancies {
  constructor(
    private readonly store: InventoryStore,
    private readonly reader: InventoryReader,
    private readonly clock: Clock,
  ) {}

  /** The tenant's discrepancies of a status, newest first; of one item only when `itemId` is given. */
  list(tenantId: string, status: 'open' | 'resolved' | 'all', page: PageRequest, itemId: string | null = null): Promise<Page<Discrepancy>> {
    return this.reader.listDiscrepancies(tenantId, status, page, itemId);
  }

  async get(tenantId: string, id: string): Promise<Discrepancy> {
    const found = await this.reader.getDiscrepancy(tenantId, id);
    if (!found) throw new ApplicationError(ApplicationErrorCodes.notFound, `no discrepancy ${id}`, 'id');
    return found;
  }

  async resolve(tenantId: string, id: string, choice: DiscrepancyChoice, actor: string): Promise<Discrepancy> {
    const recordedAt = this.clock.now().toISOString();
    return this.store.inWriteTransaction(tenantId, async (tx) => {
      const discrepancy = await tx.lockDiscrepancy(id);
      if (!discrepancy) throw new ApplicationError(ApplicationErrorCodes.notFound, `no discrepancy ${id}`, 'id');
      if (discrepancy.status !== 'open') {
        throw new ApplicationError(DomainErrorCodes.discrepancyNotOpen, `discrepancy ${id} is already resolved`, 'id');
      }
      const state = await tx.loadBatchState([discrepancy]);
      const level = state.levels.get(levelKeyString(discrepancy)) ?? absentLevel(discrepancy);
      let after: LevelSnapshot;
      let resolution: DiscrepancyResolution;
      if ('connectionId' in choice) {
        const chosen = state.observations.find(
          (o) => o.connectionId === choice.connectionId && o.itemId === discrepancy.itemId && o.locationId === discrepancy.locationId,
        );
        if (!chosen) {
          throw new ApplicationError(ApplicationErrorCodes.validation, `connection ${choice.connectionId} has no observation here`, 'connectionId');
        }
        after = { present: chosen.present, figures: chosen.figures, details: chosen.details, sourceTimestamp: chosen.sourceTimestamp };
        resolution = { kind: 'chose_source', connectionId: choice.connectionId, quantity: claimQuantityOf(chosen), actor };
      } else {
        if (!Number.isSafeInteger(choice.quantity)) {
          throw new ApplicationError(ApplicationErrorCodes.validation, 'quantity must be a whole number', 'quantity');
        }
        after = { ...snapshotOf(level), present: true, figures: { ...level.figures, onHand: choice.quantity } };
        resolution = { kind: 'entered_value', quantity: choice.quantity, actor };
      }
      const next = { ...level, ...after, version: level.version + 1 };
      const context = { connectionId: null, actor, reference: `discrepancy:${id}`, recordedAt };
      await tx.writeLevels(
        [next],
        [
          {
            itemId: next.itemId,
            locationId: next.locationId,
            before: snapshotOf(level),
            after: snapshotOf(next),
            versionAfter: next.version,
            cause: 'discrepancy_resolved',
            actor,
            connectionId: 'connectionId' in choice ? choice.connectionId : null,
            reference: context.reference,
            sourceTimestamp: next.sourceTimestamp,
            recordedAt,
            lines: [],
          },
        ],
        context,
      );
      const resolved: Discrepancy = { ...discrepancy, status: 'resolved', resolvedAt: recordedAt, resolution };
      await tx.saveDiscrepancy(resolved);
      return resolved;
    });
  }
}
