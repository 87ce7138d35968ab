import type { FieldProblem } from '@tally/vendor-kit';
/** Which of RetailOPS's two spellings of `inventory_push` a request used; answers follow it. */
export type PushShape = 'documented' | 'sdk';

/** The only action and version this endpoint speaks. */
export const SUPPORTED_ACTION = 'inventory_push';
export const SUPPORTED_VERSION = 1;

/** Where a breakdown row's stock is: a RetailOPS facility (own warehouse) or a vendor (drop-ship). */
export interface BreakdownPlace {
  readonly kind: 'facility' | 'vendor';
  readonly name: string;
}

/** Units on a purchase order, not yet sellable: canonical incoming stock. */
export interface InflightUnits {
  readonly quantity: number;
  /** ISO-8601 time, or null when RetailOPS sent no parseable date. */
  readonly expectedAt: string | null;
  readonly po: string | null;
}

/**
 * One breakdown row, normalized from `qty_breakdown[]` or `quantity_detail[]`.
 * `available` is net of RetailOPS's own reservations (docs/architecture.md §4.2); `total` ignores sellability.
 */
export interface BreakdownRow {
  readonly place: BreakdownPlace;
  readonly available: number | null;
  readonly total: number | null;
  readonly inflight: InflightUnits | null;
  readonly attributes: Readonly<Record<string, string>>;
}

/** One SKU of the push, validated. */
export interface SkuUpdate {
  /** Position of the SKU in the request (0 for the documented shape's single SKU). */
  readonly index: number;
  readonly sku: string;
  /** What RetailOPS says this channel may sell (`qty_available` / `quantity_available`); negative when oversold. */
  readonly available: number;
  readonly rows: readonly BreakdownRow[];
  /** What the breakdown rows add up to, inflight units included, compared with `available`; null without stock rows. */
  readonly breakdownSum: number | null;
  readonly attributes: Readonly<Record<string, string>>;
}

/** A SKU that failed validation: answered with an error event, never applied. */
export interface SkuProblem extends FieldProblem {
  readonly index: number;
  readonly sku: string | null;
}

/** The envelope of a push: who sends it and about which channel. */
export interface PushEnvelope {
  readonly shape: PushShape;
  readonly action: string;
  readonly version: number;
  readonly clientId: number;
  readonly channelId: number | null;
}

/** The SKUs of a push: the valid ones and the problems of the others. */
export interface ParsedSkus {
  readonly updates: readonly SkuUpdate[];
  readonly problems: readonly SkuProblem[];
}

/** A parsed push: its envelope, the valid SKUs and the problems of the others. */
export interface ParsedPush extends PushEnvelope, ParsedSkus {}
