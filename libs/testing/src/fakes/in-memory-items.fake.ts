import {
  IdentityDiscrepancyRepository,
  ItemRepository,
  firstOfEachKind,
  identifierKey,
  identifierOf,
  type IdentifierAttachment,
  type IdentityDiscrepancy,
  type IdentityDiscrepancyStatus,
  type Item,
  type ItemIdentifier,
  type ItemLookup,
  type ItemReference,
  type NewIdentityDiscrepancy,
  type NewItem,
  type Page,
  type PageRequest,
} from '@tally/inventory-application';
import { pageOf } from './in-memory-catalog.fake';
import { byCreation } from './in-memory-tenancy.fake';

interface StoredItem {
  readonly id: string;
  readonly tenantId: string;
  name: string | null;
  attributes: Record<string, unknown>;
  readonly createdAt: string;
  mergedInto: string | null;
}

/** Items and their identifiers, kept in maps; identifiers are unique per tenant as in SQL. */
export class InMemoryItemRepository extends ItemRepository {
  readonly rows: StoredItem[] = [];
  /** `tenant|identifier key` → item id. */
  readonly identifiers = new Map<string, { tenantId: string; identifier: ItemIdentifier; itemId: string }>();
  private seq = 0;

  /** Every live item, as the API shows it. */
  get items(): Item[] {
    return this.rows.filter((r) => r.mergedInto === null).map((r) => this.toItem(r));
  }

  private holder(tenantId: string, ref: ItemReference): string | null {
    if ('itemId' in ref) {
      const row = this.rows.find((r) => r.tenantId === tenantId && r.id === ref.itemId);
      return row ? (row.mergedInto ?? row.id) : null;
    }
    return this.identifiers.get(`${tenantId}|${identifierKey(identifierOf(ref))}`)?.itemId ?? null;
  }

  async findItemIds(tenantId: string, references: readonly ItemReference[]): Promise<(string | null)[]> {
    return references.map((r) => this.holder(tenantId, r));
  }

  async findMany(tenantId: string, references: readonly ItemReference[]): Promise<ItemLookup[]> {
    const ids = await this.findItemIds(tenantId, references);
    return Promise.all(
      ids.map(async (id): Promise<ItemLookup> => {
        const item = id ? await this.get(tenantId, id) : null;
        return item ? { found: true, item } : { found: false };
      }),
    );
  }

  async createMany(tenantId: string, items: readonly NewItem[], at: string): Promise<string[]> {
    return items.map((n) => {
      const held = n.identifiers.map((r) => this.holder(tenantId, r)).find((h) => h !== null);
      const id = held ?? `item-${++this.seq}`;
      if (!held) this.rows.push({ id, tenantId, name: n.name, attributes: { ...(n.attributes ?? {}) }, createdAt: at, mergedInto: null });
      for (const ref of n.identifiers) this.put(tenantId, identifierOf(ref), id);
      return id;
    });
  }

  async attach(tenantId: string, attachments: readonly IdentifierAttachment[]): Promise<string[]> {
    return attachments.map((a) => this.put(tenantId, identifierOf(a.reference), a.itemId));
  }

  async detach(tenantId: string, itemId: string, identifier: ItemIdentifier): Promise<boolean> {
    const key = `${tenantId}|${identifierKey(identifier)}`;
    if (this.identifiers.get(key)?.itemId !== itemId) return false;
    return this.identifiers.delete(key);
  }

  async update(tenantId: string, itemId: string, changes: { name?: string | null; attributes?: Record<string, unknown> }): Promise<boolean> {
    const row = this.rows.find((r) => r.tenantId === tenantId && r.id === itemId && r.mergedInto === null);
    if (!row) return false;
    if (changes.name !== undefined) row.name = changes.name;
    if (changes.attributes !== undefined) row.attributes = { ...changes.attributes };
    return true;
  }

  async getMany(tenantId: string, itemIds: readonly string[]): Promise<Map<string, Item>> {
    const found = new Map<string, Item>();
    for (const id of itemIds) {
      const item = await this.get(tenantId, id);
      if (item) found.set(id, item);
    }
    return found;
  }

  async get(tenantId: string, itemId: string): Promise<Item | null> {
    const row = this.rows.find((r) => r.tenantId === tenantId && r.id === itemId && r.mergedInto === null);
    return row ? this.toItem(row) : null;
  }

