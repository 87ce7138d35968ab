import type { ApiKeyRole } from '../model/tenancy.model';

/** A console session: an API key signed in through the console (ADR 0014). */
export interface ConsoleSession {
  /** Deterministic digest of the session token (see SecretHasher.digest); the token itself is never stored. */
  readonly sessionDigest: string;
  readonly tenantId: string;
  readonly keyId: string;
  readonly createdAt: string;
  /** When the session was last seen in use; written at most once a minute. */
  readonly lastSeenAt: string;
  /** When the session ends unless used again: `lastSeenAt` plus the idle timeout, never after `expiresAt`. */
  readonly idleUntil: string;
  /** When the session ends whatever its use: sign-in plus the absolute timeout. */
  readonly expiresAt: string;
}

/** A session with the current state of its key, read together. */
export interface SessionGrant {
  readonly session: ConsoleSession;
  readonly key: { readonly id: string; readonly tenantId: string; readonly role: ApiKeyRole; readonly revokedAt: string | null };
}

/** How many live sessions a key and a tenant may hold; beyond, their own oldest go. */
export interface SessionCaps {
  readonly perKey: number;
  readonly perTenant: number;
  /**
   * One cap over every tenant's sessions, evicting the oldest whoever holds them: the unsafe
   * behaviour this replaced, kept only for the reliability suite's negative control.
   */
  readonly overall?: number;
}

/** Console sessions, shared by every API process of a deployment. */
export abstract class SessionRepository {
  /**
   * Stores the session, then deletes its key's oldest sessions beyond `caps.perKey` and its
   * tenant's oldest beyond `caps.perTenant`, so one key or tenant signing in over and over
   * ends only its own sessions.
   */
  abstract open(session: ConsoleSession, caps: SessionCaps): Promise<void>;
  /** The session of a digest with its key, or null when either is unknown. One indexed read: it runs on every console request. */
  abstract findWithKey(sessionDigest: string): Promise<SessionGrant | null>;
  /** Records that the session was used at `lastSeenAt` and may now stay idle until `idleUntil`. */
  abstract touch(sessionDigest: string, lastSeenAt: string, idleUntil: string): Promise<void>;
  /** Ends a session; an unknown digest is ignored. */
  abstract close(sessionDigest: string): Promise<void>;
  /** Removes sessions that ended (idle or absolute) before `now`; answers how many. */
  abstract deleteExpired(now: string): Promise<number>;
}
