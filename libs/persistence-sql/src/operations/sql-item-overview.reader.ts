import {
  compareSortKeys,
  countStatuses,
  ItemOverviewReader,
  needsEveryLevel,
  overviewRowOf,
  overviewSortKey,
  selectOverviewRows,
  type ActivityRow,
  type ConnectionActivity,
  type Channel,
  type ItemOverviewFacts,
  type ItemOverviewQuery,
  type ItemOverviewRow,
  type OverviewCounts,
  type Page,
  type PageRequest,
} from '@tally/inventory-application';
import { decodeCursor, fetchSize, pageFrom, type CursorKey } from '../mapping/cursor.mapper';
import type { SqlGate } from '../sql/sql-gate';
import type { SqlSession } from '../sql/sql-session';
import { readLevelsOf, readOverviewFacts } from './item-overview-facts.sql';

const TEXT_KEY: CursorKey = ['number', 'string', 'string'];
const NUMBER_KEY: CursorKey = ['number', 'number', 'string'];

/**
 * The overview in SQL plus the application's rules: the facts of the whole tenant are read in a
 * fixed number of statements, rows and statuses computed by the domain's availability rules, then
 * sorted and cut into keyset pages (the cursor holds the last row's sort key, ties broken by id).
 * When neither the filters nor the order depend on the levels, only the page's levels are read.
 */
export class SqlItemOverviewReader extends ItemOverviewReader {
  constructor(private readonly gate: SqlGate) {
    super();
  }

  async list(tenantId: string, query: ItemOverviewQuery, channel: Channel | null, page: PageRequest): Promise<Page<ItemOverviewRow>> {
    const numeric = query.sort === 'onHand' || query.sort === 'sellable';
    const after = decodeCursor(page.cursor, numeric ? NUMBER_KEY : TEXT_KEY);
    const sign = query.direction === 'asc' ? 1 : -1;
    const everyLevel = needsEveryLevel(query);
    const window = await this.gate.snapshot(async (s) => {
      const facts = await readOverviewFacts(s, tenantId, query, everyLevel);
      const rows = selectOverviewRows(facts, query, channel);
      const start = after === null ? 0 : firstAfter(rows, (r) => sign * compareSortKeys(overviewSortKey(r, query.sort), after) > 0);
      const chosen = rows.slice(start, start + fetchSize(page));
      if (everyLevel) return chosen;
      // Selection and order did not depend on the levels: the page's rows get theirs now.
      const byId = new Map(facts.map((f) => [f.itemId, f]));
      const levels = await readLevelsOf(
        s,
        tenantId,
        chosen.map((r) => r.id),
      );
      return chosen.map((r) => overviewRowOf({ ...(byId.get(r.id) as ItemOverviewFacts), levels: levels.get(r.id) ?? [] }, null, null));
    });
    return pageFrom(
      window,
      page,
      (r) => overviewSortKey(r, query.sort),
      (r) => r,
    );
  }

  placeFacts(tenantId: string, locationId: string | undefined): Promise<ItemOverviewFacts[]> {
    return this.gate.snapshot((s) => readOverviewFacts(s, tenantId, locationId === undefined ? {} : { locationId }));
  }

  async counts(tenantId: string): Promise<OverviewCounts> {
    return this.gate.snapshot(async (s) => {
      const rows = (await readOverviewFacts(s, tenantId, {})).map((f) => overviewRowOf(f, null, null));
      return {
        items: { total: rows.length, byStatus: countStatuses(rows), openDiscrepancy: rows.filter((r) => r.openDiscrepancy).length },
        ...(await tallies(s, tenantId)),
      };
    });
  }

