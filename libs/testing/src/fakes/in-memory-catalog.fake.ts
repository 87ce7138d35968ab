import { LocationRepository, type Location, type LocationKind, type LocationPolicySettings, type Page, type PageRequest } from '@tally/inventory-application';

/** Pages an in-memory list with a numeric offset cursor. */
export function pageOf<T>(all: T[], page: PageRequest): Page<T> {
  const start = page.cursor ? Number(page.cursor) : 0;
  const items = all.slice(start, start + page.limit);
  return { items, nextCursor: start + page.limit < all.length ? String(start + page.limit) : null };
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
      const created: Location = {
        id: `loc-${this.seq}`,
        tenantId,
        code,
        name: null,
        kind,
        policy: 'single-source',
        sourceConnectionId: null,
        priorityConnectionIds: [],
        createdAt: at,
      };
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
    // By code, as the SQL adapter pages.
    const byCode = this.locations.filter((l) => l.tenantId === tenantId).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    return pageOf(byCode, page);
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
