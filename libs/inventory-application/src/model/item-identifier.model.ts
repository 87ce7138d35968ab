import type { ItemIdentifier, ItemReference } from './catalog.model';

/** A reference that names an item by one of its identifiers (not by Tally id). */
export type IdentifierReference = Exclude<ItemReference, { readonly itemId: string }>;

/** The identifier a reference names. */
export function identifierOf(ref: IdentifierReference): ItemIdentifier {
  if ('sku' in ref) return { kind: 'sku', value: ref.sku, connectionId: null };
  if ('gtin' in ref) return { kind: 'gtin', value: ref.gtin, connectionId: null };
  if ('partNumber' in ref) return { kind: 'partNumber', value: ref.partNumber, connectionId: null };
  return { kind: 'external', value: ref.external.externalId, connectionId: ref.external.connectionId };
}

/** The reference that names an item by this identifier. */
export function referenceOf(identifier: ItemIdentifier): IdentifierReference {
  switch (identifier.kind) {
    case 'sku':
      return { sku: identifier.value };
    case 'gtin':
      return { gtin: identifier.value };
    case 'partNumber':
      return { partNumber: identifier.value };
    case 'external':
      return { external: { connectionId: identifier.connectionId ?? '', externalId: identifier.value } };
  }
}

/** A stable string of an identifier, for maps and messages' order. */
export function identifierKey(identifier: ItemIdentifier): string {
  return identifier.kind === 'external' ? `external:${identifier.connectionId}:${identifier.value}` : `${identifier.kind}:${identifier.value}`;
}

/** How an identifier reads in a message: `sku ABC`, `externalId 42 of connection c1`. */
export function describeIdentifier(identifier: ItemIdentifier): string {
  return identifier.kind === 'external' ? `externalId ${identifier.value} of connection ${identifier.connectionId}` : `${identifier.kind} ${identifier.value}`;
}

/** The item's first identifier of each kind, as the `sku`/`gtin`/`partNumber` fields show them. */
export function firstOfEachKind(identifiers: readonly ItemIdentifier[]): { sku: string | null; gtin: string | null; partNumber: string | null } {
  const first = (kind: ItemIdentifier['kind']) => identifiers.find((i) => i.kind === kind)?.value ?? null;
  return { sku: first('sku'), gtin: first('gtin'), partNumber: first('partNumber') };
}
