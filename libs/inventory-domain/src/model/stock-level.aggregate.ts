import { EMPTY_DETAILS, EMPTY_FIGURES, sameStock, type StockDetails, type StockFigures } from './stock-figures.value-object.js';

/** Identifies one stock level: an item at a location, inside a tenant. */
export interface LevelKey {
  readonly itemId: string;
  readonly locationId: string;
}

/** The string form of a {@link LevelKey}, for maps. */
export const levelKeyString = (key: LevelKey): string => `${key.itemId}\u0000${key.locationId}`;

/**
 * The stock of one item at one location. `present: false` means there is no record at all,
 * which is not the same as a record with zero on hand (Marketplacer DELETE, canonical remove).
 */
export interface StockLevel extends LevelKey {
  readonly present: boolean;
  readonly figures: StockFigures;
  readonly details: StockDetails;
  /** The newest source time (ISO-8601) this level reflects. */
  readonly sourceTimestamp: string | null;
  /** Incremented by every change; 0 for a level never written. */
  readonly version: number;
}

/** A level that has never been written. */
export function absentLevel(key: LevelKey): StockLevel {
  return {
    itemId: key.itemId,
    locationId: key.locationId,
    present: false,
    figures: EMPTY_FIGURES,
    details: EMPTY_DETAILS,
    sourceTimestamp: null,
    version: 0,
  };
}

/** The part of a level that the ledger records before and after each change. */
export interface LevelSnapshot {
  readonly present: boolean;
  readonly figures: StockFigures;
  readonly details: StockDetails;
  readonly sourceTimestamp: string | null;
}

/** Takes the ledger snapshot of a level. */
export function snapshotOf(level: StockLevel): LevelSnapshot {
  return {
    present: level.present,
    figures: level.figures,
    details: level.details,
    sourceTimestamp: level.sourceTimestamp,
  };
}

/** True when two snapshots say the same: presence, source time, figures and details. */
export function sameSnapshot(a: LevelSnapshot, b: LevelSnapshot): boolean {
  return a.present === b.present && a.sourceTimestamp === b.sourceTimestamp && sameStock(a, b);
}
