import type { Schemas } from '../api/client';

/**
 * A short name of an item: its SKU, else GTIN, else part number, else its name, else its whole id
 * (time-ordered ids share their first characters, so a prefix would name many items alike).
 */
export function itemLabel(item: Pick<Schemas['ItemDto'], 'id' | 'sku' | 'gtin' | 'partNumber'> & { readonly name?: string | null }): string {
  return item.sku ?? item.gtin ?? item.partNumber ?? item.name ?? item.id;
}

/** A timestamp in the operator's locale, or a dash. */
export function when(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}

/** Colour of a stock status badge. */
export function statusColor(status: string): string {
  return status === 'in_stock' ? 'green' : status === 'low_stock' ? 'yellow' : status === 'out_of_stock' ? 'red' : 'gray';
}

/** Colour of a job status badge. */
export function jobColor(status: string): string {
  return status === 'SUCCESS' ? 'green' : status === 'FAILED' ? 'red' : status === 'WORKING' ? 'blue' : 'gray';
}

/**
 * On hand as the operator reads it: `absent` for a removed level, ∞ for an infinite one, a dash
 * when no on-hand figure was reported (unknown is not infinite), else the number.
 */
export function onHandText(level: { present: boolean; figures: Pick<Schemas['StockFiguresDto'], 'onHand' | 'infinite'> }): string {
  if (!level.present) return 'absent';
  if (level.figures.infinite) return '∞';
  return level.figures.onHand === null ? '—' : String(level.figures.onHand);
}

/** What a resolved discrepancy's "chose source" says about the quantity it kept, if anything. */
export function chosenQuantityText(quantity: number | null | undefined): string {
  if (quantity === undefined) return '';
  return quantity === null ? ' (no quantity)' : ` (${quantity})`;
}
