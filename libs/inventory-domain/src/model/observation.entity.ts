import type { LevelKey } from './stock-level.aggregate.js';
import type { StockDetails, StockFigures } from './stock-figures.value-object.js';

/** The latest report of one connection for one item × location. */
export interface Observation extends LevelKey {
  readonly connectionId: string;
  readonly present: boolean;
  readonly figures: StockFigures;
  readonly details: StockDetails;
  readonly sourceTimestamp: string | null;
  /** ISO-8601 time Tally received the report. */
  readonly receivedAt: string;
  /** How many stale reports of this connection for this place were recorded and not applied. */
  readonly staleCount: number;
}

/** The string form of an observation's identity, for maps. */
export const observationKeyString = (connectionId: string, key: LevelKey): string => `${connectionId}\u0000${key.itemId}\u0000${key.locationId}`;
