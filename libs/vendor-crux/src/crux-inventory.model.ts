import type { CanonicalErrorCode, FieldProblem } from '@tally/vendor-kit';
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
  noSuchRoute: 'CRUX.NO_SUCH_ROUTE',
  methodNotAllowed: 'CRUX.METHOD_NOT_ALLOWED',
  bodyTooLarge: 'CRUX.BODY_TOO_LARGE',
  unsupportedMediaType: 'CRUX.UNSUPPORTED_MEDIA_TYPE',
  badRequest: 'CRUX.BAD_REQUEST',
  serviceUnavailable: 'CRUX.SERVICE_UNAVAILABLE',
  internal: 'CRUX.INTERNAL_ERROR',
} as const;

/** A code of the Crux adapter's own, such as `CRUX.SKU_NOT_FOUND`. */
export type CruxOwnErrorCode = (typeof CruxErrorCodes)[keyof typeof CruxErrorCodes];

/** Every code a Crux answer may carry: its own, or a canonical code passed through. */
export type CruxErrorCode = CruxOwnErrorCode | CanonicalErrorCode;

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
  readonly code: CruxErrorCode;
  readonly message: string;
  readonly errors: readonly FieldProblem[];
}

/** Either a parsed value or the problem that refuses it. */
export type CruxParse<T> = Result<T, CruxProblem>;

/** Builds a {@link CruxProblem}; the message defaults to the first field's. */
export function cruxProblem(status: number, code: CruxErrorCode, errors: readonly FieldProblem[], message?: string): CruxProblem {
  return { status, code, message: message ?? errors.map((e) => e.message).join('; '), errors };
}
