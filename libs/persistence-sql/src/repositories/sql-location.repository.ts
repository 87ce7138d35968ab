import type { MikroORM } from '@mikro-orm/core';
import type { AbstractSqlDriver } from '@mikro-orm/knex';
import {
  LocationRepository,
  type IdGenerator,
  type Location,
  type LocationPolicySettings,
  type LocationKind,
  type Page,
  type PageRequest,
} from '@tally/inventory-application';
import { LocationRecord } from '../records/catalog.record';
import { locationOf } from '../mapping/record.mapper';
import { decodeCursor, fetchSize, pageFrom } from '../mapping/cursor.mapper';
import { columns, insertRows, selectByKeys } from '../sql/bulk-sql';
import { retriedTransaction } from '../inventory/retry.policy';
import type { SqlGate } from '../sql/sql-gate';
import type { SqlSession } from '../sql/sql-session';
import { bulkColumns } from '../schema/schema.catalogue';

const LOCATION_INSERT = bulkColumns('locations', ['id', 'tenant_id', 'code', 'kind', 'policy', 'created_at']);

interface LocationRow {
  id: string;
  tenant_id: string;
  code: string;
  name: string | null;
  kind: string;
  policy: string;
  source_connection_id: string | null;
  priority_connection_ids: string | null;
  created_at: string;
}

const locationOfRow = (r: LocationRow): Location =>
  locationOf({
    id: r.id,
    tenantId: r.tenant_id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    policy: r.policy,
    sourceConnectionId: r.source_connection_id,
    priorityConnectionIds: r.priority_connection_ids,
    createdAt: r.created_at,
  });

/**
 * Locations: batch look-up and creation by code in batched SQL, the rest through MikroORM's
 * entity manager. A new location starts with the `single-source` policy (ADR 0004).
 */
export class SqlLocationRepository extends LocationRepository {
  constructor(
    private readonly orm: MikroORM<AbstractSqlDriver>,
    private readonly gate: SqlGate,
    private readonly ids: IdGenerator,
  ) {
    super();
  }

  async ensureMany(tenantId: string, codes: readonly string[], kind: LocationKind, at: string): Promise<Location[]> {
    // Known codes (the common case) cost one read and no write.
    const known = await this.findByCodes(tenantId, codes);
    const missing = [...new Set(codes.filter((_, i) => !known[i]))].sort();
    if (missing.length === 0) return known as Location[];
    const found = await retriedTransaction(this.gate, async (session) => {
      // One statement: concurrent creators of a code both end with the row that won.
      const rows = missing.map((code) => [this.ids.newId(), tenantId, code, kind, 'single-source', at]);
      await insertRows(session, 'locations', LOCATION_INSERT, rows, 'ON CONFLICT DO NOTHING');
      return this.byCodes(session, tenantId, codes);
    });
    return found.map((location, i) => {
      if (!location) throw new Error(`location ${codes[i]} could not be created`);
      return location;
    });
  }

  findByCodes(tenantId: string, codes: readonly string[]): Promise<(Location | null)[]> {
    return this.gate.session((session) => this.byCodes(session, tenantId, codes));
  }

  async get(tenantId: string, locationId: string): Promise<Location | null> {
    const found = await this.orm.em.fork().findOne(LocationRecord, { tenantId, id: locationId });
    return found ? locationOf(found) : null;
  }

  async list(tenantId: string, page: PageRequest): Promise<Page<Location>> {
    const after = decodeCursor(page.cursor, ['string']);
    const rows = await this.orm.em
      .fork()
      .find(LocationRecord, after ? { tenantId, code: { $gt: String(after[0]) } } : { tenantId }, { orderBy: { code: 'asc' }, limit: fetchSize(page) });
    return pageFrom(rows, page, (r) => [r.code], locationOf);
  }

  async setPolicy(tenantId: string, locationId: string, rules: LocationPolicySettings): Promise<boolean> {
    const { policy, sourceConnectionId, priorityConnectionIds } = rules;
    const order = priorityConnectionIds.length > 0 ? JSON.stringify(priorityConnectionIds) : null;
    const changed = await this.orm.em
      .fork()
      .nativeUpdate(LocationRecord, { tenantId, id: locationId }, { policy, sourceConnectionId, priorityConnectionIds: order });
    return changed > 0;
  }

  count(tenantId: string): Promise<number> {
    return this.orm.em.fork().count(LocationRecord, { tenantId });
  }

  private async byCodes(session: SqlSession, tenantId: string, codes: readonly string[]): Promise<(Location | null)[]> {
    const distinct = [...new Set(codes)];
    if (distinct.length === 0) return codes.map(() => null);
    const rows = await selectByKeys<LocationRow>(
      session,
      columns('code:text'),
      distinct.map((c) => [c]),
      {
        select: 'l.id, l.tenant_id, l.code, l.name, l.kind, l.policy, l.source_connection_id, l.priority_connection_ids, l.created_at',
        from: 'locations l',
        where: 'l.tenant_id = ? AND l.code = k.code',
      },
      [tenantId],
    );
    const byCode = new Map(rows.map((r) => [r.code, locationOfRow(r)]));
    return codes.map((code) => byCode.get(code) ?? null);
  }
}
