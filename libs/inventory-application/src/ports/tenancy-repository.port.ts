import type { ApiKey, Connection, Tenant } from '../model/tenancy.model';

/** Tenants and their API keys. */
export abstract class TenantRepository {
  abstract count(): Promise<number>;
  abstract create(tenant: Tenant): Promise<void>;
  /**
   * Stores the first tenant and its key together, in one transaction, unless a tenant exists
   * already (then stores nothing and answers false). Concurrent callers take turns: one wins.
   */
  abstract createFirst(tenant: Tenant, key: ApiKey): Promise<boolean>;
  abstract get(tenantId: string): Promise<Tenant | null>;
  /** Every tenant, oldest first (an operator's verification of them all). */
  abstract list(): Promise<Tenant[]>;
  abstract createApiKey(key: ApiKey): Promise<void>;
  /** The key with this public prefix, revoked or not. */
  abstract findApiKeyByPrefix(prefix: string): Promise<ApiKey | null>;
  /** The supplied key with this lookup digest, revoked or not. */
  abstract findApiKeyByLookupDigest(lookupDigest: string): Promise<ApiKey | null>;
  /**
   * Replaces how a key is found and verified (a key stored the old way, upgraded at its next
   * use); false when there is no such key.
   */
  abstract replaceApiKeyVerifier(keyId: string, verifier: Pick<ApiKey, 'prefix' | 'lookupDigest' | 'secretHash'>): Promise<boolean>;
  abstract listApiKeys(tenantId: string): Promise<ApiKey[]>;
  abstract revokeApiKey(tenantId: string, keyId: string, at: string): Promise<boolean>;
}

/** Connections of a tenant to vendor dialects. */
export abstract class ConnectionRepository {
  abstract create(connection: Connection): Promise<void>;
  abstract get(tenantId: string, connectionId: string): Promise<Connection | null>;
  abstract list(tenantId: string): Promise<Connection[]>;
  /** Finds an active or revoked connection by the public credential id its client presents. */
  abstract findByCredentialId(dialect: string, credentialId: string): Promise<Connection | null>;
  abstract update(connection: Connection): Promise<void>;
}
