import { EntitySchema } from '@mikro-orm/core';

/** Row of `access_tokens`: a digest of a short-lived vendor token, never the token. */
export class AccessTokenRecord {
  tokenDigest!: string;
  tenantId!: string;
  connectionId!: string;
  issuedAt!: string;
  expiresAt!: string;
}

/** Mapping of {@link AccessTokenRecord}. */
export const AccessTokenSchema = new EntitySchema<AccessTokenRecord>({
  class: AccessTokenRecord,
  tableName: 'access_tokens',
  properties: {
    tokenDigest: { type: 'string', length: 128, primary: true },
    tenantId: { type: 'string', length: 64 },
    connectionId: { type: 'string', length: 64 },
    issuedAt: { type: 'string', length: 40 },
    expiresAt: { type: 'string', length: 40, index: 'access_tokens_expiry_idx' },
  },
});
