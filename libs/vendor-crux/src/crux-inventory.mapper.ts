import type { CanonicalLine, Connection, LocationKind } from '@tally/inventory-application';
import type { CruxUpdate } from './crux-inventory.model';

/**
 * Where a Crux connection's stock lives. Crux names no location: the connection is one
 * supplier, so its stock is one `supplier` location, the connection's `defaultLocationCode`
 * when set, else `crux-<connection id>` (created on first use).
 */
export function cruxLocationOf(connection: Connection): { code: string; kind: LocationKind } {
  return { code: connection.settings.defaultLocationCode ?? `crux-${connection.id}`, kind: 'supplier' };
}

/**
 * One Crux update as a canonical `set` of the fields it names (a partial update): the patch
 * carries `onHand` (`quantity_in_stock`: units physically in stock, not net of reservations,
 * docs/architecture.md §4.2), `backorder` (`quantity_on_backorder`) and `restriction` (`restrictions`).
 * Crux sends no source time, so the line has none and arrival order decides. A `sku_id` sent
 * with a barcode names the item by both: the first is the line's reference, the other rides along.
 */
export function toCanonicalLine(lineNo: number, update: CruxUpdate, locationCode: string): CanonicalLine {
  const [first, ...others] = update.identifiers.map((i) => i.reference);
  const extra: { sku?: string; gtin?: string } = {};
  for (const ref of others) {
    if ('sku' in ref) extra.sku = ref.sku;
    else if ('gtin' in ref) extra.gtin = ref.gtin;
  }
  return {
    lineNo,
    item: first,
    ...(others.length ? { itemIdentifiers: extra } : {}),
    location: { code: locationCode },
    write: { kind: 'set', patch: update.patch },
    sourceTimestamp: null,
  };
}
