import type { SqlSession } from '../sql/sql-session';

/** Locations where any of these items has a level or an observation, in order. */
export async function locationsOfItems(session: SqlSession, tenantId: string, itemIds: readonly string[]): Promise<string[]> {
  if (!itemIds.length) return [];
  const marks = itemIds.map(() => '?').join(', ');
  const rows = await session.all<{ location_id: string }>(
    `SELECT location_id FROM stock_levels WHERE tenant_id = ? AND item_id IN (${marks})
     UNION SELECT location_id FROM observations WHERE tenant_id = ? AND item_id IN (${marks})
     ORDER BY location_id`,
    [tenantId, ...itemIds, tenantId, ...itemIds],
  );
  return rows.map((r) => r.location_id);
}

/**
 * Everything of an absorbed item but its levels (written before, with their ledger entries)
 * moves to the survivor: observations (of two by one connection at one place the newer is
 * kept), open discrepancies (where both have one open at a place, the absorbed one is closed
 * as merged), identifiers, open identity discrepancies; the absorbed item is marked merged.
 */
export async function absorbItemRows(session: SqlSession, tenantId: string, absorbedId: string, survivorId: string, at: string): Promise<void> {
  const t = tenantId;
  const a = absorbedId;
  const s = survivorId;
  const sameObservation = `o2.tenant_id = observations.tenant_id AND o2.connection_id = observations.connection_id
    AND o2.location_id = observations.location_id`;
  await session.run(
    `DELETE FROM observations WHERE tenant_id = ? AND item_id = ? AND EXISTS (SELECT 1 FROM observations o2
       WHERE ${sameObservation} AND o2.item_id = ? AND o2.received_at >= observations.received_at)`,
    [t, a, s],
  );
  await session.run(
    `DELETE FROM observations WHERE tenant_id = ? AND item_id = ? AND EXISTS (SELECT 1 FROM observations o2
       WHERE ${sameObservation} AND o2.item_id = ?)`,
    [t, s, a],
  );
  await session.run('UPDATE observations SET item_id = ? WHERE tenant_id = ? AND item_id = ?', [s, t, a]);

  await session.run(
    `UPDATE discrepancies SET status = 'resolved', resolved_at = ?, resolution = ?
     WHERE tenant_id = ? AND item_id = ? AND status = 'open' AND EXISTS (SELECT 1 FROM discrepancies d2
       WHERE d2.tenant_id = discrepancies.tenant_id AND d2.item_id = ? AND d2.location_id = discrepancies.location_id AND d2.status = 'open')`,
    [at, JSON.stringify({ kind: 'merged', into: s }), t, a, s],
  );
  await session.run(`UPDATE discrepancies SET item_id = ? WHERE tenant_id = ? AND item_id = ? AND status = 'open'`, [s, t, a]);

  await session.run('UPDATE item_identifiers SET item_id = ? WHERE tenant_id = ? AND item_id = ?', [s, t, a]);
  await moveIdentityDiscrepancies(session, t, a, s, at);
  await session.run('UPDATE items SET merged_into = ? WHERE tenant_id = ? AND (id = ? OR merged_into = ?)', [s, t, a, a]);
}

async function moveIdentityDiscrepancies(session: SqlSession, t: string, a: string, s: string, at: string): Promise<void> {
  const open = await session.all<{ id: string; item_a: string; item_b: string }>(
    `SELECT id, item_a, item_b FROM identity_discrepancies WHERE tenant_id = ? AND status = 'open' AND (item_a = ? OR item_b = ? OR item_a = ? OR item_b = ?)
     ORDER BY id`,
    [t, a, a, s, s],
  );
  const pairs = new Set(open.filter((d) => d.item_a !== a && d.item_b !== a).map((d) => `${d.item_a}|${d.item_b}`));
  const close = (id: string) =>
    session.run(`UPDATE identity_discrepancies SET status = 'merged', resolved_at = ?, resolution = ? WHERE id = ?`, [at, `merged into ${s}`, id]);
  for (const d of open) {
    if (d.item_a !== a && d.item_b !== a) continue;
    const other = d.item_a === a ? d.item_b : d.item_a;
    if (other === s) {
      await close(d.id);
      continue;
    }
    const [x, y] = [s, other].sort();
    // The survivor already has an open proposal with that item: one is enough.
    if (pairs.has(`${x}|${y}`)) await close(d.id);
    else {
      pairs.add(`${x}|${y}`);
      await session.run('UPDATE identity_discrepancies SET item_a = ?, item_b = ? WHERE id = ?', [x, y, d.id]);
    }
  }
}
