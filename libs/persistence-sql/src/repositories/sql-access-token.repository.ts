import { AccessTokenRepository, type AccessToken, type TokenGrant } from '@tally/inventory-application';
import { retriedTransaction } from '../inventory/retry.policy';
import type { SqlGate } from '../sql/sql-gate';
import { CONNECTION_COLUMNS, connectionOfRow, type ConnectionRow } from './sql-connection.repository';

type GrantRow = ConnectionRow & { token_digest: string; issued_at: string; expires_at: string; secret_rotated_at: string | null };

const GRANT_BY_DIGEST = `SELECT t.token_digest, t.issued_at, t.expires_at, t.secret_rotated_at, ${CONNECTION_COLUMNS}
  FROM access_tokens t JOIN connections c ON c.tenant_id = t.tenant_id AND c.id = t.connection_id WHERE t.token_digest = ?`;

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

  save(token: AccessToken, keepNewest: number): Promise<number> {
    return retriedTransaction(this.gate, async (s) => {
      await s.run('INSERT INTO access_tokens (token_digest, tenant_id, connection_id, issued_at, expires_at, secret_rotated_at) VALUES (?, ?, ?, ?, ?, ?)', [
        token.tokenDigest,
        token.tenantId,
        token.connectionId,
        token.issuedAt,
        token.expiresAt,
        token.secretRotatedAt,
      ]);
      const all = s.kind === 'postgresql' ? 'ALL' : '-1';
      return s.run(
        `DELETE FROM access_tokens WHERE token_digest IN (
           SELECT token_digest FROM access_tokens WHERE connection_id = ? ORDER BY issued_at DESC, token_digest LIMIT ${all} OFFSET ?)`,
        [token.connectionId, keepNewest],
      );
    });
  }

  async findWithConnection(tokenDigest: string): Promise<TokenGrant | null> {
    const [row] = await this.gate.session((s) => s.all<GrantRow>(GRANT_BY_DIGEST, [tokenDigest]));
    if (!row) return null;
    const token: AccessToken = {
      tokenDigest: row.token_digest,
      tenantId: row.tenant_id,
      connectionId: row.id,
      issuedAt: row.issued_at,
      expiresAt: row.expires_at,
      secretRotatedAt: row.secret_rotated_at,
    };
    return { token, connection: connectionOfRow(row) };
  }

  deleteExpired(now: string): Promise<number> {
    return retriedTransaction(this.gate, (s) => s.run('DELETE FROM access_tokens WHERE expires_at < ?', [now]));
  }
}
