import { EntitySchema } from '@mikro-orm/core';

/** Row of `tenants`. */
export class TenantRecord {
  id!: string;
  name!: string;
  createdAt!: string;
}

/** Row of `api_keys`; `prefix` is globally unique, the secret is only stored hashed. */
export class ApiKeyRecord {
  id!: string;
  tenantId!: string;
  name!: string;
  role!: string;
  prefix!: string;
  secretHash!: string;
  createdAt!: string;
  revokedAt!: string | null;
}

/** Row of `connections`; `settings` is JSON text, (dialect, credential_id) is unique. */
export class ConnectionRecord {
  id!: string;
  tenantId!: string;
  dialect!: string;
  name!: string;
  settings!: string;
  credentialId!: string;
  secretHash!: string;
  status!: string;
  createdAt!: string;
  rotatedAt!: string | null;
  revokedAt!: string | null;
}

// Times are the domain's ISO-8601 strings, stored as text so they round-trip exactly.
const id = { type: 'string', length: 64 } as const;
const time = { type: 'string', length: 40 } as const;

/** Mapping of {@link TenantRecord}. */
export const TenantSchema = new EntitySchema<TenantRecord>({
  class: TenantRecord,
  tableName: 'tenants',
  properties: {
    id: { ...id, primary: true },
    name: { type: 'string', length: 200 },
    createdAt: time,
  },
});

/** Mapping of {@link ApiKeyRecord}. */
export const ApiKeySchema = new EntitySchema<ApiKeyRecord>({
  class: ApiKeyRecord,
  tableName: 'api_keys',
  properties: {
    id: { ...id, primary: true },
    tenantId: { ...id, index: 'api_keys_tenant_idx' },
    name: { type: 'string', length: 200 },
    role: { type: 'string', length: 20 },
    prefix: { type: 'string', length: 64, unique: 'api_keys_prefix_unique' },
    secretHash: { type: 'string', length: 200 },
    createdAt: time,
    revokedAt: { ...time, nullable: true },
  },
});

/** Mapping of {@link ConnectionRecord}. */
export const ConnectionSchema = new EntitySchema<ConnectionRecord>({
  class: ConnectionRecord,
  tableName: 'connections',
  uniques: [{ name: 'connections_credential_unique', properties: ['dialect', 'credentialId'] }],
  properties: {
    id: { ...id, primary: true },
    tenantId: { ...id, index: 'connections_tenant_idx' },
    dialect: { type: 'string', length: 40 },
    name: { type: 'string', length: 200 },
    settings: { type: 'text' },
    credentialId: { type: 'string', length: 200 },
    secretHash: { type: 'string', length: 200 },
    status: { type: 'string', length: 20 },
    createdAt: time,
    rotatedAt: { ...time, nullable: true },
    revokedAt: { ...time, nullable: true },
  },
});
