import type { Discrepancy, DiscrepancyClaim } from '../model/discrepancy.entity';
import type { Observation } from '../model/observation.entity';
import type { LevelKey } from '../model/stock-level.aggregate';
import { headlineQuantity } from '../model/stock-figures.value-object';

/** What changed about a place's discrepancy after new observations. */
export type DiscrepancyChange =
  | { readonly kind: 'none' }
  | { readonly kind: 'opened'; readonly discrepancy: Discrepancy }
  | { readonly kind: 'updated'; readonly discrepancy: Discrepancy }
  | { readonly kind: 'closed'; readonly discrepancy: Discrepancy };

/** The claims of current observations, one per connection, in a stable order. */
export function claimsOf(observations: readonly Observation[]): DiscrepancyClaim[] {
  return observations
    .map((o) => ({
      connectionId: o.connectionId,
      quantity: o.present ? headlineQuantity(o.figures) : null,
      sourceTimestamp: o.sourceTimestamp,
    }))
    .sort((a, b) => (a.connectionId < b.connectionId ? -1 : 1));
}

/** True when the claims do not all say the same quantity. */
export function claimsDisagree(claims: readonly DiscrepancyClaim[]): boolean {
  return new Set(claims.map((c) => c.quantity)).size > 1;
}

/**
 * Opens a discrepancy when current observations of a place disagree, keeps its claims up to
 * date while they do, and closes it once they agree again (DESIGN.md §4.7).
 */
export function evaluateDiscrepancy(
  key: LevelKey,
  observations: readonly Observation[],
  open: Discrepancy | null,
  now: string,
  newId: () => string,
): DiscrepancyChange {
  const claims = claimsOf(observations);
  const disagree = claims.length > 1 && claimsDisagree(claims);
  if (disagree && !open) {
    return {
      kind: 'opened',
      discrepancy: {
        id: newId(),
        itemId: key.itemId,
        locationId: key.locationId,
        status: 'open',
        claims,
        openedAt: now,
        resolvedAt: null,
        resolution: null,
      },
    };
  }
  if (disagree && open) {
    return JSON.stringify(open.claims) === JSON.stringify(claims)
      ? { kind: 'none' }
      : { kind: 'updated', discrepancy: { ...open, claims } };
  }
  if (open) {
    return {
      kind: 'closed',
      discrepancy: { ...open, claims, status: 'resolved', resolvedAt: now, resolution: { kind: 'agreed' } },
    };
  }
  return { kind: 'none' };
}
