import type { BatchOutcome } from '@tally/inventory-domain';
import { columns, selectByKeys } from '../sql/bulk-sql';
import type { SqlSession } from '../sql/sql-session';

const ID_COLUMN = columns('id:text');

/** Every location an outcome writes at: its levels, ledger, observations, discrepancies and rules. */
export function locationsOfOutcome(outcome: BatchOutcome): string[] {
  const ids = new Set<string>();
  for (const list of [
    outcome.changedLevels,
    outcome.ledger,
    outcome.observations,
    outcome.openedDiscrepancies,
    outcome.updatedDiscrepancies,
    outcome.closedDiscrepancies,
    outcome.locationUpdates,
  ]) {
    for (const row of list) ids.add(row.locationId);
  }
  return [...ids];
}

/**
 * Advances the write stamps of the locations a transaction wrote at (SQLite; ADR 0025), in
 * the transaction itself, so a stamp changes exactly when a write there commits.
 */
export async function advanceWriteStamps(session: SqlSession, tenantId: string, locationIds: ReadonlySet<string>): Promise<void> {
  if (session.kind !== 'sqlite' || locationIds.size === 0) return;
  const ids = [...locationIds];
  await session.run(`UPDATE locations SET write_stamp = write_stamp + 1 WHERE tenant_id = ? AND id IN (${ids.map(() => '?').join(', ')})`, [tenantId, ...ids]);
}

/**
 * What a snapshot's reconciliation depended on beyond the level versions its writes check:
 * the rules and write stamps of the locations it read at, and the tenant's connection
 * settings (their priorities). Equal fingerprints at snapshot time and under the write lock
 * mean nothing the reconciliation read has changed in between.
 */
export async function readFingerprint(session: SqlSession, tenantId: string, locationIds: ReadonlySet<string>): Promise<string> {
  const locations = await selectByKeys<{ id: string; policy: string; source_connection_id: string | null; write_stamp: number }>(
    session,
    ID_COLUMN,
    [...locationIds].sort().map((id) => [id]),
    {
      select: 'l.id, l.policy, l.source_connection_id, l.priority_connection_ids, l.write_stamp',
      from: 'locations l',
      where: 'l.tenant_id = ? AND l.id = k.id',
      orderBy: 'l.id',
    },
    [tenantId],
  );
  const connections = await session.all<{ id: string; settings: string }>('SELECT id, settings, status FROM connections WHERE tenant_id = ? ORDER BY id', [
    tenantId,
  ]);
  return JSON.stringify([locations, connections]);
}
