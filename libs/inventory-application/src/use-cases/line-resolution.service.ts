import { DomainErrorCodes } from '@tally/inventory-domain';
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
  /**
   * Set for a dry run: nothing is created, attached or opened; an item or location that would
   * be created gets an id from this instead, so the lines can still be reconciled.
   */
  readonly provisionalId?: () => string;
}

/**
 * Ties lines to items and locations with batch lookups: items by every identifier a line
 * names ({@link ItemResolver}), unknown items created or rejected per policy; unknown location
 * codes are created only when the caller (or the line) names the kind to create them as.
 * Nothing is created for a line that resolution refuses (ADR 0032): a line whose location can
 * be neither found nor created creates no item, and a line whose item is refused creates no
 * location.
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
    const known = await this.resolveLocations(tenantId, lines, createLocationsAs, at, false);
    for (const line of lines) {
      if (known.has(locationKey(line.location)) || kindToCreate(line, createLocationsAs)) continue;
      const field = 'code' in line.location ? 'location' : 'locationId';
      const value = 'code' in line.location ? line.location.code : line.location.locationId;
      failures.set(line.lineNo, { code: DomainErrorCodes.unknownLocation, message: `unknown location ${value}`, field });
    }
    const itemIds = await this.itemResolver.resolve(
      tenantId,
      lines.filter((l) => !failures.has(l.lineNo)),
      { policy, connectionId: source.connectionId, attach: source.attachIdentifiers, at, provisionalId: source.provisionalId },
      failures,
    );
    const missing = lines.filter((l) => !failures.has(l.lineNo) && !known.has(locationKey(l.location)));
    let createdLocations = new Map<string, string>();
    if (missing.length > 0 && source.provisionalId) createdLocations = provisionalLocations(missing, source.provisionalId);
    else if (missing.length > 0) createdLocations = await this.resolveLocations(tenantId, missing, createLocationsAs, at, true);
    const resolved = new Map<number, { itemId: string; locationId: string }>();
    for (const line of lines) {
      if (failures.has(line.lineNo)) continue;
      const itemId = itemIds.ids.get(line.lineNo);
      const locationId = known.get(locationKey(line.location)) ?? createdLocations.get(locationKey(line.location));
      if (itemId && locationId) resolved.set(line.lineNo, { itemId, locationId });
    }
    return { resolved, failures, createdItemIds: itemIds.created };
  }

  /** Resolves one location, creating it when a kind is given; null when unknown. */
  async resolveLocation(tenantId: string, location: CanonicalLine['location'], createAs: LocationKind | undefined, at: string): Promise<string | null> {
    const probe = { lineNo: 0, item: { itemId: '' }, location, write: { kind: 'remove' }, sourceTimestamp: null } as const;
    const ids = await this.resolveLocations(tenantId, [probe], createAs, at, true);
    return ids.get(locationKey(location)) ?? null;
  }

  /** The locations the lines name, by key; `create`: missing codes with a kind are created. */
  private async resolveLocations(
    tenantId: string,
    lines: readonly CanonicalLine[],
    createAs: LocationKind | undefined,
    at: string,
    create: boolean,
  ): Promise<Map<string, string>> {
    // Codes by the kind they are created as (a line's own kind first; the first line naming a code decides).
    const kindOf = new Map<string, LocationKind | undefined>();
    for (const l of lines) if ('code' in l.location && !kindOf.has(l.location.code)) kindOf.set(l.location.code, kindToCreate(l, createAs));
    const byKind = new Map<LocationKind | undefined, string[]>();
    for (const [code, kind] of kindOf) {
      const key = create ? kind : undefined;
      const codes = byKind.get(key);
      if (codes) codes.push(code);
      else byKind.set(key, [code]);
    }
    const ids = [...new Set(lines.flatMap((l) => ('locationId' in l.location ? [l.location.locationId] : [])))];
    const map = new Map<string, string>();
    for (const [kind, codes] of byKind) {
      const found: (Location | null)[] = kind ? await this.locations.ensureMany(tenantId, codes, kind, at) : await this.locations.findByCodes(tenantId, codes);
      found.forEach((loc, i) => loc && map.set(`code:${codes[i]}`, loc.id));
    }
    const byId = await Promise.all(ids.map((id) => this.locations.get(tenantId, id)));
    byId.forEach((loc, i) => loc && map.set(`id:${ids[i]}`, loc.id));
    return map;
  }
}

/** The kind a line's unknown location would be created as, if any (never for a location id). */
function kindToCreate(line: CanonicalLine, createAs: LocationKind | undefined): LocationKind | undefined {
  return 'code' in line.location ? (line.createLocationAs ?? createAs) : undefined;
}

/** One provisional id per location a dry run would create (the resolver checked it may be). */
function provisionalLocations(lines: readonly CanonicalLine[], provisionalId: () => string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of lines) if (!map.has(locationKey(line.location))) map.set(locationKey(line.location), provisionalId());
  return map;
}

function locationKey(location: CanonicalLine['location']): string {
  return 'code' in location ? `code:${location.code}` : `id:${location.locationId}`;
}
