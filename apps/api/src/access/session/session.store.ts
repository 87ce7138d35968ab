import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { API_KEY_PREFIX_LENGTH, Clock, ManageAccess, TenantRepository, type Principal } from '@tally/inventory-application';

/** How long a console session lives after sign-in. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
/** At most this many live sessions per process; the oldest go first. */
const MAX_SESSIONS = 10_000;

interface StoredSession {
  readonly tenantId: string;
  readonly keyId: string;
  /** Public prefix of the key, to re-check it on every request (revocation, role). */
  readonly keyPrefix: string;
  readonly expiresAt: number;
}

/**
 * Console sessions (ADR 0014): signing in with an API key issues a random opaque token for an
 * HttpOnly cookie. Only the token's SHA-256 digest is kept, in this process's memory, so neither
 * the key nor a usable token is ever stored; every request re-reads the key, so revoking it ends
 * its sessions and its role is always the current one.
 */
@Injectable()
export class SessionStore {
  private readonly sessions = new Map<string, StoredSession>();

  constructor(
    private readonly access: ManageAccess,
    private readonly tenants: TenantRepository,
    private readonly clock: Clock,
  ) {}

  /** Opens a session for a valid key: answers the token and the principal, or null. */
  async open(apiKey: string): Promise<{ token: string; principal: Principal; expiresAt: Date } | null> {
    const principal = await this.access.authenticate(apiKey);
    if (!principal) return null;
    this.sweep();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = this.clock.now().getTime() + SESSION_TTL_MS;
    this.sessions.set(digest(token), { tenantId: principal.tenantId, keyId: principal.keyId, keyPrefix: apiKey.slice(0, API_KEY_PREFIX_LENGTH), expiresAt });
    return { token, principal, expiresAt: new Date(expiresAt) };
  }

  /** The principal of a live session token, or null (unknown, expired, or its key revoked). */
  async principalOf(token: string): Promise<Principal | null> {
    // Lookup by digest: the map compares digests, never the token, so timing tells nothing of it.
    const id = digest(token);
    const session = this.sessions.get(id);
    if (!session) return null;
    if (session.expiresAt <= this.clock.now().getTime()) {
      this.sessions.delete(id);
      return null;
    }
    const key = await this.tenants.findApiKeyByPrefix(session.keyPrefix);
    if (!key || key.id !== session.keyId || key.revokedAt) {
      this.sessions.delete(id);
      return null;
    }
    return { tenantId: key.tenantId, keyId: key.id, role: key.role };
  }

  /** Ends a session; unknown tokens are ignored. */
  close(token: string): void {
    this.sessions.delete(digest(token));
  }

  private sweep(): void {
    const now = this.clock.now().getTime();
    for (const [id, session] of this.sessions) if (session.expiresAt <= now) this.sessions.delete(id);
    while (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
  }
}

function digest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}
