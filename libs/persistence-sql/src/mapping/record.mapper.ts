import type { ApiKey, ApiKeyRole, Connection, ConnectionSettings, Dialect, Location, LocationKind, Tenant } from '@tally/inventory-application';
import type { LocationPolicy } from '@tally/inventory-domain';
import type { ApiKeyRecord, ConnectionRecord, TenantRecord } from '../records/tenancy.record';
import type { LocationRecord } from '../records/catalog.record';

/** Maps a {@link TenantRecord}. */
export const tenantOf = (r: TenantRecord): Tenant => ({ id: r.id, name: r.name, createdAt: r.createdAt });

/** Maps an {@link ApiKeyRecord}. */
export const apiKeyOf = (r: ApiKeyRecord): ApiKey => ({
  id: r.id,
  tenantId: r.tenantId,
  name: r.name,
  role: r.role as ApiKeyRole,
  prefix: r.prefix,
  lookupDigest: r.lookupDigest ?? null,
  secretHash: r.secretHash,
  createdAt: r.createdAt,
  revokedAt: r.revokedAt ?? null,
});

/** Maps a {@link ConnectionRecord}; settings are JSON text. */
export const connectionOf = (r: ConnectionRecord): Connection => ({
  id: r.id,
  tenantId: r.tenantId,
  dialect: r.dialect as Dialect,
  name: r.name,
  settings: JSON.parse(r.settings) as ConnectionSettings,
  credentialId: r.credentialId,
  secretHash: r.secretHash,
  status: r.status as Connection['status'],
  createdAt: r.createdAt,
  rotatedAt: r.rotatedAt ?? null,
  revokedAt: r.revokedAt ?? null,
});

/** The record of a {@link Connection}. */
export const connectionRecordOf = (c: Connection): ConnectionRecord => ({
  id: c.id,
  tenantId: c.tenantId,
  dialect: c.dialect,
  name: c.name,
  settings: JSON.stringify(c.settings),
  credentialId: c.credentialId,
  secretHash: c.secretHash,
  status: c.status,
  createdAt: c.createdAt,
  rotatedAt: c.rotatedAt,
  revokedAt: c.revokedAt,
});

/** Maps a {@link LocationRecord}. */
export const locationOf = (r: Omit<LocationRecord, 'writeStamp'>): Location => ({
  id: r.id,
  tenantId: r.tenantId,
  code: r.code,
  name: r.name ?? null,
  kind: r.kind as LocationKind,
  policy: r.policy as LocationPolicy,
  sourceConnectionId: r.sourceConnectionId ?? null,
  priorityConnectionIds: priorityOrderOf(r.priorityConnectionIds),
  createdAt: r.createdAt,
});

/** Reads the stored `priority` order of a location (a JSON array of connection ids, or null). */
export function priorityOrderOf(text: string | null | undefined): string[] {
  if (!text) return [];
  const parsed = JSON.parse(text) as unknown;
  return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
}
