import {
  ApplicationError,
  ApplicationErrorCodes,
  InventoryReader,
  type LedgerFilter,
  type LevelFilter,
  type Page,
  type PageRequest,
  type StoredLedgerEntry,
} from '@tally/inventory-application';
import type { Discrepancy, Observation, StockLevel } from '@tally/inventory-domain';
import { columns, selectByKeys } from '../sql/bulk-sql';
import type { SqlGate } from '../sql/sql-gate';
import { SqlText } from '../sql/sql-text';
import { decodeCursor, fetchSize, pageFrom } from '../mapping/cursor.mapper';
import {
  DISCREPANCY_COLUMNS,
  discrepancyOf,
  LEDGER_COLUMNS,
  ledgerEntryOf,
  LEVEL_COLUMNS,
  levelOf,
  OBSERVATION_COLUMNS,
  observationOf,
  type DiscrepancyRow,
  type LedgerRow,
  type LevelRow,
  type ObservationRow,
} from '../mapping/inventory-row.mapper';
import { levelsWithLastEntrySql, placeWithLastEntryOf, type PlaceRow } from './levels-with-last-entry.sql';

/**
 * Rows of `alias` at any location of the tenant (one placeholder: the tenant). With an item id
 * beside it, this lets the location-first place indexes answer "everything about one item" as
 * one probe per location instead of a scan of the tenant (ADR 0023).
 */
const IN_TENANT_LOCATIONS = (alias: string) => `${alias}.location_id IN (SELECT id FROM locations WHERE tenant_id = ?)`;

/** One spelling per instant, so bounds compare with stored times as text. */
function isoBound(value: string | undefined, field: string): string | null {
  if (value === undefined || value === '') return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new ApplicationError(ApplicationErrorCodes.validation, `${field} must be an ISO-8601 time`, field);
  return new Date(ms).toISOString();
}

/**
 * The read side in plain SQL, each answer from one statement (one consistent snapshot).
 * Pages are keyset pages: the opaque cursor carries the last row's sort key. Placeholder
 * level rows (version 0, left by PostgreSQL's locking) are never shown: they mean "no level".
 */
export class SqlInventoryReader extends InventoryReader {
  constructor(private readonly gate: SqlGate) {
    super();
  }

  listLevels(tenantId: string, filter: LevelFilter, page: PageRequest): Promise<Page<StockLevel>> {
    const after = decodeCursor(page.cursor, ['string', 'string']);
    const q = new SqlText(`SELECT ${LEVEL_COLUMNS} FROM stock_levels s WHERE s.tenant_id = ? AND s.version > 0`, [tenantId]);
    if (!filter.includeAbsent) q.add(' AND s.present = ?', true);
    if (filter.itemId) q.add(' AND s.item_id = ?', filter.itemId);
    if (filter.locationId) q.add(' AND s.location_id = ?', filter.locationId);
    if (after) q.add(' AND (s.item_id > ? OR (s.item_id = ? AND s.location_id > ?))', after[0], after[0], after[1]);
    q.add(' ORDER BY s.item_id, s.location_id LIMIT ?', fetchSize(page));
    return this.gate.session(async (s) => pageFrom(await s.all<LevelRow>(q.sql, q.params), page, (r) => [r.item_id, r.location_id], levelOf));
  }

  levelsOfItems(tenantId: string, itemIds: readonly string[]): Promise<StockLevel[]> {
    if (itemIds.length === 0) return Promise.resolve([]);
    return this.gate.session(async (s) => {
      const rows = await selectByKeys<LevelRow>(
        s,
        columns('id:text'),
        [...new Set(itemIds)].map((id) => [id]),
        { select: LEVEL_COLUMNS, from: 'stock_levels s', where: 's.tenant_id = ? AND s.item_id = k.id AND s.version > 0', orderBy: 'item_id, location_id' },
        [tenantId],
      );
      return rows.map(levelOf);
    });
  }

