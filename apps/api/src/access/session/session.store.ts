import { Injectable } from '@nestjs/common';
import { Clock, ManageAccess, SecretHasher, SessionRepository, type Principal, type SessionCaps } from '@tally/inventory-application';
import { AppConfig } from '@tally/platform-node';

/** Last-seen is written at most this often, so a busy console costs one read per request, not a write. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Console sessions (ADR 0014): signing in with an API key issues a random opaque token for an
 * HttpOnly cookie. Only the token's digest is stored, in the database, so every API process
 * behind a load balancer knows every session and neither the key nor a usable token is stored.
 * Each request reads the session with its key in one indexed read, so revoking the key ends its
 * sessions at once and the role is always the current one. A session ends when idle for
 * SESSION_IDLE_MINUTES or SESSION_MAX_HOURS after sign-in; a sign-in beyond a key's or a
 * tenant's cap ends only that key's or tenant's oldest sessions.
 */
@Injectable()
export class SessionStore {
  private readonly caps: SessionCaps;
  private readonly touchEveryMs: number;

  constructor(
    private readonly access: ManageAccess,
    private readonly sessions: SessionRepository,
    private readonly hasher: SecretHasher,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    const { maxPerKey, maxPerTenant, idleMs } = config.sessions;
    // The `global-session-cap` negative control of the reliability suite (ADR 0020) restores the
    // one cap over everyone's sessions that this replaced; never on outside tests.
    this.caps =
      config.unsafeTestMode === 'global-session-cap'
        ? { perKey: maxPerKey, perTenant: maxPerTenant, overall: maxPerTenant }
        : { perKey: maxPerKey, perTenant: maxPerTenant };
    // A short idle timeout (tests) needs a fresher last-seen than once a minute.
    this.touchEveryMs = Math.min(TOUCH_EVERY_MS, idleMs / 10);
  }

  /** How long a session may live after sign-in, in seconds (the cookie's Max-Age). */
  get maxAgeSeconds(): number {
    return Math.floor(this.config.sessions.maxAgeMs / 1000);
  }

  /** Opens a session for a valid key: answers the token and the principal, or null. */
  async open(apiKey: string): Promise<{ token: string; principal: Principal; expiresAt: Date } | null> {
    const principal = await this.access.authenticate(apiKey);
    if (!principal) return null;
    const token = this.hasher.generate(32);
    const now = this.clock.now().getTime();
    const expiresAt = now + this.config.sessions.maxAgeMs;
    const at = new Date(now).toISOString();
    await this.sessions.open(
      {
        sessionDigest: this.hasher.digest(token),
        tenantId: principal.tenantId,
        keyId: principal.keyId,
        createdAt: at,
        lastSeenAt: at,
        idleUntil: this.idleUntil(now, expiresAt),
        expiresAt: new Date(expiresAt).toISOString(),
      },
      this.caps,
    );
    return { token, principal, expiresAt: new Date(expiresAt) };
  }

  /** The principal of a live session token, or null (unknown, idle too long, too old, or its key revoked). */
  async principalOf(token: string): Promise<Principal | null> {
    // Found by digest: the database compares digests, never the token, so timing tells nothing of it.
    const digest = this.hasher.digest(token);
    const grant = await this.sessions.findWithKey(digest);
    if (!grant) return null;
    const { session, key } = grant;
    const now = this.clock.now().getTime();
    if (key.revokedAt || key.tenantId !== session.tenantId || Date.parse(session.idleUntil) <= now) {
      await this.sessions.close(digest);
      return null;
    }
    if (now - Date.parse(session.lastSeenAt) >= this.touchEveryMs) {
      await this.sessions.touch(digest, new Date(now).toISOString(), this.idleUntil(now, Date.parse(session.expiresAt)));
    }
    return { tenantId: key.tenantId, keyId: key.id, role: key.role };
  }

  /** Ends a session; unknown tokens are ignored. */
  close(token: string): Promise<void> {
    return this.sessions.close(this.hasher.digest(token));
  }

  private idleUntil(now: number, expiresAt: number): string {
    return new Date(Math.min(now + this.config.sessions.idleMs, expiresAt)).toISOString();
  }
}
