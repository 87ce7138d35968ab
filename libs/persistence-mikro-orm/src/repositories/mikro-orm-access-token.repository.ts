import type { MikroORM } from '@mikro-orm/core';
import type { AbstractSqlDriver } from '@mikro-orm/knex';
import { AccessTokenRepository, type AccessToken } from '@tally/inventory-application';
import { AccessTokenRecord } from '../records/access-token.record';
import type { SqlGate } from '../sql/sql-gate';

interface AccessTokenRow {
  token_digest: string;
  tenant_id: string;
  connection_id: string;
  issued_at: string;
  expires_at: string;
}

/**
 * Issued vendor access tokens through MikroORM's entity manager, forked per call, except the
 * look-up by digest: it runs before every vendor call (or group of calls), so it is one
 * prepared statement.
 */
export class MikroOrmAccessTokenRepository extends AccessTokenRepository {
  constructor(
    private readonly orm: MikroORM<AbstractSqlDriver>,
    private readonly gate: SqlGate,
  ) {
    super();
  }

  async save(token: AccessToken): Promise<void> {
    await this.orm.em.fork().insert(AccessTokenRecord, { ...token });
  }

  async findByDigest(tokenDigest: string): Promise<AccessToken | null> {
    const [row] = await this.gate.session((s) =>
      s.all<AccessTokenRow>('SELECT token_digest, tenant_id, connection_id, issued_at, expires_at FROM access_tokens WHERE token_digest = ?', [tokenDigest]),
    );
    return row
      ? { tokenDigest: row.token_digest, tenantId: row.tenant_id, connectionId: row.connection_id, issuedAt: row.issued_at, expiresAt: row.expires_at }
      : null;
  }

  deleteExpired(now: string): Promise<number> {
    return this.orm.em.fork().nativeDelete(AccessTokenRecord, { expiresAt: { $lt: now } });
  }
}
