import { targets } from '../support/e2e-targets.state';
import { canonicalReporter, comestriReporter, cruxReporter, kiboReporter, marketplacerReporter, retailopsReporter } from './multi-source-reporters.e2e-helper';
import { Scene, type Product, type Reporter } from './multi-source.e2e-helper';

type Dialect = 'canonical' | 'retailops' | 'kibo' | 'crux' | 'comestri' | 'marketplacer';
const REPORTERS: Record<Dialect, (scene: Scene, code: string) => Promise<Reporter>> = {
  canonical: canonicalReporter,
  retailops: retailopsReporter,
  kibo: kiboReporter,
  crux: cruxReporter,
  comestri: comestriReporter,
  marketplacer: marketplacerReporter,
};

// Every dialect is once the first source and once the connection that reports second; RetailOPS
// and Marketplacer name their own locations, so the other side of their pair writes there.
// Comestri writes only at inventory sources: the operator creates that one first (no source).
// (Every row has all four fields: jest takes a test function with more parameters than its row
// has values for one that waits for a `done` callback.)
const PAIRS: [Dialect, Dialect, string, string | null][] = [
  ['canonical', 'marketplacer', 'marketplacer-seller-5', null],
  ['marketplacer', 'canonical', 'marketplacer-seller-6', null],
  ['comestri', 'retailops', 'retailops:facility:FA', null],
  ['retailops', 'kibo', 'retailops:facility:FB', null],
  ['kibo', 'crux', 'STORE-K', null],
  ['crux', 'comestri', 'SOURCE-C', 'inventory_source'],
];

