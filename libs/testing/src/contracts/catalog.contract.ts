import { randomUUID } from 'node:crypto';
import type { PageRequest, Page } from '@tally/inventory-application';
import { at, seedTenant, useSubject, type OpenPersistenceSubject } from './persistence-subject';

/** Every item of a paged listing, walking its cursors. */
async function allPages<T>(list: (page: PageRequest) => Promise<Page<T>>, limit = 2): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await list({ limit, cursor });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** What every ItemRepository adapter promises (identity: one item per identifier, ADR 0029). */
export function describeItemRepositoryContract(name: string, open: OpenPersistenceSubject): void {
  describe(`ItemRepository contract (${name})`, () => {
    const subject = useSubject(open);

    it('creates an item with all its identifiers and finds it by each, in input order', async () => {
      const s = subject();
      const { tenantId, connections } = await seedTenant(s, { connections: 1 });
      const external = { connectionId: connections[0].id, externalId: 'X-1' };
      const [id] = await s.items.createMany(
        tenantId,
        [{ identifiers: [{ sku: 'A' }, { partNumber: 'P-1' }, { external }], name: 'Apple', attributes: { colour: 'red' } }],
        at(5),
      );
      const item = await s.items.get(tenantId, id);
      expect(item).toMatchObject({ id, tenantId, sku: 'A', partNumber: 'P-1', gtin: null, name: 'Apple', createdAt: at(5), attributes: { colour: 'red' } });
      expect(item?.identifiers).toHaveLength(3);
      expect(await s.items.findItemIds(tenantId, [{ partNumber: 'P-1' }, { sku: 'nope' }, { external }, { itemId: id }, { sku: 'A' }])).toEqual([
        id,
        null,
        id,
        id,
        id,
      ]);
      const lookups = await s.items.findMany(tenantId, [{ sku: 'nope' }, { sku: 'A' }]);
      expect(lookups[0]).toEqual({ found: false });
      expect(lookups[1]).toMatchObject({ found: true, item: { id } });
      expect(await s.items.externalIds(tenantId, id)).toEqual([{ connectionId: connections[0].id, externalId: 'X-1' }]);
    });

    it('answers the holder for an identifier already held, and joins the other identifiers to it', async () => {
      const s = subject();
      const { tenantId } = await seedTenant(s);
      const [first] = await s.items.createMany(tenantId, [{ identifiers: [{ sku: 'A' }], name: 'A' }], at());
      const [again, fresh] = await s.items.createMany(
        tenantId,
        [
          { identifiers: [{ partNumber: 'P-A' }, { sku: 'A' }], name: 'other name' },
          { identifiers: [{ sku: 'B' }], name: 'B' },
        ],
        at(1),
      );
      expect(again).toBe(first);
      expect(fresh).not.toBe(first);
      expect(await s.items.findItemIds(tenantId, [{ partNumber: 'P-A' }])).toEqual([first]);
      expect(await s.items.count(tenantId)).toBe(2);
    });

    it('attaches identifiers (one already held stays with its holder), and detaches only from the holder', async () => {
      const s = subject();
      const { tenantId, items } = await seedTenant(s, { items: 2 });
      const [a, b] = items.map((i) => i.id);
      expect(
        await s.items.attach(tenantId, [
          { itemId: a, reference: { partNumber: 'P' } },
          { itemId: b, reference: { partNumber: 'Q' } },
        ]),
      ).toEqual([a, b]);
      expect(
        await s.items.attach(tenantId, [
          { itemId: b, reference: { partNumber: 'P' } },
          { itemId: b, reference: { sku: 'SKU-0' } },
        ]),
      ).toEqual([a, a]);
      expect(await s.items.findItemIds(tenantId, [{ partNumber: 'Q' }, { partNumber: 'P' }])).toEqual([b, a]);
      expect(await s.items.detach(tenantId, b, { kind: 'partNumber', value: 'P', connectionId: null })).toBe(false);
      expect(await s.items.detach(tenantId, a, { kind: 'partNumber', value: 'P', connectionId: null })).toBe(true);
      expect(await s.items.findItemIds(tenantId, [{ partNumber: 'P' }])).toEqual([null]);
    });

    it('keeps identifiers and items to their tenant', async () => {
      const s = subject();
      const one = await seedTenant(s, { items: 1 });
      const other = await seedTenant(s);
      expect(await s.items.findItemIds(other.tenantId, [{ sku: 'SKU-0' }, { itemId: one.items[0].id }])).toEqual([null, null]);
      expect(await s.items.get(other.tenantId, one.items[0].id)).toBeNull();
      expect(await s.items.update(other.tenantId, one.items[0].id, { name: 'x' })).toBe(false);
      const [own] = await s.items.createMany(other.tenantId, [{ identifiers: [{ sku: 'SKU-0' }], name: null }], at());
      expect(own).not.toBe(one.items[0].id);
    });

    it('updates name and attributes, and searches names and identifiers by creation time', async () => {
      const s = subject();
      const { tenantId } = await seedTenant(s);
      const ids: string[] = [];
      for (const [i, sku] of ['RED-1', 'BLUE-1', 'RED-2'].entries())
        ids.push(...(await s.items.createMany(tenantId, [{ identifiers: [{ sku }], name: `Shirt ${sku}` }], at(10 - i))));
      expect(await s.items.update(tenantId, ids[1], { name: 'Crimson Ribbon', attributes: { size: 'M' } })).toBe(true);
      expect(await s.items.get(tenantId, ids[1])).toMatchObject({ name: 'Crimson Ribbon', attributes: { size: 'M' } });
      // Case-insensitive, on the name or any identifier; oldest first.
      const found = await allPages((page) => s.items.search(tenantId, 'red', page), 1);
      expect(found.map((i) => i.id)).toEqual([ids[2], ids[0]]);
      expect((await allPages((page) => s.items.search(tenantId, 'crimson', page))).map((i) => i.id)).toEqual([ids[1]]);
      expect((await allPages((page) => s.items.search(tenantId, null, page))).map((i) => i.id)).toEqual([ids[2], ids[1], ids[0]]);
    });
  });
}

