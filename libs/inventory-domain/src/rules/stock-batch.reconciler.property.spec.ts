import fc from 'fast-check';
import type { LedgerEntry } from '../model/ledger-entry.entity.js';
import type { LocationPolicy } from '../model/location-policy.value-object.js';
import { EMPTY_FIGURES, type StockPatch } from '../model/stock-figures.value-object.js';
import { levelKeyString, snapshotOf } from '../model/stock-level.aggregate.js';
import type { StockLine, WriteContext } from '../model/stock-write.command.js';
import type { BatchState } from './batch-state.js';
import { reconcileBatch } from './stock-batch.reconciler.js';
import { at, carryForward, connectionRules, direct, ids, key, levelIn, locationRules, observed, setLine, state } from './reconciler-test-state.spec-helper.js';

const policy = fc.constantFrom<LocationPolicy | 'none'>('none', 'single-source', 'priority', 'latest');

/** Runs `batch` as its own delivery and returns the state the caller would load next. */
function deliver(s: BatchState, lines: readonly StockLine[], context: WriteContext, ledger: LedgerEntry[]): BatchState {
  const outcome = reconcileBatch(s, lines, context, ids(`d-${context.recordedAt}`));
  ledger.push(...outcome.ledger);
  return carryForward(s, outcome);
}

describe('law: any delivery order ends in the state of the newest source time', () => {
  const k = key('sku-1', 'wh-1');
  const deliveries = fc.uniqueArray(
    fc.record({ t: fc.integer({ min: 0, max: 100_000 }), onHand: fc.integer({ min: -50, max: 1_000 }), reserved: fc.nat(100) }),
    { minLength: 1, maxLength: 10, selector: (d) => d.t },
  );

  const run = (p: LocationPolicy | 'none', connectionId: string | null, ds: { t: number; onHand: number; reserved: number }[]) => {
    const ledger: LedgerEntry[] = [];
    let s = state({ locations: p === 'none' ? [] : [locationRules(k.locationId, p)], connections: [connectionRules('conn', 1)] });
    ds.forEach((d, i) => {
      const recordedAt = at(1_000_000 + i);
      const context = connectionId ? observed(connectionId, recordedAt) : direct(recordedAt);
      s = deliver(s, [setLine(1, k, { onHand: d.onHand, reserved: d.reserved }, at(d.t))], context, ledger);
    });
    return { s, ledger };
  };

  const expectNewest = ({ s, ledger }: ReturnType<typeof run>, ds: { t: number; onHand: number; reserved: number }[]) => {
    const newest = ds.reduce((a, b) => (b.t > a.t ? b : a));
    const final = levelIn(s, k);
    expect(final).toMatchObject({ present: true, sourceTimestamp: at(newest.t) });
    expect(final?.figures).toEqual({ ...EMPTY_FIGURES, onHand: newest.onHand, reserved: newest.reserved });
    // The ledger rebuilds the level: one entry per version, the last one's after is the level.
    expect(final?.version).toBe(ledger.length);
    expect(ledger.map((e) => e.versionAfter)).toEqual(ledger.map((_, i) => i + 1));
    if (final) expect(ledger.at(-1)?.after).toEqual(snapshotOf(final));
  };

  it('observed writes of one connection, whatever the location policy', () => {
    fc.assert(
      fc.property(policy, deliveries, (p, ds) => {
        const result = run(p, 'conn', ds);
        expectNewest(result, ds);
        const obs = result.s.observations.find((o) => o.connectionId === 'conn');
        const newest = ds.reduce((a, b) => (b.t > a.t ? b : a));
        expect(obs).toMatchObject({ sourceTimestamp: at(newest.t), figures: { onHand: newest.onHand, reserved: newest.reserved } });
        // Every delivery that came after a newer one was stale, and counted.
        const late = ds.filter((d, i) => ds.slice(0, i).some((e) => e.t > d.t)).length;
        expect(obs?.staleCount).toBe(late);
      }),
    );
  });

  it('direct writes', () => {
    fc.assert(fc.property(deliveries, (ds) => expectNewest(run('none', null, ds), ds)));
  });

  it('ends in the same level as the deliveries in source-time order', () => {
    fc.assert(
      fc.property(policy, deliveries, (p, ds) => {
        const shuffled = run(p, 'conn', ds).s;
        const sorted = run(
          p,
          'conn',
          [...ds].sort((a, b) => a.t - b.t),
        ).s;
        const strip = (s: BatchState) => {
          const l = levelIn(s, k);
          return l && { ...snapshotOf(l) };
        };
        expect(strip(shuffled)).toEqual(strip(sorted));
      }),
    );
  });
});

