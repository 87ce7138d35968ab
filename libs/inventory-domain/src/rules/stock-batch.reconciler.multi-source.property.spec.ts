import fc from 'fast-check';
import type { LocationPolicy, LocationRules } from '../model/location-policy.value-object.js';
import { headlineQuantity } from '../model/stock-figures.value-object.js';
import type { BatchState } from './batch-state.js';
import { reconcileBatch } from './stock-batch.reconciler.js';
import { at, carryForward, connectionRules, ids, key, levelIn, observed, setLine, state } from './reconciler-test-state.spec-helper.js';

const CONNECTIONS = ['c1', 'c2', 'c3'] as const;
const k = key('sku-1', 'wh-1');

interface Report {
  readonly connectionId: string;
  readonly onHand: number;
  readonly t: number;
}

const reports = fc.uniqueArray(
  fc.record({ connectionId: fc.constantFrom(...CONNECTIONS), onHand: fc.integer({ min: 0, max: 20 }), t: fc.integer({ min: 0, max: 10_000 }) }),
  { minLength: 1, maxLength: 12, selector: (r) => r.t },
);
const priorityOrder = fc.shuffledSubarray([...CONNECTIONS]);

/** The level each policy defines, computed from first principles rather than by the reconciler. */
function expectedLevel(policy: LocationPolicy, order: readonly string[], delivered: readonly Report[]): number | null {
  const newestOf = new Map<string, Report>();
  for (const r of delivered) {
    const known = newestOf.get(r.connectionId);
    if (!known || r.t > known.t) newestOf.set(r.connectionId, r);
  }
  const current = [...newestOf.values()];
  if (policy === 'single-source') return newestOf.get(delivered[0].connectionId)?.onHand ?? null;
  if (policy === 'latest') return current.reduce((a, b) => (b.t > a.t ? b : a)).onHand;
  const rank = (c: string) => (order.includes(c) ? order.indexOf(c) : order.length);
  // Unlisted connections rank after listed ones by their priority setting (c1 < c2 < c3 here).
  const best = [...current].sort((a, b) => rank(a.connectionId) - rank(b.connectionId) || (b.connectionId < a.connectionId ? -1 : 1))[0];
  return best.onHand;
}

describe('law: any interleaving of N connections ends in the level the location policy defines', () => {
  it.each<LocationPolicy>(['single-source', 'priority', 'latest'])('%s', (policy) => {
    fc.assert(
      fc.property(reports, priorityOrder, (ds, order) => {
        const location: LocationRules = { locationId: k.locationId, policy, sourceConnectionId: null, priorityConnectionIds: order };
        let s: BatchState = state({
          locations: [location],
          connections: CONNECTIONS.map((c, i) => connectionRules(c, i + 1)),
        });
        let open = 0;
        ds.forEach((d, i) => {
          const outcome = reconcileBatch(s, [setLine(1, k, { onHand: d.onHand }, at(d.t))], observed(d.connectionId, at(1_000_000 + i)), ids(`d${i}-`));
          // A line is applied only when the level now says what it said.
          const result = outcome.results[0];
          if (result?.status === 'applied') expect(levelIn(carryForward(s, outcome), k)?.figures.onHand).toBe(d.onHand);
          if (result?.status === 'observed') expect(outcome.changedLevels).toEqual([]);
          open += outcome.openedDiscrepancies.length - outcome.closedDiscrepancies.length;
          s = carryForward(s, outcome);
        });
        const level = levelIn(s, k);
        const levelQuantity = level?.present ? headlineQuantity(level.figures) : null;
        expect(levelQuantity).toBe(expectedLevel(policy, order, ds));
        // Every disagreement (between observations, or with the level) is an open discrepancy.
        const disagreement = s.observations.some((o) => headlineQuantity(o.figures) !== levelQuantity);
        expect(s.openDiscrepancies.length).toBe(disagreement ? 1 : 0);
        expect(open).toBe(s.openDiscrepancies.length);
      }),
      { numRuns: 300 },
    );
  });
});