  observationsOfItem(tenantId: string, itemId: string): Promise<Observation[]> {
    return this.gate.session(async (s) => {
      const rows = await s.all<ObservationRow>(
        `SELECT ${OBSERVATION_COLUMNS} FROM observations o WHERE o.tenant_id = ? AND ${IN_TENANT_LOCATIONS('o')} AND o.item_id = ?
         ORDER BY o.location_id, o.connection_id`,
        [tenantId, tenantId, itemId],
      );
      return rows.map(observationOf);
    });
  }

  listLedger(tenantId: string, filter: LedgerFilter, page: PageRequest): Promise<Page<StoredLedgerEntry>> {
    const after = decodeCursor(page.cursor, ['number']);
    const from = isoBound(filter.from, 'from');
    const to = isoBound(filter.to, 'to');
    const q = new SqlText(`SELECT ${LEDGER_COLUMNS} FROM ledger_entries l WHERE l.tenant_id = ?`, [tenantId]);
    const equal: [string, string | undefined][] = [
      ['item_id', filter.itemId],
      ['location_id', filter.locationId],
      ['connection_id', filter.connectionId],
      ['cause', filter.cause],
    ];
    // The place index leads with the location (ADR 0023): an item alone is found per location,
    // and its entries sorted; ordering by `seq + 0` keeps SQLite from walking the whole tenant's
    // sequence index backwards instead, which it prefers without statistics.
    const itemAlone = Boolean(filter.itemId && !filter.locationId);
    if (itemAlone) q.add(` AND ${IN_TENANT_LOCATIONS('l')}`, tenantId);
    for (const [column, value] of equal) if (value) q.add(` AND l.${column} = ?`, value);
    if (from) q.add(' AND l.recorded_at >= ?', from);
    if (to) q.add(' AND l.recorded_at < ?', to);
    if (after) q.add(' AND l.seq < ?', Number(after[0]));
    q.add(` ORDER BY ${itemAlone ? 'l.seq + 0' : 'l.seq'} DESC LIMIT ?`, fetchSize(page));
    return this.gate.session(async (s) => pageFrom(await s.all<LedgerRow>(q.sql, q.params), page, (r) => [Number(r.seq)], ledgerEntryOf));
  }

  listDiscrepancies(tenantId: string, status: 'open' | 'resolved' | 'all', page: PageRequest, itemId: string | null = null): Promise<Page<Discrepancy>> {
    const after = decodeCursor(page.cursor, ['string', 'string']);
    const q = new SqlText(`SELECT ${DISCREPANCY_COLUMNS} FROM discrepancies d WHERE d.tenant_id = ?`, [tenantId]);
    if (status !== 'all') q.add(' AND d.status = ?', status);
    if (itemId !== null) q.add(' AND d.item_id = ?', itemId);
    if (after) q.add(' AND (d.opened_at < ? OR (d.opened_at = ? AND d.id < ?))', after[0], after[0], after[1]);
    q.add(' ORDER BY d.opened_at DESC, d.id DESC LIMIT ?', fetchSize(page));
    return this.gate.session(async (s) => pageFrom(await s.all<DiscrepancyRow>(q.sql, q.params), page, (r) => [r.opened_at, r.id], discrepancyOf));
  }

  getDiscrepancy(tenantId: string, discrepancyId: string): Promise<Discrepancy | null> {
    return this.gate.session(async (s) => {
      const [row] = await s.all<DiscrepancyRow>(`SELECT ${DISCREPANCY_COLUMNS} FROM discrepancies d WHERE d.tenant_id = ? AND d.id = ?`, [
        tenantId,
        discrepancyId,
      ]);
      return row ? discrepancyOf(row) : null;
    });
  }

  levelsWithLastEntry(tenantId: string, page: PageRequest): Promise<Page<{ level: StockLevel | null; lastEntry: StoredLedgerEntry | null }>> {
    const after = decodeCursor(page.cursor, ['string', 'string']) ?? ['', ''];
    const query = levelsWithLastEntrySql(tenantId, String(after[0]), String(after[1]), fetchSize(page));
    return this.gate.session(async (s) =>
      pageFrom(await s.all<PlaceRow>(query.sql, query.params), page, (r) => [r.key_location_id, r.key_item_id], placeWithLastEntryOf),
    );
  }
}
