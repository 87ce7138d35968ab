import { AVAILABILITY_STATUSES, type AvailabilityStatus, type ChannelItemOverride, type StockLevel } from '@tally/inventory-domain';
import type { ItemIdentifier } from './catalog.model';
import type { ChannelFigure } from '../use-cases/channel-figure.service';

/**
 * The status of an item in the overview: the domain's availability status (docs/architecture.md
 * §4.9), or `untracked` when the item has no level with a record (where the list looks).
 */
export type OverviewStatus = AvailabilityStatus | 'untracked';

/** Every {@link OverviewStatus}, in the domain's order with `untracked` last. */
export const OVERVIEW_STATUSES: readonly OverviewStatus[] = [...AVAILABILITY_STATUSES, 'untracked'];

/** The columns the overview sorts by. */
export const OVERVIEW_SORTS = ['name', 'sku', 'onHand', 'sellable', 'updatedAt'] as const;

/** A column the overview sorts by. */
export type OverviewSort = (typeof OVERVIEW_SORTS)[number];

/** Filters and order of the items overview; every filter given must hold. */
export interface ItemOverviewQuery {
  /** Only items with a level at this location, and their figures there only. */
  readonly locationId?: string;
  readonly status?: OverviewStatus;
  /** Items this connection reported (an observation) or names (an external id). */
  readonly connectionId?: string;
  /** Items the channel sells, with their available-to-sell on it. */
  readonly channelId?: string;
  /** Only items with an open stock or identity discrepancy. */
  readonly openDiscrepancy?: boolean;
  /** Words that must each occur (case-insensitive) in the name or an identifier. */
  readonly q?: string;
  readonly sort: OverviewSort;
  readonly direction: 'asc' | 'desc';
}

/** A level as the overview reads it: what availability needs, and when it last changed. */
export type OverviewLevel = Pick<StockLevel, 'locationId' | 'present' | 'figures'> & { readonly updatedAt: string };

/** What one item's overview row is computed from, read in bulk. */
export interface ItemOverviewFacts {
  readonly itemId: string;
  readonly name: string | null;
  readonly createdAt: string;
  readonly identifiers: readonly ItemIdentifier[];
  /** Its levels (at the filtered location only, when filtered). */
  readonly levels: readonly OverviewLevel[];
  readonly openDiscrepancy: boolean;
  /** The filtered channel's override of the item, or null. */
  readonly override: ChannelItemOverride | null;
}

/** One item of the overview. */
export interface ItemOverviewRow {
  readonly id: string;
  readonly name: string | null;
  readonly sku: string | null;
  readonly gtin: string | null;
  readonly partNumber: string | null;
  readonly identifiers: readonly ItemIdentifier[];
  /** Sum of the known on-hand figures of its levels with a record; null when none is known. */
  readonly onHand: number | null;
  readonly reserved: number;
  /** Sum of each level's clamped sellable units (never negative); 0 when only unlimited. */
  readonly sellable: number;
  readonly unlimited: boolean;
  readonly status: OverviewStatus;
  readonly openDiscrepancy: boolean;
  /** The newest change of its levels, else when the item was created. */
  readonly updatedAt: string;
  /** The filtered location, or null for all of them. */
  readonly locationId: string | null;
  /** Available-to-sell on the filtered channel, or null without a channel filter. */
  readonly channel: { readonly channelId: string; readonly figure: ChannelFigure } | null;
}

/** Items per overview status, counted exactly as the list's `status` filter selects them. */
export type OverviewStatusCounts = Readonly<Record<OverviewStatus, number>>;

/** The tiles of the overview. */
export interface OverviewCounts {
  readonly items: { readonly total: number; readonly byStatus: OverviewStatusCounts; readonly openDiscrepancy: number };
  readonly discrepancies: { readonly stockOpen: number; readonly identityOpen: number };
  readonly connections: Readonly<Record<string, number>>;
  readonly jobs: { readonly pending: number; readonly working: number; readonly failed: number };
  readonly channels: { readonly total: number; readonly failingItems: number; readonly deadItems: number };
}

/** Ledger entries of one UTC day from one source: a connection, or (direct writes) an actor. */
export interface ActivityRow {
  /** `YYYY-MM-DD`, UTC. */
  readonly day: string;
  readonly connectionId: string | null;
  /** The actor of entries without a connection (an API key, an operator); null for a connection's. */
  readonly actor: string | null;
  readonly entries: number;
}

/** What a connection wrote lately: when it last changed a level, and how many changes. */
export interface ConnectionActivity {
  readonly connectionId: string;
  /** Its newest ledger entry within the window (ISO-8601); null when it wrote none there. */
  readonly lastEntryAt: string | null;
  /** Ledger entries in the last 24 hours. */
  readonly entriesLastDay: number;
  /** Ledger entries in the whole window. */
  readonly entriesInWindow: number;
}
