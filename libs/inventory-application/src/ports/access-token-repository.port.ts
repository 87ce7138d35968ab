import type { Connection } from '../model/tenancy.model';

/** A short-lived bearer token issued to a vendor client after it logged in. */
export interface AccessToken {
  /** Deterministic digest of the token (see SecretHasher.digest); the token itself is never stored. */
  readonly tokenDigest: string;
  readonly tenantId: string;
  readonly connectionId: string;
  readonly issuedAt: string;
  readonly expiresAt: string;
  /**
   * The connection's `rotatedAt` when the token was issued: which secret obtained it. A token is
   * valid only while the connection still has that secret (a rotation ends it).
   */
  readonly secretRotatedAt: string | null;
}

/** A token with the connection it was issued for. */
export interface TokenGrant {
  readonly token: AccessToken;
  readonly connection: Connection;
}

/** Issued access tokens (Kibo OAuth2 client credentials, Crux login). */
export abstract class AccessTokenRepository {
  /**
   * Stores the token, then deletes the connection's oldest tokens beyond its `keepNewest`
   * newest: a client that logs in over and over cannot grow the table without bound. Answers
   * how many tokens it deleted (they stop working: ADR 0048 announces it).
   */
  abstract save(token: AccessToken, keepNewest: number): Promise<number>;
  /**
   * The token of a digest with its connection, or null when either is unknown. One read: it
   * runs before every vendor call, or group of calls, that a token authenticates.
   */
  abstract findWithConnection(tokenDigest: string): Promise<TokenGrant | null>;
  /** Removes tokens that expired before `now`; answers how many. */
  abstract deleteExpired(now: string): Promise<number>;
}
