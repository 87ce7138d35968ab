import {
  AccessTokenRepository,
  ConnectionRepository,
  TenantRepository,
  type AccessToken,
  type ApiKey,
  type Connection,
  type Tenant,
  type TokenGrant,
} from '@tally/inventory-application';

/** Oldest first, then by id, as the SQL adapters list. */
export const byCreation = (a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number =>
  a.createdAt === b.createdAt ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.createdAt < b.createdAt ? -1 : 1;

/** Tenants and API keys kept in lists. */
export class InMemoryTenantRepository extends TenantRepository {
  readonly tenants: Tenant[] = [];
  readonly keys: ApiKey[] = [];

  async count(): Promise<number> {
    return this.tenants.length;
  }
  async create(tenant: Tenant): Promise<void> {
    this.tenants.push(tenant);
  }
  async createFirst(tenant: Tenant, key: ApiKey): Promise<boolean> {
    // Checked and stored with no await between: concurrent callers see each other.
    if (this.tenants.length > 0) return false;
    if (this.keys.some((k) => k.prefix === key.prefix || (key.lookupDigest !== null && k.lookupDigest === key.lookupDigest))) throw new Error('duplicate key');
    this.tenants.push(tenant);
    this.keys.push(key);
    return true;
  }
  async get(tenantId: string): Promise<Tenant | null> {
    return this.tenants.find((t) => t.id === tenantId) ?? null;
  }
  async list(): Promise<Tenant[]> {
    return [...this.tenants].sort(byCreation);
  }
  async createApiKey(key: ApiKey): Promise<void> {
    if (this.keys.some((k) => k.prefix === key.prefix)) throw new Error(`duplicate key prefix ${key.prefix}`);
    if (key.lookupDigest !== null && this.keys.some((k) => k.lookupDigest === key.lookupDigest)) throw new Error('duplicate key lookup digest');
    this.keys.push(key);
  }
  async findApiKeyByPrefix(prefix: string): Promise<ApiKey | null> {
    return this.keys.find((k) => k.prefix === prefix) ?? null;
  }
  async findApiKeyByLookupDigest(lookupDigest: string): Promise<ApiKey | null> {
    return this.keys.find((k) => k.lookupDigest === lookupDigest) ?? null;
  }
  async replaceApiKeyVerifier(keyId: string, verifier: Pick<ApiKey, 'prefix' | 'lookupDigest' | 'secretHash'>): Promise<boolean> {
    const index = this.keys.findIndex((k) => k.id === keyId);
    if (index < 0) return false;
    this.keys[index] = { ...this.keys[index], ...verifier };
    return true;
  }
  async listApiKeys(tenantId: string): Promise<ApiKey[]> {
    return this.keys.filter((k) => k.tenantId === tenantId).sort(byCreation);
  }
  async revokeApiKey(tenantId: string, keyId: string, at: string): Promise<boolean> {
    const index = this.keys.findIndex((k) => k.tenantId === tenantId && k.id === keyId);
    if (index < 0) return false;
    this.keys[index] = { ...this.keys[index], revokedAt: this.keys[index].revokedAt ?? at };
    return true;
  }
}

/** Connections kept in a list. */
export class InMemoryConnectionRepository extends ConnectionRepository {
  readonly connections: Connection[] = [];

  async create(connection: Connection): Promise<void> {
    // As the SQL unique constraint: a credential id names one connection of a dialect.
    if (this.connections.some((c) => c.dialect === connection.dialect && c.credentialId === connection.credentialId)) {
      throw new Error(`duplicate credential id ${connection.credentialId}`);
    }
    this.connections.push(connection);
  }
  async get(tenantId: string, connectionId: string): Promise<Connection | null> {
    return this.connections.find((c) => c.tenantId === tenantId && c.id === connectionId) ?? null;
  }
  async list(tenantId: string): Promise<Connection[]> {
    return this.connections.filter((c) => c.tenantId === tenantId).sort(byCreation);
  }
  async findByCredentialId(dialect: string, credentialId: string): Promise<Connection | null> {
    return this.connections.find((c) => c.dialect === dialect && c.credentialId === credentialId) ?? null;
  }
  async update(connection: Connection): Promise<void> {
    const index = this.connections.findIndex((c) => c.id === connection.id);
    if (index >= 0) this.connections[index] = connection;
  }
}

/** Access tokens kept in a map by digest. */
export class InMemoryAccessTokenRepository extends AccessTokenRepository {
  readonly tokens = new Map<string, AccessToken>();

  constructor(private readonly connections: ConnectionRepository) {
    super();
  }

  async save(token: AccessToken, keepNewest: number): Promise<number> {
    this.tokens.set(token.tokenDigest, token);
    const mine = [...this.tokens.values()].filter((t) => t.connectionId === token.connectionId).sort((a, b) => (a.issuedAt < b.issuedAt ? 1 : -1));
    for (const old of mine.slice(keepNewest)) this.tokens.delete(old.tokenDigest);
    return Math.max(0, mine.length - keepNewest);
  }
  async findWithConnection(tokenDigest: string): Promise<TokenGrant | null> {
    const token = this.tokens.get(tokenDigest);
    const connection = token ? await this.connections.get(token.tenantId, token.connectionId) : null;
    return token && connection ? { token, connection } : null;
  }
  async deleteExpired(now: string): Promise<number> {
    const expired = [...this.tokens.values()].filter((t) => t.expiresAt < now);
    for (const t of expired) this.tokens.delete(t.tokenDigest);
    return expired.length;
  }
}
