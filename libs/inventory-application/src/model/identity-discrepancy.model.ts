import type { ItemIdentifier } from './catalog.model';

/** Where an identity discrepancy stands: open until an operator merges or dismisses it. */
export type IdentityDiscrepancyStatus = 'open' | 'merged' | 'dismissed';

/** One identifier a line named, and the item that held it when the line came. */
export interface IdentityClaim extends ItemIdentifier {
  readonly itemId: string | null;
}

/**
 * A line named identifiers of two different items: the items are probably one product, and
 * merging them is proposed. One open discrepancy per pair of items (`itemIds` sorted).
 */
export interface IdentityDiscrepancy {
  readonly id: string;
  readonly tenantId: string;
  readonly itemIds: readonly [string, string];
  readonly status: IdentityDiscrepancyStatus;
  /** The identifiers of the line that revealed it, each with the item it named. */
  readonly claims: readonly IdentityClaim[];
  /** The reporting connection; null for the canonical API without a connection. */
  readonly connectionId: string | null;
  readonly openedAt: string;
  readonly resolvedAt: string | null;
  /** `merged into <item id>` or the operator's note. */
  readonly resolution: string | null;
}