/** What every LocationRepository adapter promises. */
export function describeLocationRepositoryContract(name: string, open: OpenPersistenceSubject): void {
  describe(`LocationRepository contract (${name})`, () => {
    const subject = useSubject(open);

    it('ensures locations by code once, in input order, single-source to begin with', async () => {
      const s = subject();
      const { tenantId } = await seedTenant(s);
      const [b, a, b2] = await s.locations.ensureMany(tenantId, ['B', 'A', 'B'], 'store', at(3));
      expect(b2).toEqual(b);
      expect(a).toMatchObject({
        tenantId,
        code: 'A',
        kind: 'store',
        policy: 'single-source',
        sourceConnectionId: null,
        priorityConnectionIds: [],
        createdAt: at(3),
      });
      const [again] = await s.locations.ensureMany(tenantId, ['A'], 'warehouse', at(4));
      expect(again).toEqual(a);
      expect(await s.locations.findByCodes(tenantId, ['Z', 'A'])).toEqual([null, a]);
      expect(await s.locations.get(tenantId, b.id)).toEqual(b);
      expect(await s.locations.count(tenantId)).toBe(2);
    });

    it('lists by code, page by page, and keeps locations to their tenant', async () => {
      const s = subject();
      const { tenantId } = await seedTenant(s);
      await s.locations.ensureMany(tenantId, ['C', 'A', 'D', 'B'], 'warehouse', at());
      expect((await allPages((page) => s.locations.list(tenantId, page))).map((l) => l.code)).toEqual(['A', 'B', 'C', 'D']);
      const other = await seedTenant(s);
      expect(await s.locations.findByCodes(other.tenantId, ['A'])).toEqual([null]);
      expect(await s.locations.count(other.tenantId)).toBe(0);
    });

    it('sets policy, source and priority list', async () => {
      const s = subject();
      const { tenantId, connections, locations } = await seedTenant(s, { locations: 1, connections: 2 });
      const order = [connections[1].id, connections[0].id];
      expect(await s.locations.setPolicy(tenantId, locations[0].id, { policy: 'priority', sourceConnectionId: null, priorityConnectionIds: order })).toBe(true);
      expect(await s.locations.get(tenantId, locations[0].id)).toMatchObject({ policy: 'priority', priorityConnectionIds: order });
      expect(await s.locations.setPolicy(tenantId, randomUUID(), { policy: 'single-source', sourceConnectionId: null, priorityConnectionIds: [] })).toBe(false);
    });
  });
}

/** What every IdentityDiscrepancyRepository adapter promises. */
export function describeIdentityDiscrepancyRepositoryContract(name: string, open: OpenPersistenceSubject): void {
  describe(`IdentityDiscrepancyRepository contract (${name})`, () => {
    const subject = useSubject(open);

    it('keeps one open discrepancy per pair of items, whichever way the pair is named, the pair sorted', async () => {
      const s = subject();
      const { tenantId, items, connections } = await seedTenant(s, { items: 3, connections: 1 });
      const [a, b, c] = items.map((i) => i.id);
      const claims = [{ kind: 'sku' as const, value: 'SKU-0', connectionId: null, itemId: a }];
      const d = (x: string, y: string, second: number) => ({
        itemIds: [x, y] as [string, string],
        claims,
        connectionId: connections[0].id,
        openedAt: at(second),
      });
      await s.identityDiscrepancies.open(tenantId, [d(a, b, 1)]);
      await s.identityDiscrepancies.open(tenantId, [d(b, a, 2), d(c, a, 3)]);
      const open = await allPages((page) => s.identityDiscrepancies.list(tenantId, 'open', page), 1);
      expect(open.map((x) => x.itemIds)).toEqual([[a, b].sort(), [a, c].sort()]);
      expect(open[0]).toMatchObject({ tenantId, status: 'open', claims, connectionId: connections[0].id, resolvedAt: null, resolution: null });
      expect(open.map((x) => x.openedAt)).toEqual([at(1), at(3)]);
      expect(await s.identityDiscrepancies.get(tenantId, open[0].id)).toEqual(open[0]);
      expect(await s.identityDiscrepancies.get((await seedTenant(s)).tenantId, open[0].id)).toBeNull();
    });

    it('dismisses an open discrepancy once', async () => {
      const s = subject();
      const { tenantId, items } = await seedTenant(s, { items: 2 });
      await s.identityDiscrepancies.open(tenantId, [{ itemIds: [items[0].id, items[1].id], claims: [], connectionId: null, openedAt: at() }]);
      const [one] = (await s.identityDiscrepancies.list(tenantId, null, { limit: 10, cursor: null })).items;
      expect(await s.identityDiscrepancies.dismiss(tenantId, one.id, 'same thing', at(9))).toBe(true);
      expect(await s.identityDiscrepancies.dismiss(tenantId, one.id, 'again', at(10))).toBe(false);
      expect(await s.identityDiscrepancies.get(tenantId, one.id)).toMatchObject({ status: 'dismissed', resolvedAt: at(9), resolution: 'same thing' });
      expect((await s.identityDiscrepancies.list(tenantId, 'open', { limit: 10, cursor: null })).items).toEqual([]);
    });
  });
}
