import type { Schemas } from '../api/client';

/** A short name of an item: its SKU, else GTIN, else part number, else id. */
export function itemLabel(item: Pick<Schemas['ItemDto'], 'id' | 'sku' | 'gtin' | 'partNumber'>): string {
  return item.sku ?? item.gtin ?? item.partNumber ?? item.id.slice(0, 8);
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
