import type { AccessTokenRepository } from '../ports/access-token-repository.port';
import type { Clock } from '../ports/clock.port';
import type { InventoryStore } from '../ports/inventory-store.port';
import type { ChannelOutbox } from '../ports/channel-outbox.port';
import type { SessionRepository } from '../ports/session-repository.port';

/** What one purge deleted. */
export interface PurgeReport {
  readonly idempotencyRecords: number;
  readonly accessTokens: number;
  readonly channelDeliveries: number;
  readonly consoleSessions: number;
}

/** How long the channels' delivery log is kept. */
export const DELIVERY_LOG_DAYS = 7;

/** Idempotency records deleted per transaction, so a purge never holds the write lock long. */
export const PURGE_BATCH_SIZE = 1000;

/**
 * Deletes what has expired and can no longer be used: idempotency records past their expiry
 * (kept 24 hours, docs/architecture.md §4), vendor access tokens past theirs, console sessions
 * that ended (idle or absolute timeout), and the channels'
 * delivery log older than {@link DELIVERY_LOG_DAYS} days. Without it these tables
 * only grow. Safe to run from several processes at once.
 */
export class PurgeExpiredRecords {
  constructor(
    private readonly store: InventoryStore,
    private readonly tokens: AccessTokenRepository,
    private readonly clock: Clock,
    private readonly channels: ChannelOutbox | null = null,
    private readonly sessions: SessionRepository | null = null,
  ) {}

  async execute(): Promise<PurgeReport> {
    const now = this.clock.now().toISOString();
    let idempotencyRecords = 0;
    for (;;) {
      const deleted = await this.store.deleteExpiredIdempotency(now, PURGE_BATCH_SIZE);
      idempotencyRecords += deleted;
      if (deleted < PURGE_BATCH_SIZE) break;
    }
    const before = new Date(this.clock.now().getTime() - DELIVERY_LOG_DAYS * 86_400_000).toISOString();
    let channelDeliveries = 0;
    while (this.channels) {
      const deleted = await this.channels.purgeDeliveries(before, PURGE_BATCH_SIZE);
      channelDeliveries += deleted;
      if (deleted < PURGE_BATCH_SIZE) break;
    }
    const accessTokens = await this.tokens.deleteExpired(now);
    const consoleSessions = this.sessions ? await this.sessions.deleteExpired(now) : 0;
    return { idempotencyRecords, accessTokens, channelDeliveries, consoleSessions };
  }
}
