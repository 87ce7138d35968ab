import type { ItemReference, Location, LocationKind } from '../model/catalog.model';
import type { UnknownItemPolicy } from '../model/tenancy.model';
import type { ItemRepository, LocationRepository, NewItem } from '../ports/catalog-repository.port';
import type { CanonicalLine } from './apply-stock-batch.command';

/** Why a line could not be tied to an item and a location. */
export interface ResolutionFailure {
  readonly code: string;
  readonly message: string;
  readonly field: string;
}

/** Each line tied to ids, or why not; and the items created on the way. */
export interface LineResolution {
  readonly resolved: Map<number, { itemId: string; locationId: string }>;
  readonly failures: Map<number, ResolutionFailure>;
  readonly createdItemIds: string[];
}

/** A stable key of an item reference, to merge lines that name the same item. */
export function referenceKey(ref: ItemReference): string {
  if ('itemId' in ref) return `id:${ref.itemId}`;
  if ('sku' in ref) return `sku:${ref.sku}`;
  if ('gtin' in ref) return `gtin:${ref.gtin}`;
  if ('partNumber' in ref) return `part:${ref.partNumber}`;
  return `ext:${ref.external.connectionId}:${ref.external.externalId}`;
}

function describeReference(ref: ItemReference): { field: string; value: string } {
  if ('itemId' in ref) return { field: 'itemId', value: ref.itemId };
  if ('sku' in ref) return { field: 'sku', value: ref.sku };
  if ('gtin' in ref) return { field: 'gtin', value: ref.gtin };
  if ('partNumber' in ref) return { field: 'partNumber', value: ref.partNumber };
  return { field: 'externalId', value: ref.external.externalId };
}

/**
 * Ties lines to items and locations with one batch lookup per kind (DESIGN.md §4.1):
 * unknown items are created or rejected per policy; unknown location codes are created
 * only when the caller names the kind to create them as. Nothing is created for a line that
 * resolution refuses (ADR 0032).
 */
export class LineResolver {
  constructor(
    private readonly items: ItemRepository,
    private readonly locations: LocationRepository,
  ) {}

  async resolve(
    tenantId: string,
    lines: readonly CanonicalLine[],
    policy: UnknownItemPolicy,
    createLocationsAs: LocationKind | undefined,
    at: string,
  ): Promise<LineResolution> {
    const failures = new Map<number, ResolutionFailure>();
    const itemIds = await this.findItems(tenantId, lines);
    // A line fails before anything is created for it: an item that is neither known nor
    // creatable creates no location, and a location that cannot be resolved creates no item.
    for (const line of lines) {
      if (itemIds.has(referenceKey(line.item)) || (policy === 'create' && !('itemId' in line.item))) continue;
      failures.set(line.lineNo, unknownItemFailure(line.item, policy));
    }
    const locationIds = await this.resolveLocations(tenantId, lines.filter((l) => !failures.has(l.lineNo)), createLocationsAs, at);
    for (const line of lines) {
      if (failures.has(line.lineNo) || locationIds.has(locationKey(line.location))) continue;
      const field = 'code' in line.location ? 'location' : 'locationId';
      const value = 'code' in line.location ? line.location.code : line.location.locationId;
      failures.set(line.lineNo, { code: 'INVENTORY.UNKNOWN_LOCATION', message: `unknown location ${value}`, field });
    }
    const created = await this.createItems(tenantId, lines.filter((l) => !failures.has(l.lineNo) && !itemIds.has(referenceKey(l.item))), itemIds, at);
    const resolved = new Map<number, { itemId: string; locationId: string }>();
    for (const line of lines) {
      if (failures.has(line.lineNo)) continue;
      const itemId = itemIds.get(referenceKey(line.item));
      const locationId = locationIds.get(locationKey(line.location));
      if (itemId && locationId) resolved.set(line.lineNo, { itemId, locationId });
    }
    return { resolved, failures, createdItemIds: created };
  }

