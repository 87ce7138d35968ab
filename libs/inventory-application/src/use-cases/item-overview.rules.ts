import { itemAvailability } from '@tally/inventory-domain';
import { firstOfEachKind } from '../model/item-identifier.model';
import type { Channel } from '../model/channel.model';
import {
  OVERVIEW_STATUSES,
  type ItemOverviewFacts,
  type ItemOverviewQuery,
  type ItemOverviewRow,
  type OverviewSort,
  type OverviewStatusCounts,
} from '../model/item-overview.model';
import { channelFigureOf } from './channel-figure.service';

/** The words of a search: split at spaces and commas, lower-cased; empty for no search. */
export function searchWordsOf(q: string | undefined): string[] {
  return (q ?? '')
    .toLowerCase()
    .split(/[\s,;]+/u)
    .filter((w) => w.length > 0);
}

/** True when every word occurs in the item's name or in one of its identifiers. */
export function matchesWords(facts: Pick<ItemOverviewFacts, 'name' | 'identifiers'>, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const texts = [facts.name ?? '', ...facts.identifiers.map((i) => i.value)].map((t) => t.toLowerCase());
  return words.every((w) => texts.some((t) => t.includes(w)));
}

/**
 * One item's row: figures and status from the domain's availability rules over its levels with a
 * record (an item with none is `untracked`), and its available-to-sell on `channel` if given.
 */
export function overviewRowOf(facts: ItemOverviewFacts, locationId: string | null, channel: Channel | null): ItemOverviewRow {
  const present = facts.levels.filter((l) => l.present);
  const availability = itemAvailability(present);
  const known = present.filter((l) => l.figures.onHand !== null);
  const updatedAt = facts.levels.reduce((newest, l) => (l.updatedAt > newest ? l.updatedAt : newest), facts.createdAt);
  const first = firstOfEachKind(facts.identifiers);
  return {
    id: facts.itemId,
    name: facts.name,
    sku: first.sku,
    gtin: first.gtin,
    partNumber: first.partNumber,
    identifiers: facts.identifiers,
    onHand: known.length === 0 ? null : known.reduce((sum, l) => sum + (l.figures.onHand ?? 0), 0),
    reserved: present.reduce((sum, l) => sum + l.figures.reserved, 0),
    sellable: availability.sellable,
    unlimited: availability.unlimited,
    status: present.length === 0 ? 'untracked' : availability.status,
    openDiscrepancy: facts.openDiscrepancy,
    updatedAt,
    locationId,
    channel: channel && { channelId: channel.id, figure: channelFigureOf(channel, { ...facts, changedAt: null, sync: null }).figure },
  };
}

/** True when the channel sells the item: a record at one of its locations, and no exclusion. */
export function channelSells(channel: Channel, facts: ItemOverviewFacts): boolean {
  if (facts.override?.excluded) return false;
  const locations = channel.locationIds === null ? null : new Set(channel.locationIds);
  return facts.levels.some((l) => l.present && (locations === null || locations.has(l.locationId)));
}

/**
 * The rows a query selects, in its order (ties broken by id, so paging is stable). `facts` are
 * already narrowed by what the database selects (location, connection); the rest is here.
 */
export function selectOverviewRows(facts: readonly ItemOverviewFacts[], query: ItemOverviewQuery, channel: Channel | null): ItemOverviewRow[] {
  const words = searchWordsOf(query.q);
  const rows = facts
    .filter((f) => matchesWords(f, words) && (!query.openDiscrepancy || f.openDiscrepancy) && (channel === null || channelSells(channel, f)))
    .map((f) => overviewRowOf(f, query.locationId ?? null, channel))
    .filter((r) => query.status === undefined || r.status === query.status);
  const sign = query.direction === 'asc' ? 1 : -1;
  // Each key computed once, not once per comparison.
  const keyed = rows.map((row) => ({ row, key: overviewSortKey(row, query.sort) }));
  keyed.sort((a, b) => sign * compareSortKeys(a.key, b.key));
  return keyed.map((k) => k.row);
}

/**
 * True when the query's selection or order depends on the items' levels (a status, location or
 * channel filter, or a sort by figures or change time). Otherwise selecting and ordering need no
 * level, and only the levels of the page's rows need reading.
 */
export function needsEveryLevel(query: ItemOverviewQuery): boolean {
  return query.status !== undefined || query.locationId !== undefined || query.channelId !== undefined || !(query.sort === 'name' || query.sort === 'sku');
}

/** A row's position in an order: [group, value, id]; group 1 puts missing values (and unlimited sellable) after the rest. */
export type OverviewSortKey = [number, string | number, string];

/** The sort key of a row; names and SKUs compare lower-cased. */
export function overviewSortKey(row: ItemOverviewRow, sort: OverviewSort): OverviewSortKey {
  switch (sort) {
    case 'name':
      return row.name === null ? [1, '', row.id] : [0, row.name.toLowerCase(), row.id];
    case 'sku':
      return row.sku === null ? [1, '', row.id] : [0, row.sku.toLowerCase(), row.id];
    case 'onHand':
      return row.onHand === null ? [1, 0, row.id] : [0, row.onHand, row.id];
    case 'sellable':
      return row.unlimited ? [1, row.sellable, row.id] : [0, row.sellable, row.id];
    case 'updatedAt':
      return [0, row.updatedAt, row.id];
  }
}

/** Compares two sort keys element by element (numbers as numbers, text by code unit). */
export function compareSortKeys(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

/** Items per status, as the list's `status` filter would select them. */
export function countStatuses(rows: readonly ItemOverviewRow[]): OverviewStatusCounts {
  const counts = Object.fromEntries(OVERVIEW_STATUSES.map((s) => [s, 0])) as Record<(typeof OVERVIEW_STATUSES)[number], number>;
  for (const row of rows) counts[row.status]++;
  return counts;
}
