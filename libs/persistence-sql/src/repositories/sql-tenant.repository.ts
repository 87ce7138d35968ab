import type { MikroORM } from '@mikro-orm/core';
import type { AbstractSqlDriver } from '@mikro-orm/knex';
import { TenantRepository, type ApiKey, type ApiKeyRole, type Tenant } from '@tally/inventory-application';
import type { SqlGate } from '../sql/sql-gate';
import { ApiKeyRecord, TenantRecord } from '../records/tenancy.record';
import { apiKeyOf, tenantOf } from '../mapping/record.mapper';

interface ApiKeyRow {
  id: string;
  tenant_id: string;
  name: string;
  role: string;
  prefix: string;
  lookup_digest: string | null;
  secret_hash: string;
  created_at: string;
  revoked_at: string | null;
}

// Shared by every Tally process: serializes first starts on one PostgreSQL database (ADR 0051).
const FIRST_TENANT_LOCK = 7_413_202_602;

const API_KEY_COLUMNS = 'id, tenant_id, name, role, prefix, lookup_digest, secret_hash, created_at, revoked_at';

/**
 * Tenants and API keys through MikroORM's entity manager, forked per call, except the two
 * look-ups every request authenticated by an API key runs: those are plain SQL, prepared once per
 * connection (issue 25: the ORM rebuilt each query and inlined the prefix as a literal).
 */
export class SqlTenantRepository extends TenantRepository {
  constructor(
    private readonly orm: MikroORM<AbstractSqlDriver>,
    private readonly gate: SqlGate,
  ) {
    super();
  }

  count(): Promise<number> {
    return this.orm.em.fork().count(TenantRecord, {});
  }

  async create(tenant: Tenant): Promise<void> {
    await this.orm.em.fork().insert(TenantRecord, { id: tenant.id, name: tenant.name, createdAt: tenant.createdAt });
  }

  // One transaction, so no start leaves a tenant without its key; on PostgreSQL the lock makes
  // concurrent first starts take turns (SQLite's BEGIN IMMEDIATE already does).
  async createFirst(tenant: Tenant, key: ApiKey): Promise<boolean> {
    return this.gate.transaction(async (s) => {
      if (this.gate.kind === 'postgresql') await s.all('SELECT pg_advisory_xact_lock(?)', [FIRST_TENANT_LOCK]);
      if ((await s.all('SELECT id FROM tenants LIMIT 1')).length > 0) return false;
      await s.run('INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)', [tenant.id, tenant.name, tenant.createdAt]);
      await s.run(`INSERT INTO api_keys (${API_KEY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        key.id,
        key.tenantId,
        key.name,
        key.role,
        key.prefix,
        key.lookupDigest,
        key.secretHash,
        key.createdAt,
        key.revokedAt,
      ]);
      return true;
    });
  }

  async get(tenantId: string): Promise<Tenant | null> {
    const found = await this.orm.em.fork().findOne(TenantRecord, { id: tenantId });
    return found ? tenantOf(found) : null;
  }

  async list(): Promise<Tenant[]> {
    const found = await this.orm.em.fork().find(TenantRecord, {}, { orderBy: { createdAt: 'asc', id: 'asc' } });
    return found.map(tenantOf);
  }

  async createApiKey(key: ApiKey): Promise<void> {
    await this.orm.em.fork().insert(ApiKeyRecord, { ...key });
  }

  findApiKeyByPrefix(prefix: string): Promise<ApiKey | null> {
    return this.apiKeyWhere('prefix', prefix);
  }

  findApiKeyByLookupDigest(lookupDigest: string): Promise<ApiKey | null> {
    return this.apiKeyWhere('lookup_digest', lookupDigest);
  }

  private async apiKeyWhere(column: 'prefix' | 'lookup_digest', value: string): Promise<ApiKey | null> {
    const [row] = await this.gate.session((s) => s.all<ApiKeyRow>(`SELECT ${API_KEY_COLUMNS} FROM api_keys WHERE ${column} = ?`, [value]));
    if (!row) return null;
    return {
      id: row.id,
      tenantId: row.tenant_id,
      name: row.name,
      role: row.role as ApiKeyRole,
      prefix: row.prefix,
      lookupDigest: row.lookup_digest,
      secretHash: row.secret_hash,
      createdAt: row.created_at,
      revokedAt: row.revoked_at,
    };
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
