import {
  ItemRepository,
  LocationRepository,
  type Item,
  type ItemLookup,
  type ItemReference,
  type Location,
  type LocationKind,
  type LocationPolicySettings,
  type NewItem,
  type Page,
  type PageRequest,
} from '@tally/inventory-application';

/** Pages an in-memory list with a numeric offset cursor. */
export function pageOf<T>(all: T[], page: PageRequest): Page<T> {
  const start = page.cursor ? Number(page.cursor) : 0;
  const items = all.slice(start, start + page.limit);
  return { items, nextCursor: start + page.limit < all.length ? String(start + page.limit) : null };
}

/** Items kept in a list. */
export class InMemoryItemRepository extends ItemRepository {
  readonly items: Item[] = [];
  readonly external: { tenantId: string; itemId: string; connectionId: string; externalId: string }[] = [];
  private seq = 0;

  private match(tenantId: string, ref: ItemReference): Item | undefined {
    if ('external' in ref) {
      const link = this.external.find(
        (e) => e.tenantId === tenantId && e.connectionId === ref.external.connectionId && e.externalId === ref.external.externalId,
      );
      return link && this.items.find((i) => i.id === link.itemId);
    }
    return this.items.find(
      (i) =>
        i.tenantId === tenantId &&
        (('itemId' in ref && i.id === ref.itemId) ||
          ('sku' in ref && i.sku === ref.sku) ||
          ('gtin' in ref && i.gtin === ref.gtin) ||
          ('partNumber' in ref && i.partNumber === ref.partNumber)),
    );
  }

  async findMany(tenantId: string, references: readonly ItemReference[]): Promise<ItemLookup[]> {
    return references.map((ref) => {
      const item = this.match(tenantId, ref);
      return item ? { found: true, item } : { found: false };
    });
  }

  async createMany(tenantId: string, items: readonly NewItem[], at: string): Promise<Item[]> {
    return items.map((n) => {
      const existing = this.match(tenantId, n.reference);
      if (existing) return existing;
      this.seq += 1;
      const item: Item = { id: `item-${this.seq}`, tenantId, sku: n.sku, gtin: n.gtin, partNumber: n.partNumber, name: n.name, createdAt: at };
      this.items.push(item);
      if ('external' in n.reference) this.external.push({ tenantId, itemId: item.id, ...n.reference.external });
      return item;
    });
  }

  async get(tenantId: string, itemId: string): Promise<Item | null> {
    return this.items.find((i) => i.tenantId === tenantId && i.id === itemId) ?? null;
  }

  async search(tenantId: string, query: string | null, page: PageRequest): Promise<Page<Item>> {
    const q = query?.toLowerCase() ?? '';
    const all = this.items.filter(
      (i) => i.tenantId === tenantId && [i.sku, i.gtin, i.partNumber, i.name].some((v) => (v ?? '').toLowerCase().includes(q)),
    );
    return pageOf(all, page);
  }

  async externalIds(tenantId: string, itemId: string) {
    return this.external
      .filter((e) => e.tenantId === tenantId && e.itemId === itemId)
      .map(({ connectionId, externalId }) => ({ connectionId, externalId }));
  }

  async count(tenantId: string): Promise<number> {
    return this.items.filter((i) => i.tenantId === tenantId).length;
  }
}

/** Locations kept in a list. */
export class InMemoryLocationRepository extends LocationRepository {
  readonly locations: Location[] = [];
  private seq = 0;

  async ensureMany(tenantId: string, codes: readonly string[], kind: LocationKind, at: string): Promise<Location[]> {
    return codes.map((code) => {
      const found = this.locations.find((l) => l.tenantId === tenantId && l.code === code);
      if (found) return found;
      this.seq += 1;
      const created: Location = { id: `loc-${this.seq}`, tenantId, code, name: null, kind, policy: 'single-source', sourceConnectionId: null, priorityConnectionIds: [], createdAt: at };
      this.locations.push(created);
      return created;
    });
  }

  async findByCodes(tenantId: string, codes: readonly string[]): Promise<(Location | null)[]> {
    return codes.map((code) => this.locations.find((l) => l.tenantId === tenantId && l.code === code) ?? null);
  }

  async get(tenantId: string, locationId: string): Promise<Location | null> {
    return this.locations.find((l) => l.tenantId === tenantId && l.id === locationId) ?? null;
  }

  async list(tenantId: string, page: PageRequest): Promise<Page<Location>> {
    return pageOf(this.locations.filter((l) => l.tenantId === tenantId), page);
  }

  async setPolicy(tenantId: string, locationId: string, rules: LocationPolicySettings): Promise<boolean> {
    const index = this.locations.findIndex((l) => l.tenantId === tenantId && l.id === locationId);
    if (index < 0) return false;
    const { policy, sourceConnectionId, priorityConnectionIds } = rules;
    this.locations[index] = { ...this.locations[index], policy, sourceConnectionId, priorityConnectionIds };
    return true;
  }

  async count(tenantId: string): Promise<number> {
    return this.locations.filter((l) => l.tenantId === tenantId).length;
  }
}