  activity(tenantId: string, from: string, to: string): Promise<ActivityRow[]> {
    // Stored times are UTC ISO-8601 strings, so their first ten characters are the UTC day.
    return this.gate.session(async (s) => {
      const rows = await s.all<{ day: string; connection_id: string | null; actor: string | null; n: number | string }>(
        `SELECT SUBSTR(l.recorded_at, 1, 10) AS day, l.connection_id, CASE WHEN l.connection_id IS NULL THEN l.actor END AS actor, COUNT(*) AS n
         FROM ledger_entries l WHERE l.tenant_id = ? AND l.recorded_at >= ? AND l.recorded_at < ?
         GROUP BY SUBSTR(l.recorded_at, 1, 10), l.connection_id, CASE WHEN l.connection_id IS NULL THEN l.actor END`,
        [tenantId, from, to],
      );
      // Ordered here, not in SQL: the databases place nulls and compare text differently.
      const key = (r: (typeof rows)[number]) => [r.day, r.connection_id === null ? 1 : 0, r.connection_id ?? '', r.actor ?? ''];
      rows.sort((a, b) => compareSortKeys(key(a), key(b)));
      return rows.map((r) => ({ day: r.day, connectionId: r.connection_id, actor: r.actor, entries: Number(r.n) }));
    });
  }

  connectionActivity(tenantId: string, from: string, lastDayFrom: string): Promise<ConnectionActivity[]> {
    // The (tenant, recorded time) index bounds the read to the window.
    return this.gate.session(async (s) => {
      const rows = await s.all<{ connection_id: string; last_at: string; n: number | string; day: number | string | null }>(
        `SELECT l.connection_id, MAX(l.recorded_at) AS last_at, COUNT(*) AS n, SUM(CASE WHEN l.recorded_at >= ? THEN 1 ELSE 0 END) AS day
         FROM ledger_entries l WHERE l.tenant_id = ? AND l.recorded_at >= ? AND l.connection_id IS NOT NULL
         GROUP BY l.connection_id`,
        [lastDayFrom, tenantId, from],
      );
      return rows.map((r) => ({ connectionId: r.connection_id, lastEntryAt: r.last_at, entriesLastDay: Number(r.day ?? 0), entriesInWindow: Number(r.n) }));
    });
  }
}

/** The index of the first row for which `isAfter` holds (rows are sorted, so it holds for every later one). */
function firstAfter<R>(rows: readonly R[], isAfter: (row: R) => boolean): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (isAfter(rows[mid])) high = mid;
    else low = mid + 1;
  }
  return low;
}

type Tallies = Omit<OverviewCounts, 'items'>;

async function tallies(s: SqlSession, tenantId: string): Promise<Tallies> {
  const count = async (sql: string) => Number((await s.all<{ n: number | string }>(sql, [tenantId]))[0]?.n ?? 0);
  const grouped = async (sql: string) => new Map((await s.all<{ k: string; n: number | string }>(sql, [tenantId])).map((r) => [r.k, Number(r.n)]));
  const connections = await grouped('SELECT status AS k, COUNT(*) AS n FROM connections WHERE tenant_id = ? GROUP BY status');
  const jobs = await grouped(`SELECT status AS k, COUNT(*) AS n FROM jobs WHERE tenant_id = ? AND status IN ('PENDING', 'WORKING', 'FAILED') GROUP BY status`);
  const channelItems = await grouped(
    `SELECT ci.state AS k, COUNT(*) AS n FROM channels c JOIN channel_items ci ON ci.channel_id = c.id
     WHERE c.tenant_id = ? AND ci.state IN ('failing', 'dead') GROUP BY ci.state`,
  );
  return {
    discrepancies: {
      stockOpen: await count(`SELECT COUNT(*) AS n FROM discrepancies WHERE tenant_id = ? AND status = 'open'`),
      identityOpen: await count(`SELECT COUNT(*) AS n FROM identity_discrepancies WHERE tenant_id = ? AND status = 'open'`),
    },
    connections: Object.fromEntries(connections),
    jobs: { pending: jobs.get('PENDING') ?? 0, working: jobs.get('WORKING') ?? 0, failed: jobs.get('FAILED') ?? 0 },
    channels: {
      total: await count('SELECT COUNT(*) AS n FROM channels WHERE tenant_id = ?'),
      failingItems: channelItems.get('failing') ?? 0,
      deadItems: channelItems.get('dead') ?? 0,
    },
  };
}
