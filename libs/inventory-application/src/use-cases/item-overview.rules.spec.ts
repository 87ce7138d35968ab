import { EMPTY_FIGURES, NO_CHANNEL_RULES, type StockFigures } from '@tally/inventory-domain';
import type { Channel } from '../model/channel.model';
import { OVERVIEW_STATUSES, type ItemOverviewFacts, type ItemOverviewQuery, type OverviewLevel } from '../model/item-overview.model';
import { countStatuses, matchesWords, needsEveryLevel, overviewRowOf, searchWordsOf, selectOverviewRows } from './item-overview.rules';

const level = (locationId: string, figures: Partial<StockFigures>, present = true, updatedAt = '2026-12-01T00:00:00.000Z'): OverviewLevel => ({
  locationId,
  present,
  figures: { ...EMPTY_FIGURES, ...figures },
  updatedAt,
});

const item = (itemId: string, more: Partial<ItemOverviewFacts> = {}): ItemOverviewFacts => ({
  itemId,
  name: null,
  createdAt: '2026-11-01T00:00:00.000Z',
  identifiers: [],
  levels: [],
  openDiscrepancy: false,
  override: null,
  ...more,
});

const query = (more: Partial<ItemOverviewQuery> = {}): ItemOverviewQuery => ({ sort: 'name', direction: 'asc', ...more });

const channel = { id: 'ch', locationIds: ['b'], rules: { ...NO_CHANNEL_RULES, bufferUnits: 1 } } as unknown as Channel;

describe('search words', () => {
  it('matches when every word occurs in the name or an identifier, whatever the case and order', () => {
    const hoodie = { name: 'Hoodie, Navy, L', identifiers: [{ kind: 'sku' as const, value: 'HD-NV-L', connectionId: null }] };
    expect(matchesWords(hoodie, searchWordsOf('hoodie navy'))).toBe(true);
    expect(matchesWords(hoodie, searchWordsOf('NAVY, hoodie'))).toBe(true);
    expect(matchesWords(hoodie, searchWordsOf('hoodie hd-nv'))).toBe(true);
    expect(matchesWords(hoodie, searchWordsOf('hoodie black'))).toBe(false);
    expect(matchesWords({ name: null, identifiers: [] }, searchWordsOf('  '))).toBe(true);
  });
});

describe('overviewRowOf', () => {
  it('keeps an unknown on hand unknown: null, not zero and not unlimited', () => {
    expect(overviewRowOf(item('i', { levels: [level('a', { reserved: 2 })] }), null, null)).toMatchObject({
      onHand: null,
      reserved: 2,
      sellable: 0,
      unlimited: false,
      status: 'out_of_stock',
    });
  });

  it('sums known on hand, sells the clamped sum, and lets no negative place hide stock', () => {
    const row = overviewRowOf(item('i', { levels: [level('a', { onHand: -4 }), level('b', { onHand: 3 }), level('c', { onHand: 9 }, false)] }), null, null);
    expect(row).toMatchObject({ onHand: -1, sellable: 3, status: 'in_stock' });
  });

  it('calls an item without a record untracked, and dates it by its newest level or its creation', () => {
    const removed = item('i', { levels: [level('a', { onHand: 4 }, false, '2026-12-03T00:00:00.000Z')] });
    expect(overviewRowOf(removed, null, null)).toMatchObject({ status: 'untracked', onHand: null, updatedAt: '2026-12-03T00:00:00.000Z' });
    expect(overviewRowOf(item('j'), null, null)).toMatchObject({ status: 'untracked', updatedAt: '2026-11-01T00:00:00.000Z' });
  });

  it('gives the channel’s figure: its locations only, its rules applied', () => {
    const row = overviewRowOf(item('i', { levels: [level('a', { onHand: 50 }), level('b', { onHand: 5 })] }), null, channel);
    expect(row.channel).toEqual({ channelId: 'ch', figure: 4 });
  });
});

describe('selectOverviewRows', () => {
  const facts = [
    item('i3', { name: 'beta', levels: [level('a', { onHand: 5 })] }),
    item('i1', { name: 'Beta', levels: [level('a', { onHand: 0 })] }),
    item('i2', { name: null, levels: [level('a', { infinite: true })] }),
    item('i4', { name: 'alpha', levels: [level('a', { onHand: 2, lowStockThreshold: 3 })], openDiscrepancy: true }),
    item('i5', { name: 'gamma', levels: [level('b', { onHand: 1 })] }),
  ];
  const ids = (q: Partial<ItemOverviewQuery>, ch: Channel | null = null) => selectOverviewRows(facts, query(q), ch).map((r) => r.id);

  it('sorts case-insensitively, ties by id, missing values last; descending is the exact reverse', () => {
    expect(ids({})).toEqual(['i4', 'i1', 'i3', 'i5', 'i2']);
    expect(ids({ direction: 'desc' })).toEqual(['i2', 'i5', 'i3', 'i1', 'i4']);
    expect(ids({ sort: 'sellable' })).toEqual(['i1', 'i5', 'i4', 'i3', 'i2']);
    expect(ids({ sort: 'onHand' })).toEqual(['i1', 'i5', 'i4', 'i3', 'i2']);
  });

  it('filters by status, open discrepancy and channel', () => {
    expect(ids({ status: 'low_stock' })).toEqual(['i4']);
    expect(ids({ status: 'out_of_stock' })).toEqual(['i1']);
    expect(ids({ openDiscrepancy: true })).toEqual(['i4']);
    expect(ids({}, channel)).toEqual(['i5']);
    expect(ids({}, { ...channel, locationIds: null } as Channel)).toHaveLength(5);
    const excluded = facts.map((f) => (f.itemId === 'i5' ? { ...f, override: { rules: {}, fixed: null, excluded: true } } : f));
    expect(selectOverviewRows(excluded, query(), channel)).toEqual([]);
  });

  it('selects and orders without levels exactly as with them whenever it says the levels are not needed', () => {
    const bare = facts.map((f) => ({ ...f, levels: [] }));
    const queries: Partial<ItemOverviewQuery>[] = [{}, { direction: 'desc' }, { sort: 'sku' }, { q: 'beta' }, { openDiscrepancy: true }];
    for (const q of queries) {
      expect(needsEveryLevel(query(q))).toBe(false);
      expect(selectOverviewRows(bare, query(q), null).map((r) => r.id)).toEqual(ids(q));
    }
    const levelled: Partial<ItemOverviewQuery>[] = [
      { status: 'in_stock' },
      { locationId: 'a' },
      { channelId: 'ch' },
      { sort: 'onHand' },
      { sort: 'sellable' },
      { sort: 'updatedAt' },
    ];
    for (const q of levelled) expect(needsEveryLevel(query(q))).toBe(true);
  });

  it('counts each status exactly as the status filter selects', () => {
    const counts = countStatuses(selectOverviewRows(facts, query(), null));
    for (const status of OVERVIEW_STATUSES) expect({ status, n: counts[status] }).toEqual({ status, n: ids({ status }).length });
    expect(counts).toMatchObject({ in_stock: 3, low_stock: 1, out_of_stock: 1 });
  });
});
