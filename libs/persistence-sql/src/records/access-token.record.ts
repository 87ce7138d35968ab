import { recordSchema } from './record-schema.factory';

/** Row of `access_tokens`: a digest of a short-lived vendor token, never the token. */
export class AccessTokenRecord {
  tokenDigest!: string;
  tenantId!: string;
  connectionId!: string;
  issuedAt!: string;
  expiresAt!: string;
  secretRotatedAt!: string | null;
}

/** Mapping of {@link AccessTokenRecord}. */
export const AccessTokenSchema = recordSchema(AccessTokenRecord, 'access_tokens', {
  indexes: [
    { name: 'access_tokens_expiry_idx', properties: ['expiresAt'] },
    { name: 'access_tokens_connection_idx', properties: ['connectionId', 'issuedAt'] },
  ],
});