  /** Resolves one location, creating it when a kind is given; null when unknown. */
  async resolveLocation(
    tenantId: string,
    location: CanonicalLine['location'],
    createAs: LocationKind | undefined,
    at: string,
  ): Promise<string | null> {
    const probe = { lineNo: 0, item: { itemId: '' }, location, write: { kind: 'remove' }, sourceTimestamp: null } as const;
    const ids = await this.resolveLocations(tenantId, [probe], createAs, at);
    return ids.get(locationKey(location)) ?? null;
  }

  /** The items the lines name that exist, by reference key (one batch lookup). */
  private async findItems(tenantId: string, lines: readonly CanonicalLine[]): Promise<Map<string, string>> {
    const firstLineOf = new Map<string, CanonicalLine>();
    for (const line of lines) if (!firstLineOf.has(referenceKey(line.item))) firstLineOf.set(referenceKey(line.item), line);
    const keys = [...firstLineOf.keys()];
    const lookups = await this.items.findMany(tenantId, keys.map((k) => firstLineOf.get(k)!.item));
    const ids = new Map<string, string>();
    lookups.forEach((lookup, i) => lookup.found && ids.set(keys[i], lookup.item.id));
    return ids;
  }

  /** Creates the items of these lines (one per reference), adds them to `ids`, and answers their ids. */
  private async createItems(tenantId: string, lines: readonly CanonicalLine[], ids: Map<string, string>, at: string): Promise<string[]> {
    const firstLineOf = new Map<string, CanonicalLine>();
    for (const line of lines) if (!firstLineOf.has(referenceKey(line.item))) firstLineOf.set(referenceKey(line.item), line);
    const creatable = [...firstLineOf.values()];
    if (creatable.length === 0) return [];
    const created = await this.items.createMany(tenantId, creatable.map(newItemOf), at);
    created.forEach((item, i) => ids.set(referenceKey(creatable[i].item), item.id));
    return created.map((c) => c.id);
  }

  private async resolveLocations(
    tenantId: string,
    lines: readonly CanonicalLine[],
    createAs: LocationKind | undefined,
    at: string,
  ): Promise<Map<string, string>> {
    // Codes by the kind they are created as (a line's own kind first; the first line naming a code decides).
    const kindOf = new Map<string, LocationKind | undefined>();
    for (const l of lines) if ('code' in l.location && !kindOf.has(l.location.code)) kindOf.set(l.location.code, l.createLocationAs ?? createAs);
    const byKind = new Map<LocationKind | undefined, string[]>();
    for (const [code, kind] of kindOf) {
      const codes = byKind.get(kind);
      if (codes) codes.push(code);
      else byKind.set(kind, [code]);
    }
    const ids = [...new Set(lines.flatMap((l) => ('locationId' in l.location ? [l.location.locationId] : [])))];
    const map = new Map<string, string>();
    for (const [kind, codes] of byKind) {
      const found: (Location | null)[] = kind
        ? await this.locations.ensureMany(tenantId, codes, kind, at)
        : await this.locations.findByCodes(tenantId, codes);
      found.forEach((loc, i) => loc && map.set(`code:${codes[i]}`, loc.id));
    }
    const byId = await Promise.all(ids.map((id) => this.locations.get(tenantId, id)));
    byId.forEach((loc, i) => loc && map.set(`id:${ids[i]}`, loc.id));
    return map;
  }
}

function unknownItemFailure(ref: ItemReference, policy: UnknownItemPolicy): ResolutionFailure {
  const { field, value } = describeReference(ref);
  const message = `no item with ${field} ${value}${policy === 'reject' ? ' (unknown items are rejected)' : ''}`;
  return { code: 'INVENTORY.UNKNOWN_ITEM', message, field };
}

function locationKey(location: CanonicalLine['location']): string {
  return 'code' in location ? `code:${location.code}` : `id:${location.locationId}`;
}

function newItemOf(line: CanonicalLine): NewItem {
  const ref = line.item;
  const extra = line.itemIdentifiers ?? {};
  return {
    reference: ref,
    sku: 'sku' in ref ? ref.sku : (extra.sku ?? null),
    gtin: 'gtin' in ref ? ref.gtin : (extra.gtin ?? null),
    partNumber: 'partNumber' in ref ? ref.partNumber : (extra.partNumber ?? null),
    name: line.itemName ?? null,
  };
}
