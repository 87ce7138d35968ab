import type { MikroORM } from '@mikro-orm/core';
import type { AbstractSqlDriver } from '@mikro-orm/knex';
import { ConnectionRepository, type Connection } from '@tally/inventory-application';
import { ConnectionRecord } from '../records/tenancy.record';
import { connectionOf, connectionRecordOf } from '../mapping/record.mapper';

/** Connections through MikroORM's entity manager, forked per call. */
export class MikroOrmConnectionRepository extends ConnectionRepository {
  constructor(private readonly orm: MikroORM<AbstractSqlDriver>) {
    super();
  }

  async create(connection: Connection): Promise<void> {
    await this.orm.em.fork().insert(ConnectionRecord, connectionRecordOf(connection));
  }

  async get(tenantId: string, connectionId: string): Promise<Connection | null> {
    const found = await this.orm.em.fork().findOne(ConnectionRecord, { tenantId, id: connectionId });
    return found ? connectionOf(found) : null;
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
