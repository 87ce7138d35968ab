import type { Channel } from '../model/channel.model';
import type { ActivityRow, ConnectionActivity, ItemOverviewFacts, ItemOverviewQuery, ItemOverviewRow, OverviewCounts } from '../model/item-overview.model';
import type { Page, PageRequest } from './page.model';

/**
 * The console's read model over a whole tenant: the items overview, its counts and the ledger's
 * activity. Rows and statuses come from the application's overview rules
 * (`item-overview.rules.ts`), so a count and the list's filter of the same name always agree.
 */
export abstract class ItemOverviewReader {
  /** One page of the overview; `channel` is the channel `query.channelId` names (checked by the caller). */
  abstract list(tenantId: string, query: ItemOverviewQuery, channel: Channel | null, page: PageRequest): Promise<Page<ItemOverviewRow>>;
  /** Every live item's facts with all its levels (at `locationId` only, when given), for the low-stock list. */
  abstract placeFacts(tenantId: string, locationId: string | undefined): Promise<ItemOverviewFacts[]>;
  /** The overview's tiles. */
  abstract counts(tenantId: string): Promise<OverviewCounts>;
  /** Ledger entries per UTC day and source, recorded at or after `from` and before `to` (ISO-8601, UTC). */
  abstract activity(tenantId: string, from: string, to: string): Promise<ActivityRow[]>;
  /** Per connection that wrote at or after `from`: its newest entry, its entries since `lastDayFrom`, and since `from`. */
  abstract connectionActivity(tenantId: string, from: string, lastDayFrom: string): Promise<ConnectionActivity[]>;
}
