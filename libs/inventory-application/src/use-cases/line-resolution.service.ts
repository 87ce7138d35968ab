import type { Location, LocationKind } from '../model/catalog.model';
import type { UnknownItemPolicy } from '../model/tenancy.model';
import type { IdentityDiscrepancyRepository, ItemRepository, LocationRepository } from '../ports/catalog-repository.port';
import type { CanonicalLine } from './apply-stock-batch.command';
import { ItemResolver, type ResolutionFailure } from './item-resolution.service';

export { referenceKey, type ResolutionFailure } from './item-resolution.service';

/** Each line tied to ids, or why not; and the items created on the way. */
export interface LineResolution {
  readonly resolved: Map<number, { itemId: string; locationId: string }>;
  readonly failures: Map<number, ResolutionFailure>;
  readonly createdItemIds: string[];
}

/** Who sends the lines, for identity rules: attaching identifiers, opening discrepancies. */
export interface ResolutionSource {
  readonly connectionId: string | null;
  /** False when the connection forbids attaching identifiers to existing items. */
  readonly attachIdentifiers: boolean;
}

/**
 * Ties lines to items and locations with batch lookups: items by every identifier a line
 * names ({@link ItemResolver}), unknown items created or rejected per policy; unknown location
 * codes are created only when the caller names the kind to create them as.
 */
export class LineResolver {
  private readonly itemResolver: ItemResolver;

  constructor(
    items: ItemRepository,
    private readonly locations: LocationRepository,
    identity: IdentityDiscrepancyRepository | null = null,
  ) {
    this.itemResolver = new ItemResolver(items, identity);
  }

  async resolve(
    tenantId: string,
    lines: readonly CanonicalLine[],
    policy: UnknownItemPolicy,
    createLocationsAs: LocationKind | undefined,
    at: string,
    source: ResolutionSource = { connectionId: null, attachIdentifiers: true },
  ): Promise<LineResolution> {
    const failures = new Map<number, ResolutionFailure>();
    const itemIds = await this.itemResolver.resolve(
      tenantId,
      lines,
      { policy, connectionId: source.connectionId, attach: source.attachIdentifiers, at },
      failures,
    );
    const locationIds = await this.resolveLocations(tenantId, lines, createLocationsAs, at);
    const resolved = new Map<number, { itemId: string; locationId: string }>();
    for (const line of lines) {
      if (failures.has(line.lineNo)) continue;
      const itemId = itemIds.ids.get(line.lineNo);
      const locationId = locationIds.get(locationKey(line.location));
      if (!locationId) {
        const field = 'code' in line.location ? 'location' : 'locationId';
        const value = 'code' in line.location ? line.location.code : line.location.locationId;
        failures.set(line.lineNo, { code: 'INVENTORY.UNKNOWN_LOCATION', message: `unknown location ${value}`, field });
      } else if (itemId) {
        resolved.set(line.lineNo, { itemId, locationId });
      }
    }
    return { resolved, failures, createdItemIds: itemIds.created };
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

  private async resolveLocations(
    tenantId: string,
    lines: readonly CanonicalLine[],
    createAs: LocationKind | undefined,
    at: string,
  ): Promise<Map<string, string>> {
    const codes = [...new Set(lines.flatMap((l) => ('code' in l.location ? [l.location.code] : [])))];
    const ids = [...new Set(lines.flatMap((l) => ('locationId' in l.location ? [l.location.locationId] : [])))];
    const found: (Location | null)[] = codes.length
      ? createAs
        ? await this.locations.ensureMany(tenantId, codes, createAs, at)
        : await this.locations.findByCodes(tenantId, codes)
      : [];
    const map = new Map<string, string>();
    found.forEach((loc, i) => loc && map.set(`code:${codes[i]}`, loc.id));
    const byId = await Promise.all(ids.map((id) => this.locations.get(tenantId, id)));
    byId.forEach((loc, i) => loc && map.set(`id:${ids[i]}`, loc.id));
    return map;
  }
}

function locationKey(location: CanonicalLine['location']): string {
  return 'code' in location ? `code:${location.code}` : `id:${location.locationId}`;
}
