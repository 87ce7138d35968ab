import type { Connection, Dialect } from '../model/tenancy.model';
import type { AccessTokenRepository } from '../ports/access-token-repository.port';
import type { Clock } from '../ports/clock.port';
import type { SecretHasher } from '../ports/secret-hasher.port';
import type { CheckedCredential, CredentialCaching } from './credential-answers.cache';
import type { ManageConnections } from './manage-connections.use-case';

/**
 * Live tokens kept per connection: far more than a vendor's clients hold at once (each renews
 * before expiry), few enough that logging in over and over stays a bounded number of rows.
 */
export const MAX_TOKENS_PER_CONNECTION = 100;

/** A token as handed to the client, once. */
export interface IssuedToken {
  readonly token: string;
  readonly expiresAt: string;
  readonly expiresInSeconds: number;
}

/**
 * Exchanges a connection's credentials for a short-lived bearer token and checks tokens on
 * later calls: the login of Crux and the OAuth2 client credentials of Kibo.
 */
export class IssueAccessTokens {
  constructor(
    private readonly tokens: AccessTokenRepository,
    private readonly manageConnections: ManageConnections,
    private readonly hasher: SecretHasher,
    private readonly clock: Clock,
    /** `tokensOutliveRotation`: unsafe, tests only (the reliability suite's negative control): a rotation no longer ends tokens. */
    private readonly options: { readonly tokensOutliveRotation?: boolean } = {},
    /** Keeps valid tokens' connections in memory, each no longer than the token lives (ADR 0048). */
    private readonly caching: CredentialCaching | null = null,
  ) {}

  /** A new token for valid credentials; null when they are wrong or the connection is revoked. */
  async login(dialect: Dialect, credentialId: string, secret: string, ttlSeconds: number): Promise<IssuedToken | null> {
    const connection = await this.manageConnections.authenticate(dialect, credentialId, secret);
    if (!connection) return null;
    const now = this.clock.now();
    const token = this.hasher.generate(32);
    const expiresAt = new Date(now.getTime() + ttlSeconds * 1000).toISOString();
    const dropped = await this.tokens.save(
      {
        tokenDigest: this.hasher.digest(token),
        tenantId: connection.tenantId,
        connectionId: connection.id,
        issuedAt: now.toISOString(),
        expiresAt,
        // The secret generation the credentials were checked against, read with the hash itself:
        // a login that raced a rotation holds the old generation and is refused at once.
        secretRotatedAt: connection.rotatedAt,
      },
      MAX_TOKENS_PER_CONNECTION,
    );
    // The connection's oldest tokens just ended: no process may keep taking them.
    if (dropped > 0) await this.caching?.changes.publish();
    return { token, expiresAt, expiresInSeconds: ttlSeconds };
  }

  /**
   * The active connection of a token of this dialect, or null when unknown, expired, revoked,
   * or issued before the connection's secret was last rotated: a rotation ends what the old
   * secret obtained, as a revocation does (docs/security.md). A valid answer may come from
   * memory until the token expires, at most: a change of its connection anywhere empties it (ADR 0048).
   */
  async verify(dialect: Dialect, token: string): Promise<Connection | null> {
    if (token.length < 16 || token.length > 512) return null;
    const digest = this.hasher.digest(token);
    const cache = this.caching?.cache;
    if (!cache) return (await this.verifyStored(dialect, digest))?.value ?? null;
    return cache.answer(`token\u0000${dialect}\u0000${digest}`, () => this.verifyStored(dialect, digest));
  }

  /** {@link verify} against the database, with the token's expiry. */
  private async verifyStored(dialect: Dialect, digest: string): Promise<CheckedCredential<Connection> | null> {
    const found = await this.tokens.findWithConnection(digest);
    const expiresAt = found ? Date.parse(found.token.expiresAt) : 0;
    if (!found || expiresAt <= this.clock.now().getTime()) return null;
    const { connection } = found;
    if (found.token.secretRotatedAt !== connection.rotatedAt && !this.options.tokensOutliveRotation) return null;
    return connection.status === 'active' && connection.dialect === dialect ? { value: connection, validUntil: expiresAt } : null;
  }
}
