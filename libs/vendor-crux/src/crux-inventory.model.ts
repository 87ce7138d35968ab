import type { FieldProblem } from '@tally/vendor-kit';
import type { ItemReference } from '@tally/inventory-application';
import type { IdentifierKind, Result, StockPatch } from '@tally/inventory-domain';

/** The identifier names Crux accepts, in the order its document lists them. */
export const CRUX_IDENTIFIERS = ['sku_id', 'upca', 'ean13', 'gtin14', 'isbn'] as const;

/** One of {@link CRUX_IDENTIFIERS}. */
export type CruxIdentifierName = (typeof CRUX_IDENTIFIERS)[number];

/** The only fields the document lets this endpoint change. */
export const CRUX_INVENTORY_FIELDS = ['quantity_in_stock', 'quantity_on_backorder', 'restrictions'] as const;

/** Crux's restriction codes and the canonical restriction each one means. */
export const CRUX_RESTRICTIONS = { discontd: 'discontinued', tmpunavail: 'temporarily_unavailable' } as const;

/** The GTIN kind of each barcode identifier (`isbn` is decided by its length). */
export const GTIN_KIND_OF: Readonly<Record<Exclude<CruxIdentifierName, 'sku_id' | 'isbn'>, IdentifierKind>> = {
  upca: 'upc_a',
  ean13: 'ean_13',
  gtin14: 'gtin_14',
};

/** Stable codes of the Crux adapter's own refusals (the domain's codes pass through). */
export const CruxErrorCodes = {
  malformed: 'CRUX.MALFORMED_BODY',
  missingField: 'CRUX.MISSING_FIELD',
  invalidField: 'CRUX.INVALID_FIELD',
  forbiddenField: 'CRUX.FIELD_NOT_PERMITTED',
  identifiersDisagree: 'CRUX.IDENTIFIERS_DISAGREE',
  skuNotFound: 'CRUX.SKU_NOT_FOUND',
  unauthenticated: 'CRUX.UNAUTHENTICATED',
  badCredentials: 'CRUX.BAD_CREDENTIALS',
} as const;

/** One identifier as sent, with the item reference it stands for. */
export interface CruxIdentifier {
  readonly name: CruxIdentifierName;
  /** The value as the client sent it, for messages. */
  readonly value: string;
  /** `{sku}` for `sku_id`, `{gtin}` (normalized GTIN-14) for the barcodes. */
  readonly reference: ItemReference;
}

/** A valid update of one SKU: its identifiers (one or several that must agree) and the figures it sets. */
export interface CruxUpdate {
  readonly identifiers: readonly CruxIdentifier[];
  /** Only `onHand`, `backorder` and `restriction` are ever set. */
  readonly patch: StockPatch;
}

/** A refusal in Crux's terms: an HTTP status, a stable code and the fields at fault. */
export interface CruxProblem {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly errors: readonly FieldProblem[];
}

/** Either a parsed value or the problem that refuses it. */
export type CruxParse<T> = Result<T, CruxProblem>;

/** Builds a {@link CruxProblem}; the message defaults to the first field's. */
export function cruxProblem(status: number, code: string, errors: readonly FieldProblem[], message?: string): CruxProblem {
  return { status, code, message: message ?? errors.map((e) => e.message).join('; '), errors };
}
