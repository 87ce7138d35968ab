import type { LocationPolicy, LocationRules } from '@tally/inventory-domain';
import { priorityOrderOf } from '../mapping/record.mapper';
import type { SqlSession } from '../sql/sql-session';

/** The columns of `locations` that make its reconciliation rules. */
export interface LocationRulesRow {
  id: string;
  policy: string;
  source_connection_id: string | null;
  priority_connection_ids: string | null;
}

/** Maps a {@link LocationRulesRow}. */
export const locationRulesOf = (r: LocationRulesRow): LocationRules => ({
  locationId: r.id,
  policy: r.policy as LocationPolicy,
  sourceConnectionId: r.source_connection_id,
  priorityConnectionIds: priorityOrderOf(r.priority_connection_ids),
});

/** Stores the policy, single source and priority order of each location, one statement each. */
export async function saveLocationRules(session: SqlSession, tenantId: string, rules: readonly LocationRules[]): Promise<void> {
  for (const r of rules) {
    const order = r.priorityConnectionIds && r.priorityConnectionIds.length > 0 ? JSON.stringify(r.priorityConnectionIds) : null;
    await session.run('UPDATE locations SET policy = ?, source_connection_id = ?, priority_connection_ids = ? WHERE tenant_id = ? AND id = ?', [
      r.policy,
      r.sourceConnectionId,
      order,
      tenantId,
      r.locationId,
    ]);
  }
}
