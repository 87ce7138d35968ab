import type { Discrepancy, DiscrepancyClaim } from '../model/discrepancy.entity.js';
import type { Observation } from '../model/observation.entity.js';
import type { LevelKey, LevelSnapshot } from '../model/stock-level.aggregate.js';
import { headlineQuantity } from '../model/stock-figures.value-object.js';

/** What changed about a place's discrepancy after new observations. */
export type DiscrepancyChange =
  | { readonly kind: 'none' }
  | { readonly kind: 'opened'; readonly discrepancy: Discrepancy }
  | { readonly kind: 'updated'; readonly discrepancy: Discrepancy }
  | { readonly kind: 'closed'; readonly discrepancy: Discrepancy };

/** The quantity an observation claims: its headline quantity, or null when it reports the place absent. */
export function claimQuantityOf(observation: Pick<Observation, 'present' | 'figures'>): number | null {
  return observation.present ? headlineQuantity(observation.figures) : null;
}

/** The claims of current observations, one per connection, in a stable order. */
export function claimsOf(observations: readonly Observation[]): DiscrepancyClaim[] {
  return observations
    .map((o) => ({
      connectionId: o.connectionId,
      quantity: claimQuantityOf(o),
      sourceTimestamp: o.sourceTimestamp,
    }))
    .sort((a, b) => (a.connectionId < b.connectionId ? -1 : 1));
}

/** True when the claims do not all say the same quantity. */
export function claimsDisagree(claims: readonly DiscrepancyClaim[]): boolean {
  return new Set(claims.map((c) => c.quantity)).size > 1;
}

/**
 * True when the claims disagree with each other or with the level's quantity (null when the
 * level does not exist): a report that is kept but not applied is never left unseen.
 */
export function claimsDisagreeWithLevel(claims: readonly DiscrepancyClaim[], levelQuantity: number | null): boolean {
  return claims.some((c) => c.quantity !== levelQuantity) || claimsDisagree(claims);
}

/**
 * Opens a discrepancy when the current observations of a place disagree with each other or
 * with the place's level (a missing level included), keeps its claims up to date while they
 * do, and closes it once all agree again (docs/multi-source.md).
 */
export function evaluateDiscrepancy(
  key: LevelKey,
  observations: readonly Observation[],
  level: LevelSnapshot,
  open: Discrepancy | null,
  now: string,
  newId: () => string,
): DiscrepancyChange {
  const claims = claimsOf(observations);
  const levelQuantity = level.present ? headlineQuantity(level.figures) : null;
  const disagree = claims.length > 0 && claimsDisagreeWithLevel(claims, levelQuantity);
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
    return JSON.stringify(open.claims) === JSON.stringify(claims) ? { kind: 'none' } : { kind: 'updated', discrepancy: { ...open, claims } };
  }
  if (open) {
    return {
      kind: 'closed',
      discrepancy: { ...open, claims, status: 'resolved', resolvedAt: now, resolution: { kind: 'agreed' } },
    };
  }
  return { kind: 'none' };
}
