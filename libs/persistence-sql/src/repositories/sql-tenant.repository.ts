import type { MikroORM } from '@mikro-orm/core';
import type { AbstractSqlDriver } from '@mikro-orm/knex';
import { TenantRepository, type ApiKey, type Tenant } from '@tally/inventory-application';
import { ApiKeyRecord, TenantRecord } from '../records/tenancy.record';
import { apiKeyOf, tenantOf } from '../mapping/record.mapper';

/** Tenants and API keys through MikroORM's entity manager, forked per call. */
export class SqlTenantRepository extends TenantRepository {
  constructor(private readonly orm: MikroORM<AbstractSqlDriver>) {
    super();
  }

  count(): Promise<number> {
    return this.orm.em.fork().count(TenantRecord, {});
  }

  async create(tenant: Tenant): Promise<void> {
    await this.orm.em.fork().insert(TenantRecord, { id: tenant.id, name: tenant.name, createdAt: tenant.createdAt });
  }

  async get(tenantId: string): Promise<Tenant | null> {
    const found = await this.orm.em.fork().findOne(TenantRecord, { id: tenantId });
    return found ? tenantOf(found) : null;
  }

  async createApiKey(key: ApiKey): Promise<void> {
    await this.orm.em.fork().insert(ApiKeyRecord, { ...key });
  }

  async findApiKeyByPrefix(prefix: string): Promise<ApiKey | null> {
    const found = await this.orm.em.fork().findOne(ApiKeyRecord, { prefix });
    return found ? apiKeyOf(found) : null;
  }

  async findApiKeyByLookupDigest(lookupDigest: string): Promise<ApiKey | null> {
    const found = await this.orm.em.fork().findOne(ApiKeyRecord, { lookupDigest });
    return found ? apiKeyOf(found) : null;
  }

  async replaceApiKeyVerifier(keyId: string, verifier: Pick<ApiKey, 'prefix' | 'lookupDigest' | 'secretHash'>): Promise<boolean> {
    const { prefix, lookupDigest, secretHash } = verifier;
    return (await this.orm.em.fork().nativeUpdate(ApiKeyRecord, { id: keyId }, { prefix, lookupDigest, secretHash })) > 0;
  }

  async listApiKeys(tenantId: string): Promise<ApiKey[]> {
    const found = await this.orm.em.fork().find(ApiKeyRecord, { tenantId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    return found.map(apiKeyOf);
  }

  async revokeApiKey(tenantId: string, keyId: string, at: string): Promise<boolean> {
    const em = this.orm.em.fork();
    const found = await em.findOne(ApiKeyRecord, { tenantId, id: keyId });
    if (!found) return false;
    // Revoking twice keeps the first revocation time.
    await em.nativeUpdate(ApiKeyRecord, { tenantId, id: keyId, revokedAt: null }, { revokedAt: at });
    return true;
  }
}
