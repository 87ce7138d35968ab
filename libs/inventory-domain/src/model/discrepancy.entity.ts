import type { LevelKey } from './stock-level.aggregate.js';

/** One side of a disagreement: what a connection says about a place. */
export interface DiscrepancyClaim {
  readonly connectionId: string;
  readonly quantity: number | null;
  readonly sourceTimestamp: string | null;
}

/** How a discrepancy ended. */
export type DiscrepancyResolution =
  | { readonly kind: 'agreed' }
  | {
      readonly kind: 'chose_source';
      readonly connectionId: string;
      /**
       * The chosen report's quantity, as its claim showed it (null: it reported the place absent,
       * or no quantity). Missing on resolutions recorded before Tally kept it.
       */
      readonly quantity?: number | null;
      readonly actor: string;
    }
  | { readonly kind: 'entered_value'; readonly quantity: number; readonly actor: string }
  /** The item was merged into `into`, which has an open discrepancy at the same place. */
  | { readonly kind: 'merged'; readonly into: string };

/** Two or more current observations of the same place that disagree. */
export interface Discrepancy extends LevelKey {
  readonly id: string;
  readonly status: 'open' | 'resolved';
  readonly claims: readonly DiscrepancyClaim[];
  readonly openedAt: string;
  readonly resolvedAt: string | null;
  readonly resolution: DiscrepancyResolution | null;
}
