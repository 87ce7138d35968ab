import { SessionRepository, type ApiKeyRole, type ConsoleSession, type SessionCaps, type SessionGrant } from '@tally/inventory-application';
import { retriedTransaction } from '../inventory/retry.policy';
import type { SqlGate } from '../sql/sql-gate';
import type { SqlSession, SqlValue } from '../sql/sql-session';

interface GrantRow {
  session_digest: string;
  tenant_id: string;
  key_id: string;
  created_at: string;
  last_seen_at: string;
  idle_until: string;
  expires_at: string;
  role: ApiKeyRole;
  key_tenant_id: string;
  revoked_at: string | null;
}

const GRANT_BY_DIGEST = `SELECT s.session_digest, s.tenant_id, s.key_id, s.created_at, s.last_seen_at, s.idle_until, s.expires_at,
    k.role, k.tenant_id AS key_tenant_id, k.revoked_at
  FROM sessions s JOIN api_keys k ON k.id = s.key_id WHERE s.session_digest = ?`;

/**
 * Console sessions in plain SQL: the look-up runs on every console request (one read by primary
 * key, joined to the key by its primary key); the writes take the write lock with the store's
 * retries, as the access tokens' do.
 */
export class SqlSessionRepository extends SessionRepository {
  constructor(private readonly gate: SqlGate) {
    super();
  }

  async open(session: ConsoleSession, caps: SessionCaps): Promise<void> {
    await retriedTransaction(this.gate, async (s) => {
      // Sign-ins of one tenant take turns on PostgreSQL (SQLite writers always do), so concurrent
      // ones cannot each keep the newest as they saw them and leave more than the caps between
      // them. NO KEY UPDATE: rows referencing the tenant are still written meanwhile.
      if (s.kind === 'postgresql') await s.all('SELECT id FROM tenants WHERE id = ? FOR NO KEY UPDATE', [session.tenantId]);
      await s.run('INSERT INTO sessions (session_digest, tenant_id, key_id, created_at, last_seen_at, idle_until, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        session.sessionDigest,
        session.tenantId,
        session.keyId,
        session.createdAt,
        session.lastSeenAt,
        session.idleUntil,
        session.expiresAt,
      ]);
      if (caps.overall !== undefined) {
        await keepNewest(s, '', [], caps.overall);
        return;
      }
      await keepNewest(s, 'WHERE key_id = ?', [session.keyId], caps.perKey);
      await keepNewest(s, 'WHERE tenant_id = ?', [session.tenantId], caps.perTenant);
    });
  }

  async findWithKey(sessionDigest: string): Promise<SessionGrant | null> {
    const [row] = await this.gate.session((s) => s.all<GrantRow>(GRANT_BY_DIGEST, [sessionDigest]));
    if (!row) return null;
    return {
      session: {
        sessionDigest: row.session_digest,
        tenantId: row.tenant_id,
        keyId: row.key_id,
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
        idleUntil: row.idle_until,
        expiresAt: row.expires_at,
      },
      key: { id: row.key_id, tenantId: row.key_tenant_id, role: row.role, revokedAt: row.revoked_at },
    };
  }

  async touch(sessionDigest: string, lastSeenAt: string, idleUntil: string): Promise<void> {
    await retriedTransaction(this.gate, (s) =>
      s.run('UPDATE sessions SET last_seen_at = ?, idle_until = ? WHERE session_digest = ?', [lastSeenAt, idleUntil, sessionDigest]),
    );
  }

  async close(sessionDigest: string): Promise<void> {
    await retriedTransaction(this.gate, (s) => s.run('DELETE FROM sessions WHERE session_digest = ?', [sessionDigest]));
  }

  deleteExpired(now: string): Promise<number> {
    // idle_until is never after expires_at, so it alone tells every session that ended.
    return retriedTransaction(this.gate, (s) => s.run('DELETE FROM sessions WHERE idle_until < ?', [now]));
  }
}

/** Deletes the oldest sessions matching `where` beyond the `keep` newest (found by the key or tenant index). */
async function keepNewest(s: SqlSession, where: string, params: SqlValue[], keep: number): Promise<void> {
  const all = s.kind === 'postgresql' ? 'ALL' : '-1';
  await s.run(
    `DELETE FROM sessions WHERE session_digest IN (
       SELECT session_digest FROM sessions ${where} ORDER BY created_at DESC, session_digest LIMIT ${all} OFFSET ?)`,
    [...params, keep],
  );
}
