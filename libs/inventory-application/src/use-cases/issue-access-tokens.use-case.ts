import type { Connection, Dialect } from '../model/tenancy.model';
import type { AccessTokenRepository } from '../ports/access-token-repository.port';
import type { Clock } from '../ports/clock.port';
import type { SecretHasher } from '../ports/secret-hasher.port';
import type { ManageConnections } from './manage-connections.use-case';

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
  ) {}

  /** A new token for valid credentials; null when they are wrong or the connection is revoked. */
  async login(dialect: Dialect, credentialId: string, secret: string, ttlSeconds: number): Promise<IssuedToken | null> {
    const connection = await this.manageConnections.authenticate(dialect, credentialId, secret);
    if (!connection) return null;
    const now = this.clock.now();
    const token = this.hasher.generate(32);
    const expiresAt = new Date(now.getTime() + ttlSeconds * 1000).toISOString();
    await this.tokens.save({
      tokenDigest: this.hasher.digest(token),
      tenantId: connection.tenantId,
      connectionId: connection.id,
      issuedAt: now.toISOString(),
      expiresAt,
    });
    return { token, expiresAt, expiresInSeconds: ttlSeconds };
  }

  /** The active connection of a token of this dialect, or null when unknown, expired or revoked. */
  async verify(dialect: Dialect, token: string): Promise<Connection | null> {
    if (token.length < 16 || token.length > 512) return null;
    const found = await this.tokens.findWithConnection(this.hasher.digest(token));
    if (!found || Date.parse(found.token.expiresAt) <= this.clock.now().getTime()) return null;
    const { connection } = found;
    return connection.status === 'active' && connection.dialect === dialect ? connection : null;
  }
}
