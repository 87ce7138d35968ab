import { AccessTokenRepository, type AccessToken } from '@tally/inventory-application';
import { retriedTransaction } from '../inventory/retry.policy';
import type { SqlGate } from '../sql/sql-gate';

interface AccessTokenRow {
  token_digest: string;
  tenant_id: string;
  connection_id: string;
  issued_at: string;
  expires_at: string;
}

/**
 * Issued vendor access tokens, in plain SQL: the look-up runs before every vendor call (or group
 * of calls), and the writes take the write lock with the store's retries, because on SQLite a
 * login competes with the job threads' writes (a bare statement would block in the driver's
 * busy handler and could fail outright).
 */
export class SqlAccessTokenRepository extends AccessTokenRepository {
  constructor(private readonly gate: SqlGate) {
    super();
  }

  async save(token: AccessToken): Promise<void> {
    await retriedTransaction(this.gate, (s) =>
      s.run('INSERT INTO access_tokens (token_digest, tenant_id, connection_id, issued_at, expires_at) VALUES (?, ?, ?, ?, ?)', [
        token.tokenDigest,
        token.tenantId,
        token.connectionId,
        token.issuedAt,
        token.expiresAt,
      ]),
    );
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
    return retriedTransaction(this.gate, (s) => s.run('DELETE FROM access_tokens WHERE expires_at < ?', [now]));
  }
}
