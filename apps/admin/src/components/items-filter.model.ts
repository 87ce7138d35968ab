import type { Schemas } from '../api/client';

/** The statuses the items list filters by, in the order an operator reads them. */
export const STATUS_CHOICES = [
  { value: 'out_of_stock', label: 'Out of stock' },
  { value: 'low_stock', label: 'Low on stock' },
  { value: 'in_stock', label: 'In stock' },
  { value: 'backorderable', label: 'Backorderable' },
  { value: 'preorderable', label: 'Preorderable' },
  { value: 'unavailable', label: 'Unavailable' },
  { value: 'discontinued', label: 'Discontinued' },
  { value: 'untracked', label: 'Untracked (no stock record)' },
] as const;

/** The columns the list sorts by. */
export type ItemsSort = 'name' | 'sku' | 'onHand' | 'sellable' | 'updatedAt';

/** The items list's filters and order, as kept in the page's URL (so a filtered list can be linked and saved). */
export interface ItemsFilter {
  readonly q: string;
  readonly status: string | null;
  readonly locationId: string | null;
  readonly connectionId: string | null;
  readonly channelId: string | null;
  readonly discrepancy: boolean;
  readonly sort: ItemsSort;
  readonly direction: 'asc' | 'desc';
}

const SORTS: readonly ItemsSort[] = ['name', 'sku', 'onHand', 'sellable', 'updatedAt'];
const STATUSES = new Set<string>(STATUS_CHOICES.map((s) => s.value));

/** The filter a URL's query holds; unknown or malformed values are left out. */
export function itemsFilterOf(search: URLSearchParams): ItemsFilter {
  const sort = search.get('sort') as ItemsSort | null;
  const status = search.get('status');
  return {
    q: search.get('q') ?? '',
    status: status && STATUSES.has(status) ? status : null,
    locationId: search.get('locationId') || null,
    connectionId: search.get('connectionId') || null,
    channelId: search.get('channelId') || null,
    discrepancy: search.get('discrepancy') === 'open',
    sort: sort && SORTS.includes(sort) ? sort : 'name',
    direction: search.get('direction') === 'desc' ? 'desc' : 'asc',
  };
}

/** The URL query of a filter: only what differs from the defaults, in a stable order. */
export function searchOf(filter: ItemsFilter): string {
  const params = new URLSearchParams();
  if (filter.q.trim()) params.set('q', filter.q.trim());
  if (filter.status) params.set('status', filter.status);
  if (filter.locationId) params.set('locationId', filter.locationId);
  if (filter.connectionId) params.set('connectionId', filter.connectionId);
  if (filter.channelId) params.set('channelId', filter.channelId);
  if (filter.discrepancy) params.set('discrepancy', 'open');
  if (filter.sort !== 'name') params.set('sort', filter.sort);
  if (filter.direction !== 'asc') params.set('direction', filter.direction);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The API query of the overview for a filter. */
export function overviewQueryOf(filter: ItemsFilter, cursor: string | null, limit: number) {
  return {
    limit,
    sort: filter.sort,
    direction: filter.direction,
    ...(filter.q.trim() ? { q: filter.q.trim() } : {}),
    ...(filter.status ? { status: filter.status as Schemas['ItemOverviewRowDto']['status'] } : {}),
    ...(filter.locationId ? { locationId: filter.locationId } : {}),
    ...(filter.connectionId ? { connectionId: filter.connectionId } : {}),
    ...(filter.channelId ? { channelId: filter.channelId } : {}),
    ...(filter.discrepancy ? { discrepancy: 'open' as const } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

/** The order after a click on a column's header: the other direction when it is already the order. */
export function toggledSort(filter: ItemsFilter, column: ItemsSort): Pick<ItemsFilter, 'sort' | 'direction'> {
  if (filter.sort !== column) return { sort: column, direction: column === 'updatedAt' ? 'desc' : 'asc' };
  return { sort: column, direction: filter.direction === 'asc' ? 'desc' : 'asc' };
}
