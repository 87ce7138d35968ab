import { insertRows } from '../sql/bulk-sql';
import type { SqlSession } from '../sql/sql-session';
import { bulkColumns } from '../schema/schema.catalogue';
import { lockTenantChannels } from './channel-marks.sql';

const CHANGE_COLUMNS = bulkColumns('stock_changes', ['tenant_id', 'item_id', 'changed_at']);

/**
 * Writes the transactional outbox (ADR 0041): one `stock_changes` row per item whose levels the
 * transaction changed, in the same transaction, coalesced by item. Only while the tenant has a
 * channel: a tenant without one pays one indexed look-up (on PostgreSQL after taking the tenant's
 * channel lock shared, so a channel created meanwhile is either seen or waits for this write).
 */
export async function recordStockChanges(session: SqlSession, tenantId: string, itemIds: Iterable<string>, at: string): Promise<void> {
  const unique = [...new Set(itemIds)];
  if (unique.length === 0) return;
  await lockTenantChannels(session, tenantId, 'shared');
  const fed = await session.all('SELECT 1 AS fed FROM channels WHERE tenant_id = ? LIMIT 1', [tenantId]);
  if (fed.length === 0) return;
  await insertRows(
    session,
    'stock_changes',
    CHANGE_COLUMNS,
    unique.map((itemId) => [tenantId, itemId, at]),
    'ON CONFLICT (tenant_id, item_id) DO UPDATE SET changed_at = excluded.changed_at',
  );
}
