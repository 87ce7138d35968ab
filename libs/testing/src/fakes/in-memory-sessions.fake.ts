import { SessionRepository, type ConsoleSession, type SessionCaps, type SessionGrant } from '@tally/inventory-application';
import type { InMemoryTenantRepository } from './in-memory-tenancy.fake';

/** Console sessions in a map, with the SQL adapter's caps; keys are read from the tenant fake. */
export class InMemorySessionRepository extends SessionRepository {
  readonly sessions = new Map<string, ConsoleSession>();

  constructor(private readonly tenants: InMemoryTenantRepository) {
    super();
  }

  async open(session: ConsoleSession, caps: SessionCaps): Promise<void> {
    this.sessions.set(session.sessionDigest, session);
    if (caps.overall !== undefined) return this.keepNewest(() => true, caps.overall);
    this.keepNewest((s) => s.keyId === session.keyId, caps.perKey);
    this.keepNewest((s) => s.tenantId === session.tenantId, caps.perTenant);
  }

  async findWithKey(sessionDigest: string): Promise<SessionGrant | null> {
    const session = this.sessions.get(sessionDigest);
    if (!session) return null;
    const key = (await this.tenants.listApiKeys(session.tenantId)).find((k) => k.id === session.keyId);
    return key ? { session, key: { id: key.id, tenantId: key.tenantId, role: key.role, revokedAt: key.revokedAt } } : null;
  }

  async touch(sessionDigest: string, lastSeenAt: string, idleUntil: string): Promise<void> {
    const session = this.sessions.get(sessionDigest);
    if (session) this.sessions.set(sessionDigest, { ...session, lastSeenAt, idleUntil });
  }

  async close(sessionDigest: string): Promise<void> {
    this.sessions.delete(sessionDigest);
  }

  async deleteExpired(now: string): Promise<number> {
    const ended = [...this.sessions.values()].filter((s) => s.idleUntil < now);
    for (const s of ended) this.sessions.delete(s.sessionDigest);
    return ended.length;
  }

  private keepNewest(matches: (s: ConsoleSession) => boolean, keep: number): void {
    const newestFirst = [...this.sessions.values()].filter(matches).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    for (const s of newestFirst.slice(keep)) this.sessions.delete(s.sessionDigest);
  }
}
