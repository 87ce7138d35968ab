import {
  IdentityDiscrepancyRepository,
  type IdGenerator,
  type IdentityClaim,
  type IdentityDiscrepancy,
  type IdentityDiscrepancyStatus,
  type NewIdentityDiscrepancy,
  type Page,
  type PageRequest,
} from '@tally/inventory-application';
import { decodeCursor, fetchSize, pageFrom } from '../mapping/cursor.mapper';
import { insertRows } from '../sql/bulk-sql';
import type { SqlGate } from '../sql/sql-gate';
import { SqlText } from '../sql/sql-text';
import { bulkColumns, columnsOf } from '../schema/schema.catalogue';

interface Row {
  id: string;
  tenant_id: string;
  item_a: string;
  item_b: string;
  status: string;
  claims: string;
  connection_id: string | null;
  opened_at: string;
  resolved_at: string | null;
  resolution: string | null;
}

const COLUMNS = columnsOf('identity_discrepancies').join(', ');
const INSERT = bulkColumns('identity_discrepancies', ['id', 'tenant_id', 'item_a', 'item_b', 'status', 'claims', 'connection_id', 'opened_at']);

const discrepancyOf = (r: Row): IdentityDiscrepancy => ({
  id: r.id,
  tenantId: r.tenant_id,
  itemIds: [r.item_a, r.item_b],
  status: r.status as IdentityDiscrepancyStatus,
  claims: JSON.parse(r.claims) as IdentityClaim[],
  connectionId: r.connection_id,
  openedAt: r.opened_at,
  resolvedAt: r.resolved_at,
  resolution: r.resolution,
});

/** Identity discrepancies in `identity_discrepancies`: one open per pair of items (partial unique index). */
export class SqlIdentityDiscrepancyRepository extends IdentityDiscrepancyRepository {
  constructor(
    private readonly gate: SqlGate,
    private readonly ids: IdGenerator,
  ) {
    super();
  }

  async open(tenantId: string, discrepancies: readonly NewIdentityDiscrepancy[]): Promise<void> {
    if (!discrepancies.length) return;
    const rows = discrepancies.map((d) => {
      const [a, b] = [...d.itemIds].sort();
      return [this.ids.newId(), tenantId, a, b, 'open', JSON.stringify(d.claims), d.connectionId, d.openedAt];
    });
    await this.gate.session((session) => insertRows(session, 'identity_discrepancies', INSERT, rows, 'ON CONFLICT DO NOTHING'));
  }

  get(tenantId: string, id: string): Promise<IdentityDiscrepancy | null> {
    return this.gate.session(async (session) => {
      const [row] = await session.all<Row>(`SELECT ${COLUMNS} FROM identity_discrepancies WHERE tenant_id = ? AND id = ?`, [tenantId, id]);
      return row ? discrepancyOf(row) : null;
    });
  }

  list(tenantId: string, status: IdentityDiscrepancyStatus | null, page: PageRequest): Promise<Page<IdentityDiscrepancy>> {
    const after = decodeCursor(page.cursor, ['string', 'string']);
    const q = new SqlText(`SELECT ${COLUMNS} FROM identity_discrepancies WHERE tenant_id = ?`, [tenantId]);
    if (status) q.add(' AND status = ?', status);
    if (after) q.add(' AND (opened_at > ? OR (opened_at = ? AND id > ?))', after[0], after[0], after[1]);
    q.add(' ORDER BY opened_at, id LIMIT ?', fetchSize(page));
    return this.gate.session(async (session) => pageFrom(await session.all<Row>(q.sql, q.params), page, (r) => [r.opened_at, r.id], discrepancyOf));
  }

  dismiss(tenantId: string, id: string, note: string | null, at: string): Promise<boolean> {
    return this.gate.session(
      async (session) =>
        (await session.run(
          `UPDATE identity_discrepancies SET status = 'dismissed', resolved_at = ?, resolution = ? WHERE tenant_id = ? AND id = ? AND status = 'open'`,
          [at, note, tenantId, id],
        )) > 0,
    );
  }
}
