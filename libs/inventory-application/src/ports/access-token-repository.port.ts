/** A short-lived bearer token issued to a vendor client after it logged in. */
export interface AccessToken {
  /** Deterministic digest of the token (see SecretHasher.digest); the token itself is never stored. */
  readonly tokenDigest: string;
  readonly tenantId: string;
  readonly connectionId: string;
  readonly issuedAt: string;
  readonly expiresAt: string;
}

/** Issued access tokens (Kibo OAuth2 client credentials, Crux login). */
export abstract class AccessTokenRepository {
  abstract save(token: AccessToken): Promise<void>;
  abstract findByDigest(tokenDigest: string): Promise<AccessToken | null>;
  /** Removes tokens that expired before `now`; answers how many. */
  abstract deleteExpired(now: string): Promise<number>;
}
