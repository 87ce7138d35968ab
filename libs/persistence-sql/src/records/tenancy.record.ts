import { recordSchema } from './record-schema.factory';

/** Row of `tenants`. */
export class TenantRecord {
  id!: string;
  name!: string;
  createdAt!: string;
}

/** Row of `api_keys`; `prefix` and `lookup_digest` are globally unique, the secret is only stored hashed. */
export class ApiKeyRecord {
  id!: string;
  tenantId!: string;
  name!: string;
  role!: string;
  prefix!: string;
  secretHash!: string;
  createdAt!: string;
  revokedAt!: string | null;
  lookupDigest!: string | null;
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

/** Mapping of {@link TenantRecord}. */
export const TenantSchema = recordSchema(TenantRecord, 'tenants', {});

/** Mapping of {@link ApiKeyRecord}. */
export const ApiKeySchema = recordSchema(ApiKeyRecord, 'api_keys', {
  indexes: [{ name: 'api_keys_tenant_idx', properties: ['tenantId'] }],
  uniques: [
    { name: 'api_keys_prefix_unique', properties: ['prefix'] },
    { name: 'api_keys_lookup_unique', properties: ['lookupDigest'] },
  ],
});

/** Mapping of {@link ConnectionRecord}. */
export const ConnectionSchema = recordSchema(ConnectionRecord, 'connections', {
  indexes: [{ name: 'connections_tenant_idx', properties: ['tenantId'] }],
  uniques: [{ name: 'connections_credential_unique', properties: ['dialect', 'credentialId'] }],
});