  async search(tenantId: string, query: string | null, page: PageRequest): Promise<Page<Item>> {
    const q = query?.toLowerCase() ?? '';
    const all = this.items.filter(
      (i) => i.tenantId === tenantId && [i.name, ...(i.identifiers ?? []).map((x) => x.value)].some((v) => (v ?? '').toLowerCase().includes(q)),
    );
    all.sort(byCreation);
    return pageOf(all, page);
  }

  async externalIds(tenantId: string, itemId: string) {
    const item = await this.get(tenantId, itemId);
    return (item?.identifiers ?? []).filter((i) => i.kind === 'external').map((i) => ({ connectionId: i.connectionId as string, externalId: i.value }));
  }

  async count(tenantId: string): Promise<number> {
    return this.items.filter((i) => i.tenantId === tenantId).length;
  }

  /** The merge's move of identifiers and tombstone (called by the in-memory store). */
  absorb(tenantId: string, absorbedId: string, survivorId: string): void {
    for (const entry of this.identifiers.values()) if (entry.tenantId === tenantId && entry.itemId === absorbedId) entry.itemId = survivorId;
    const row = this.rows.find((r) => r.tenantId === tenantId && r.id === absorbedId);
    if (row) row.mergedInto = survivorId;
  }

  private put(tenantId: string, identifier: ItemIdentifier, itemId: string): string {
    const key = `${tenantId}|${identifierKey(identifier)}`;
    const existing = this.identifiers.get(key);
    if (existing) return existing.itemId;
    this.identifiers.set(key, { tenantId, identifier, itemId });
    return itemId;
  }

  private toItem(row: StoredItem): Item {
    const identifiers = [...this.identifiers.values()].filter((e) => e.tenantId === row.tenantId && e.itemId === row.id).map((e) => e.identifier);
    return {
      id: row.id,
      tenantId: row.tenantId,
      ...firstOfEachKind(identifiers),
      name: row.name,
      createdAt: row.createdAt,
      identifiers,
      attributes: row.attributes,
    };
  }
}

/** Identity discrepancies kept in a list; one open per pair of items. */
export class InMemoryIdentityDiscrepancies extends IdentityDiscrepancyRepository {
  readonly all: IdentityDiscrepancy[] = [];
  private seq = 0;

  async open(tenantId: string, discrepancies: readonly NewIdentityDiscrepancy[]): Promise<void> {
    for (const d of discrepancies) {
      // The pair is kept sorted, so (a, b) and (b, a) are one pair.
      const itemIds = [...d.itemIds].sort() as [string, string];
      const pair = itemIds.join('|');
      if (this.all.some((x) => x.tenantId === tenantId && x.status === 'open' && x.itemIds.join('|') === pair)) continue;
      this.all.push({ ...d, itemIds, id: `identity-${++this.seq}`, tenantId, status: 'open', resolvedAt: null, resolution: null });
    }
  }

  async get(tenantId: string, id: string): Promise<IdentityDiscrepancy | null> {
    return this.all.find((d) => d.tenantId === tenantId && d.id === id) ?? null;
  }

  async list(tenantId: string, status: IdentityDiscrepancyStatus | null, page: PageRequest): Promise<Page<IdentityDiscrepancy>> {
    const found = this.all.filter((d) => d.tenantId === tenantId && (status === null || d.status === status));
    return pageOf(
      found.sort((a, b) => byCreation({ createdAt: a.openedAt, id: a.id }, { createdAt: b.openedAt, id: b.id })),
      page,
    );
  }

  async dismiss(tenantId: string, id: string, note: string | null, at: string): Promise<boolean> {
    const index = this.all.findIndex((d) => d.tenantId === tenantId && d.id === id && d.status === 'open');
    if (index < 0) return false;
    this.all[index] = { ...this.all[index], status: 'dismissed', resolvedAt: at, resolution: note };
    return true;
  }

  /** The merge's share: discrepancies between the two close, others of the absorbed item move. */
  absorb(tenantId: string, absorbedId: string, survivorId: string, at: string): void {
    this.all.forEach((d, i) => {
      if (d.tenantId !== tenantId || d.status !== 'open' || !d.itemIds.includes(absorbedId)) return;
      const other = d.itemIds.find((x) => x !== absorbedId) as string;
      this.all[i] =
        other === survivorId
          ? { ...d, status: 'merged', resolvedAt: at, resolution: `merged into ${survivorId}` }
          : { ...d, itemIds: [survivorId, other].sort() as [string, string] };
    });
  }
}