describe.each(targets())('several sources at one place on %s', (_kind, target) => {
  /** Products the two reporters can both name: variants when Marketplacer is one of them. */
  const productsFor = (scene: Scene, reporters: Reporter[], count: number): Product[] => {
    const variants = reporters.some((r) => r.dialect === 'marketplacer');
    return Array.from({ length: count }, (_, i) => scene.product(variants ? i + 1 : undefined));
  };

  it.each(PAIRS)('%s first, then %s at %s: the second is answered observed, the level keeps the source, discrepancies open', async (one, two, code, kind) => {
    const scene = await Scene.of(target);
    if (kind) await scene.createLocation(code, kind);
    const [first, second] = [await REPORTERS[one](scene, code), await REPORTERS[two](scene, code)];
    const [a, b] = productsFor(scene, [first, second], 2);
    if (!first.createsItems) await scene.catalogue(a);
    if (!second.createsItems) await scene.catalogue(b);

    expect(await first.report([[a, 10]])).toEqual(['applied']);
    expect(
      await second.report([
        [a, 7],
        [b, 3],
      ]),
    ).toEqual(['observed', 'observed']);
    expect(await scene.onHand(a, code)).toBe(10);
    expect(await scene.onHand(b, code)).toBeUndefined();
    expect(await scene.openClaims(a, code)).toEqual({ [first.connectionId]: 10, [second.connectionId]: 7 });
    expect(await scene.openClaims(b, code)).toEqual({ [second.connectionId]: 3 });
    expect(await scene.location(code)).toMatchObject({ policy: 'single-source', sourceConnectionId: first.connectionId });
    const ledger = await scene.ledgerAt(code, a);
    expect(ledger.map((e) => [e.connectionId, e.after.figures.onHand])).toEqual([[first.connectionId, 10]]);
    expect(await scene.ledgerAt(code, b)).toEqual([]);

    // The source comes to agree: the level follows it, and the disagreement about `a` is over.
    expect(await first.report([[a, 7]])).toEqual(['applied']);
    expect(await scene.onHand(a, code)).toBe(7);
    expect(await scene.openClaims(a, code)).toBeUndefined();
    expect((await scene.drift()) as object).toMatchObject({ drifts: [] });
  });

  it("Marketplacer's 202 shows the variant's records as Tally holds them, and says which inventory was not applied and why", async () => {
    const scene = await Scene.of(target);
    const code = 'marketplacer-seller-4';
    const mp = await marketplacerReporter(scene, code);
    const source = await canonicalReporter(scene, code);
    const a = scene.product(40);
    await scene.catalogue(a);
    expect(await source.report([[a, 10]])).toEqual(['applied']);
    expect(await mp.report([[a, 7]])).toEqual(['observed']);
    const answer = mp.lastAnswer();
    expect(answer?.body).toEqual({
      data: [{ id: 4, type: 'inventories', attributes: { count_on_hand: 10, price: null, sale_price: null, infinite: false, seller_id: 4 } }],
      meta: { not_applied: [{ pointer: '/data/0', code: 'INVENTORY.OBSERVED_NOT_APPLIED', detail: expect.stringContaining(source.connectionId) }] },
    });
  });

  it('a Kibo adjust by the connection that is not the source is a job message too, and moves only its observation', async () => {
    const scene = await Scene.of(target);
    const code = 'STORE-ADJ';
    const source = await canonicalReporter(scene, code);
    const kibo = await kiboReporter(scene, code);
    const a = scene.product();
    expect(await source.report([[a, 10]])).toEqual(['applied']);
    expect(await kibo.report([[a, 7]])).toEqual(['observed']);
    expect(await kibo.adjust([[a, -2]])).toEqual(['observed']);
    expect(await scene.onHand(a, code)).toBe(10);
    expect(await scene.openClaims(a, code)).toEqual({ [source.connectionId]: 10, [kibo.connectionId]: 5 });
  });

  it('priority then latest with Comestri, Kibo and Crux: the level is the one the policy picks, the others are answered observed', async () => {
    const scene = await Scene.of(target);
    const code = 'SHARED-P1';
    const [comestri, kibo, crux] = [await comestriReporter(scene, code), await kiboReporter(scene, code), await cruxReporter(scene, code)];
    const a = scene.product();
    expect(await comestri.report([[a, 5]])).toEqual(['applied']);
    const priority = await scene.setPolicy(code, { policy: 'priority', priorityConnectionIds: [kibo.connectionId, crux.connectionId, comestri.connectionId] });
    expect(priority).toMatchObject({ policy: 'priority', switched: { locations: 1, levelsChanged: 0, levelsKept: 1 } });
    expect(await crux.report([[a, 6]])).toEqual(['applied']);
    expect(await kibo.report([[a, 7]])).toEqual(['applied']);
    expect(await comestri.report([[a, 8]])).toEqual(['observed']);
    expect(await crux.report([[a, 9]])).toEqual(['observed']);
    expect(await scene.onHand(a, code)).toBe(7);
    expect(await scene.openClaims(a, code)).toEqual({ [comestri.connectionId]: 8, [kibo.connectionId]: 7, [crux.connectionId]: 9 });

    // A new order re-follows at once: Crux first.
    const reordered = await scene.setPolicy(code, { policy: 'priority', priorityConnectionIds: [crux.connectionId, kibo.connectionId, comestri.connectionId] });
    expect(reordered.switched).toEqual({ locations: 1, levelsChanged: 1, levelsKept: 0 });
    expect(await scene.onHand(a, code)).toBe(9);

    // Latest: the newest report wins; one without a source time is as of its receipt, so a
    // report dated in the future stays the newest.
    expect((await scene.setPolicy(code, { policy: 'latest' })).switched).toEqual({ locations: 1, levelsChanged: 0, levelsKept: 1 });
    expect(await comestri.report([[a, 4]])).toEqual(['applied']);
    expect(await kibo.report([[a, 3]])).toEqual(['applied']);
    expect(await comestri.report([[a, 2]], { sourceTimestamp: '2030-01-01T00:00:00Z' })).toEqual(['applied']);
    expect(await kibo.report([[a, 1]])).toEqual(['observed']);
    expect(await scene.onHand(a, code)).toBe(2);
    const ledger = await scene.ledgerAt(code);
    expect(ledger.map((e) => [e.cause, e.connectionId, e.after.figures.onHand])).toEqual([
      ['set', comestri.connectionId, 5],
      ['set', crux.connectionId, 6],
      ['refresh', kibo.connectionId, 7],
      ['source_switched', crux.connectionId, 9],
      ['set', comestri.connectionId, 4],
      ['refresh', kibo.connectionId, 3],
      ['set', comestri.connectionId, 2],
    ]);
    expect((await scene.drift()) as object).toMatchObject({ drifts: [] });
  });

  it('priority then latest with Marketplacer and two canonical connections (an unlisted one ranks last)', async () => {
    const scene = await Scene.of(target);
    const code = 'marketplacer-seller-7';
    const mp = await marketplacerReporter(scene, code);
    const [c1, c2] = [await canonicalReporter(scene, code), await canonicalReporter(scene, code)];
    const a = scene.product(70);
    await scene.catalogue(a);
    expect(await mp.report([[a, 5]])).toEqual(['applied']);
    await scene.setPolicy(code, { policy: 'priority', priorityConnectionIds: [c1.connectionId, mp.connectionId] });
    expect(await c2.report([[a, 6]])).toEqual(['observed']);
    expect(await c1.report([[a, 7]])).toEqual(['applied']);
    expect(await mp.report([[a, 8]])).toEqual(['observed']);
    expect(await mp.remove(a)).toBe('observed');
    expect(await scene.onHand(a, code)).toBe(7);
    expect(await scene.openClaims(a, code)).toEqual({ [mp.connectionId]: null, [c1.connectionId]: 7, [c2.connectionId]: 6 });

    // Latest follows the newest report: Marketplacer's DELETE, so the record is gone.
    expect((await scene.setPolicy(code, { policy: 'latest' })).switched).toEqual({ locations: 1, levelsChanged: 1, levelsKept: 0 });
    expect(await scene.onHand(a, code)).toBeUndefined();
    expect(await c2.report([[a, 4]], { sourceTimestamp: '2030-01-01T00:00:00Z' })).toEqual(['applied']);
    expect(await mp.report([[a, 9]])).toEqual(['observed']);
    expect(await scene.onHand(a, code)).toBe(4);
    const causes = (await scene.ledgerAt(code)).map((e) => [e.cause, e.connectionId]);
    expect(causes).toEqual([
      ['set', mp.connectionId],
      ['set', c1.connectionId],
      ['source_switched', mp.connectionId],
      ['set', c2.connectionId],
    ]);
    expect((await scene.drift()) as object).toMatchObject({ drifts: [] });
  });

  it('priority then latest with RetailOPS, Kibo and a canonical connection at a RetailOPS facility', async () => {
    const scene = await Scene.of(target);
    const code = 'retailops:facility:FP';
    const [ro, kibo, canonical] = [await retailopsReporter(scene, code), await kiboReporter(scene, code), await canonicalReporter(scene, code)];
    const a = scene.product();
    expect(await kibo.report([[a, 5]])).toEqual(['applied']);
    await scene.setPolicy(code, { policy: 'priority', priorityConnectionIds: [ro.connectionId, canonical.connectionId, kibo.connectionId] });
    expect(await canonical.report([[a, 6]])).toEqual(['applied']);
    expect(await ro.report([[a, 7]])).toEqual(['applied']);
    expect(await kibo.report([[a, 8]])).toEqual(['observed']);
    expect(await canonical.report([[a, 9]])).toEqual(['observed']);
    expect(await scene.onHand(a, code)).toBe(7);

    expect((await scene.setPolicy(code, { policy: 'latest' })).switched).toEqual({ locations: 1, levelsChanged: 1, levelsKept: 0 });
    expect(await scene.onHand(a, code)).toBe(9);
    expect(await ro.report([[a, 10]])).toEqual(['applied']);
    expect(await canonical.report([[a, 11]], { sourceTimestamp: '2030-01-01T00:00:00Z' })).toEqual(['applied']);
    expect(await ro.report([[a, 12]])).toEqual(['observed']);
    expect(await scene.onHand(a, code)).toBe(11);
    expect((await scene.ledgerAt(code)).map((e) => e.after.figures.onHand)).toEqual([5, 6, 7, 9, 10, 11]);
    expect((await scene.drift()) as object).toMatchObject({ drifts: [] });
  });

  const codeFor = (dialect: Dialect, n: number): string =>
    dialect === 'retailops' ? `retailops:facility:R${n}` : dialect === 'marketplacer' ? `marketplacer-seller-${n}` : `PLACE-${n}`;

  /** A fresh tenant with two catalogued products (Crux never creates items). */
  const freshScene = async (): Promise<[Scene, Product, Product]> => {
    const scene = await Scene.of(target);
    const [a, b] = [scene.product(), scene.product()];
    await scene.catalogue(a);
    await scene.catalogue(b);
    return [scene, a, b];
  };

  it.each(['canonical', 'retailops', 'kibo', 'crux', 'comestri'] as Dialect[])(
    '%s: a revoked source gives way to its replacement of the same dialect',
    async (dialect) => {
      const [scene, a] = await freshScene();
      const code = codeFor(dialect, 1);
      const old = await REPORTERS[dialect](scene, code);
      const next = await REPORTERS[dialect](scene, code);
      expect(await old.report([[a, 10]])).toEqual(['applied']);
      expect(await next.report([[a, 4]])).toEqual(['observed']);
      expect(await scene.onHand(a, code)).toBe(10);
      await scene.revoke(old.connectionId);
      expect(await next.report([[a, 5]])).toEqual(['applied']);
      expect(await scene.onHand(a, code)).toBe(5);
      expect(await scene.location(code)).toMatchObject({ sourceConnectionId: next.connectionId });
      expect((await scene.ledgerAt(code)).map((e) => [e.connectionId, e.after.figures.onHand])).toEqual([
        [old.connectionId, 10],
        [next.connectionId, 5],
      ]);
      expect((await scene.drift()) as object).toMatchObject({ drifts: [] });
    },
  );

  it.each(['canonical', 'retailops', 'kibo', 'crux', 'comestri'] as Dialect[])(
    '%s: a hand-over to a new connection of the same dialect applies its current observations at once',
    async (dialect) => {
      const [scene, a, b] = await freshScene();
      const code = codeFor(dialect, 2);
      const from = await REPORTERS[dialect](scene, code);
      const to = await REPORTERS[dialect](scene, code);
      expect(
        await from.report([
          [a, 10],
          [b, 2],
        ]),
      ).toEqual(['applied', 'applied']);
      expect(await to.report([[a, 3]])).toEqual(['observed']);
      const before = await scene.ledgerCount();
      const answer = await scene.admin('POST', `/api/v1/connections/${from.connectionId}/hand-over`, { json: { toConnectionId: to.connectionId } });
      // RetailOPS also reports each SKU at its channel location (absent there: the stock is at the facility).
      const switched = dialect === 'retailops' ? { locations: 2, levelsChanged: 1, levelsKept: 3 } : { locations: 1, levelsChanged: 1, levelsKept: 1 };
      expect({ status: answer.status, body: answer.body }).toEqual({ status: 200, body: switched });
      expect(await scene.onHand(a, code)).toBe(3);
      expect(await scene.onHand(b, code)).toBe(2);
      expect(await scene.ledgerCount()).toBe(before + 1);
      expect((await scene.ledgerAt(code)).at(-1)).toMatchObject({ cause: 'source_switched', connectionId: to.connectionId, after: { figures: { onHand: 3 } } });
      const switchedEntries = await scene.admin('GET', '/api/v1/ledger?cause=source_switched');
      expect({ status: switchedEntries.status, count: switchedEntries.body.items.length }).toEqual({ status: 200, count: 1 });
      expect(await scene.location(code)).toMatchObject({ sourceConnectionId: to.connectionId });
      expect(await to.report([[b, 1]])).toEqual(['applied']);
      expect(await from.report([[b, 6]])).toEqual(['observed']);
      expect(await scene.onHand(b, code)).toBe(1);
      expect((await scene.drift()) as object).toMatchObject({ drifts: [] });
    },
  );

  it('marketplacer: a revoked seller connection gives way to the next reporter, and a hand-over to a canonical connection applies it', async () => {
    const scene = await Scene.of(target);
    // A variant is an external id of its owner connection: a new Marketplacer connection could
    // not name the same item, so the connection that takes over here is a canonical one.
    const mp = await marketplacerReporter(scene, codeFor('marketplacer', 8));
    const [a, b] = [scene.product(80), scene.product(81)];
    await scene.catalogue(a);
    await scene.catalogue(b);
    const to = await canonicalReporter(scene, codeFor('marketplacer', 8));
    expect(await mp.report([[a, 10]])).toEqual(['applied']);
    expect(await mp.report([[b, 2]])).toEqual(['applied']);
    expect(await to.report([[a, 3]])).toEqual(['observed']);
    const answer = await scene.admin('POST', `/api/v1/connections/${mp.connectionId}/hand-over`, { json: { toConnectionId: to.connectionId } });
    expect({ status: answer.status, body: answer.body }).toEqual({ status: 200, body: { locations: 1, levelsChanged: 1, levelsKept: 1 } });
    expect(await scene.onHand(a, codeFor('marketplacer', 8))).toBe(3);
    expect(await mp.report([[a, 11]])).toEqual(['observed']);

    const code = codeFor('marketplacer', 9);
    const seller9 = await marketplacerReporter(scene, code);
    const c = scene.product(90);
    await scene.catalogue(c);
    const after = await canonicalReporter(scene, code);
    expect(await seller9.report([[c, 10]])).toEqual(['applied']);
    expect(await after.report([[c, 4]])).toEqual(['observed']);
    await scene.revoke(seller9.connectionId);
    expect(await after.report([[c, 5]])).toEqual(['applied']);
    expect(await scene.onHand(c, code)).toBe(5);
    expect((await scene.drift()) as object).toMatchObject({ drifts: [] });
  });
});
