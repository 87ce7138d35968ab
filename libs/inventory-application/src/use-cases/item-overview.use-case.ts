import { ApplicationError, ApplicationErrorCodes } from '../errors/application-error';
import type { Channel } from '../model/channel.model';
import type { ActivityRow, ConnectionActivity, ItemOverviewQuery, ItemOverviewRow, OverviewCounts } from '../model/item-overview.model';
import type { LocationRepository } from '../ports/catalog-repository.port';
import type { ChannelRepository } from '../ports/channel-repository.port';
import type { ItemOverviewReader } from '../ports/item-overview-reader.port';
import type { Page, PageRequest } from '../ports/page.model';
import type { ConnectionRepository } from '../ports/tenancy-repository.port';
import type { Clock } from '../ports/clock.port';
import { lowStockPlaces, type LowStockPlace } from './low-stock.rules';

/** The most days one activity answer covers. */
export const MAX_ACTIVITY_DAYS = 366;

const DAY_MS = 86_400_000;

/** An activity window: whole UTC days, the last one included. */
export interface ActivityWindow {
  readonly from: string;
  readonly to: string;
  readonly rows: ActivityRow[];
}

/**
 * What a stock manager's console shows (ADR 0059): the items overview with its filters, the
 * counts of its tiles, and the ledger's activity by day and source.
 */
export class ItemOverviewQueries {
  constructor(
    private readonly reader: ItemOverviewReader,
    private readonly locations: LocationRepository,
    private readonly connections: ConnectionRepository,
    private readonly channels: ChannelRepository,
    private readonly clock: Clock,
  ) {}

  /** One page of the overview; a location, connection or channel of another tenant is refused naming its field. */
  async list(tenantId: string, query: ItemOverviewQuery, page: PageRequest): Promise<Page<ItemOverviewRow>> {
    const [location, connection, channel] = await Promise.all([
      query.locationId === undefined ? null : this.locations.get(tenantId, query.locationId),
      query.connectionId === undefined ? null : this.connections.get(tenantId, query.connectionId),
      query.channelId === undefined ? null : this.channels.get(tenantId, query.channelId),
    ]);
    if (query.locationId !== undefined && !location) throw unknown('locationId', 'location', query.locationId);
    if (query.connectionId !== undefined && !connection) throw unknown('connectionId', 'connection', query.connectionId);
    if (query.channelId !== undefined && !channel) throw unknown('channelId', 'channel', query.channelId);
    return this.reader.list(tenantId, query, channel as Channel | null, page);
  }

  /**
   * Places out of stock or at or below their low-stock threshold, most short first (see
   * {@link lowStockPlaces}): the first `limit`, and how many there are in all.
   */
  async lowStock(tenantId: string, locationId: string | undefined, limit: number): Promise<{ total: number; places: LowStockPlace[] }> {
    if (locationId !== undefined && !(await this.locations.get(tenantId, locationId))) throw unknown('locationId', 'location', locationId);
    const places = lowStockPlaces(await this.reader.placeFacts(tenantId, locationId));
    return { total: places.length, places: places.slice(0, limit) };
  }

  counts(tenantId: string): Promise<OverviewCounts> {
    return this.reader.counts(tenantId);
  }

  /** The last `days` UTC days, today (UTC) included. */
  async activity(tenantId: string, days: number): Promise<ActivityWindow> {
    if (!Number.isSafeInteger(days) || days < 1 || days > MAX_ACTIVITY_DAYS) {
      throw new ApplicationError(ApplicationErrorCodes.validation, `days must be a whole number from 1 to ${MAX_ACTIVITY_DAYS}`, 'days');
    }
    const now = this.clock.now();
    const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY_MS;
    const from = new Date(end - days * DAY_MS).toISOString();
    const to = new Date(end).toISOString();
    return { from, to, rows: await this.reader.activity(tenantId, from, to) };
  }

  /**
   * Every connection of the tenant with what it wrote in the last {@link CONNECTION_WINDOW_DAYS}
   * days: its last change and its volume (a connection that wrote nothing there is listed with
   * none, so a silent connection shows up).
   */
  async connectionActivity(tenantId: string): Promise<{ from: string; connections: ConnectionActivity[] }> {
    const now = this.clock.now().getTime();
    const from = new Date(now - CONNECTION_WINDOW_DAYS * DAY_MS).toISOString();
    const written = new Map((await this.reader.connectionActivity(tenantId, from, new Date(now - DAY_MS).toISOString())).map((a) => [a.connectionId, a]));
    const connections = (await this.connections.list(tenantId)).map(
      (c) => written.get(c.id) ?? { connectionId: c.id, lastEntryAt: null, entriesLastDay: 0, entriesInWindow: 0 },
    );
    return { from, connections };
  }
}

/** How far back a connection's activity is read. */
export const CONNECTION_WINDOW_DAYS = 30;

function unknown(field: string, what: string, id: string): ApplicationError {
  return new ApplicationError(ApplicationErrorCodes.validation, `no ${what} ${id} in this tenant`, field);
}
