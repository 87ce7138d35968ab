import type { MikroORM } from '@mikro-orm/core';
import type { AbstractSqlDriver } from '@mikro-orm/knex';
import { ConnectionRepository, type Connection } from '@tally/inventory-application';
import { ConnectionRecord } from '../records/tenancy.record';
import { connectionOf, connectionRecordOf } from '../mapping/record.mapper';
import type { SqlGate } from '../sql/sql-gate';
import { columnsOf, selectList } from '../schema/schema.catalogue';

/** A `connections` row. */
export interface ConnectionRow {
  id: string;
  tenant_id: string;
  dialect: string;
  name: string;
  settings: string;
  credential_id: string;
  secret_hash: string;
  status: string;
  created_at: string;
  rotated_at: string | null;
  revoked_at: string | null;
}

/** The columns of a {@link ConnectionRow}, from alias `c`. */
export const CONNECTION_COLUMNS = selectList('connections', 'c', columnsOf('connections'));

const CONNECTION_BY_ID = `SELECT ${CONNECTION_COLUMNS} FROM connections c WHERE c.tenant_id = ? AND c.id = ?`;

/** Maps a `connections` row. */
export const connectionOfRow = (r: ConnectionRow): Connection =>
  connectionOf({
    id: r.id,
    tenantId: r.tenant_id,
    dialect: r.dialect,
    name: r.name,
    settings: r.settings,
    credentialId: r.credential_id,
    secretHash: r.secret_hash,
    status: r.status,
    createdAt: r.created_at,
    rotatedAt: r.rotated_at,
    revokedAt: r.revoked_at,
  });

/**
 * Connections through MikroORM's entity manager, forked per call, except `get`: it runs for
 * every vendor call authenticated by a token, so it is one prepared statement.
 */
export class SqlConnectionRepository extends ConnectionRepository {
  constructor(
    private readonly orm: MikroORM<AbstractSqlDriver>,
    private readonly gate: SqlGate,
  ) {
    super();
  }

  async create(connection: Connection): Promise<void> {
    await this.orm.em.fork().insert(ConnectionRecord, connectionRecordOf(connection));
  }

  async get(tenantId: string, connectionId: string): Promise<Connection | null> {
    const [r] = await this.gate.session((s) => s.all<ConnectionRow>(CONNECTION_BY_ID, [tenantId, connectionId]));
    return r ? connectionOfRow(r) : null;
  }

  async list(tenantId: string): Promise<Connection[]> {
    const found = await this.orm.em.fork().find(ConnectionRecord, { tenantId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    return found.map(connectionOf);
  }

  async findByCredentialId(dialect: string, credentialId: string): Promise<Connection | null> {
    const found = await this.orm.em.fork().findOne(ConnectionRecord, { dialect, credentialId });
    return found ? connectionOf(found) : null;
  }

  async update(connection: Connection): Promise<void> {
    const { id, tenantId, createdAt: _createdAt, ...changes } = connectionRecordOf(connection);
    await this.orm.em.fork().nativeUpdate(ConnectionRecord, { id, tenantId }, changes);
  }
}