describe('law: applying a batch twice equals applying it once', () => {
  const items = ['i1', 'i2', 'i3'];
  const locs = ['l1', 'l2'];
  const patch: fc.Arbitrary<StockPatch> = fc.record(
    {
      onHand: fc.option(fc.integer({ min: -20, max: 100 })),
      availableReported: fc.option(fc.integer({ min: -5, max: 100 })),
      reserved: fc.integer({ min: -1, max: 10 }), // -1 is refused: a bad line among good ones
      safetyStock: fc.nat(5),
      attributes: fc.dictionary(fc.constantFrom('colour', 'size', 'fit'), fc.constantFrom('a', 'b')),
    },
    { requiredKeys: [] },
  );
  const places = items.flatMap((i) => locs.map((l) => `${i}/${l}`));
  // Each place's lines either all carry a source time or none does. (Mixing them for one place
  // in one batch is not replay-safe: an untimed line always applies, and can then be followed
  // by a timed line that the first delivery applied but a replay finds stale.)
  const lines = fc
    .tuple(
      fc.subarray(places),
      fc.array(fc.record({ item: fc.constantFrom(...items), loc: fc.constantFrom(...locs), patch, t: fc.integer({ min: 0, max: 10 }) }), {
        minLength: 1,
        maxLength: 12,
      }),
    )
    .map(([timed, ls]) => ls.map((l, i) => setLine(i + 1, key(l.item, l.loc), l.patch, timed.includes(`${l.item}/${l.loc}`) ? at(l.t) : null)));
  const writer = fc.constantFrom<string | null>(null, 'c0', 'c1');

  it('same levels, no new ledger entries, versions unchanged the second time', () => {
    fc.assert(
      fc.property(
        fc.tuple(policy, policy),
        fc.tuple(writer, lines),
        fc.tuple(writer, lines),
        ([p1, p2], [firstWriter, firstLines], [writerUnderTest, batch]) => {
          const policies = [p1, p2];
          const locations = locs.flatMap((l, i) => {
            const p = policies[i] ?? 'none';
            return p === 'none' ? [] : [locationRules(l, p)];
          });
          const context = (c: string | null, t: number) => (c ? observed(c, at(1_000 + t)) : direct(at(1_000 + t)));
          const initial = state({ locations, connections: [connectionRules('c0', 1), connectionRules('c1', 2)] });
          const s0 = deliver(initial, firstLines, context(firstWriter, 0), []);

          const once = reconcileBatch(s0, batch, context(writerUnderTest, 1), ids('once'));
          const keys = once.ledger.map((e) => levelKeyString(e));
          expect(new Set(keys).size).toBe(keys.length); // one ledger entry per changed level
          expect(once.changedLevels.map((l) => levelKeyString(l))).toEqual(keys);
          const s1 = carryForward(s0, once);

          const twice = reconcileBatch(s1, batch, context(writerUnderTest, 2), ids('twice'));
          expect(twice.ledger).toEqual([]);
          expect(twice.changedLevels).toEqual([]);
          expect(twice.openedDiscrepancies).toEqual([]);
          expect(twice.updatedDiscrepancies).toEqual([]);
          expect(twice.closedDiscrepancies).toEqual([]);
          expect(twice.locationUpdates).toEqual([]);
          const s2 = carryForward(s1, twice);
          expect(s2.levels).toEqual(s1.levels);
          const content = (s: BatchState) =>
            s.observations.map((o) => [o.connectionId, o.itemId, o.locationId, o.present, o.figures, o.details, o.sourceTimestamp]);
          expect(content(s2)).toEqual(content(s1));
          // A stale line is stale again; a refused line is refused again (or now stale: staleness is checked first).
          once.results.forEach((r, i) => {
            if (r.status === 'stale') expect(twice.results[i]?.status).toBe('stale');
            if (r.status === 'rejected') expect(['rejected', 'stale']).toContain(twice.results[i]?.status);
          });
        },
      ),
    );
  });
});
