import type {
  Channel,
  ChannelDelivery,
  ChannelIdentifierChoice,
  ChannelItemState,
  ChannelItemSync,
  ChannelOverride,
  ChannelStatus,
} from '@tally/inventory-application';
import type { ChannelRules } from '@tally/inventory-domain';
import { bool } from '../mapping/inventory-row.mapper';
import { selectList } from '../schema/schema.catalogue';

/** Columns of `channels` that map to a {@link Channel}. */
export const CHANNEL_COLUMNS = selectList('channels', 'c', [
  'id',
  'tenant_id',
  'name',
  'dialect',
  'status',
  'base_url',
  'location_ids',
  'rules',
  'identifier',
  'settings',
  'credentials',
  'created_at',
  'updated_at',
  'events',
]);

/** A `channels` row as selected with {@link CHANNEL_COLUMNS}. */
export interface ChannelRow {
  id: string;
  tenant_id: string;
  name: string;
  dialect: string;
  status: string;
  base_url: string;
  location_ids: string | null;
  rules: string;
  identifier: string;
  settings: string;
  credentials: string;
  created_at: string;
  updated_at: string;
  events: string;
}

/** Maps a `channels` row. */
export function channelOf(row: ChannelRow): Channel {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    dialect: row.dialect,
    status: row.status as ChannelStatus,
    baseUrl: row.base_url,
    locationIds: row.location_ids === null ? null : (JSON.parse(row.location_ids) as string[]),
    rules: JSON.parse(row.rules) as ChannelRules,
    identifier: JSON.parse(row.identifier) as ChannelIdentifierChoice,
    settings: JSON.parse(row.settings) as Record<string, unknown>,
    sealedCredentials: row.credentials,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    events: JSON.parse(row.events) as string[],
  };
}

/** The stored values of a channel, in {@link CHANNEL_COLUMNS} order. */
export function channelValues(c: Channel): (string | null)[] {
  return [
    c.id,
    c.tenantId,
    c.name,
    c.dialect,
    c.status,
    c.baseUrl,
    c.locationIds === null ? null : JSON.stringify(c.locationIds),
    JSON.stringify(c.rules),
    JSON.stringify(c.identifier),
    JSON.stringify(c.settings),
    c.sealedCredentials,
    c.createdAt,
    c.updatedAt,
    JSON.stringify(c.events),
  ];
}

/** Columns of `channel_items` that map to a {@link ChannelItemSync}. */
export const SYNC_COLUMNS = selectList('channel_items', 'ci', [
  'item_id',
  'state',
  'marked_at',
  'sent_quantity',
  'sent_unlimited',
  'sent_at',
  'attempts',
  'next_attempt_at',
  'last_error',
]);

/** A `channel_items` row as selected with {@link SYNC_COLUMNS}. */
export interface SyncRow {
  item_id: string;
  state: string;
  marked_at: string;
  sent_quantity: number | string | null;
  sent_unlimited: boolean | number;
  sent_at: string | null;
  attempts: number | string;
  next_attempt_at: string;
  last_error: string | null;
}

/** What a channel last accepted, from the stored columns. */
export const sentOf = (quantity: number | string | null, unlimited: boolean | number): number | 'unlimited' | null =>
  bool(unlimited) ? 'unlimited' : quantity === null ? null : Number(quantity);

/** Maps a `channel_items` row. */
export function syncOf(row: SyncRow): ChannelItemSync {
  return {
    itemId: row.item_id,
    state: row.state as ChannelItemState,
    markedAt: row.marked_at,
    sent: sentOf(row.sent_quantity, row.sent_unlimited),
    sentAt: row.sent_at,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
  };
}

/** A `channel_overrides` row. */
export interface OverrideRow {
  item_id: string;
  rules: string;
  fixed: string | null;
  excluded: boolean | number;
  updated_at: string;
}

/** Maps a `channel_overrides` row. */
export function overrideOf(row: OverrideRow): ChannelOverride {
  const fixed = row.fixed === null ? null : row.fixed === 'unlimited' ? 'unlimited' : Number(row.fixed);
  return { itemId: row.item_id, rules: JSON.parse(row.rules) as Partial<ChannelRules>, fixed, excluded: bool(row.excluded), updatedAt: row.updated_at };
}

/** A `channel_deliveries` row. */
export interface DeliveryRow {
  id: number | string;
  started_at: string;
  finished_at: string;
  items: number | string;
  sent: number | string;
  retried: number | string;
  rejected: number | string;
  error: string | null;
  subject: string;
}

/** Maps a `channel_deliveries` row. */
export function deliveryOf(r: DeliveryRow): ChannelDelivery {
  return {
    id: Number(r.id),
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    items: Number(r.items),
    sent: Number(r.sent),
    retried: Number(r.retried),
    rejected: Number(r.rejected),
    error: r.error,
    subject: r.subject === 'events' ? 'events' : 'items',
  };
}
