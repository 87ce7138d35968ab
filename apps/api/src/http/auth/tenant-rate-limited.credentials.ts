import type { IssueAccessTokens, ManageConnections } from '@tally/inventory-application';
import type { TenantRequestLimiter } from './tenant-request.limiter';

const UNCOUNTED = Symbol('uncounted');

type Counted<T> = T & { [UNCOUNTED]?: T };

/**
 * Connection authentication that counts each authenticated request against its tenant's rate
 * (ADR 0044): every vendor dialect authenticates through it, so each answers the 429 in its own
 * shape (the exception filter renders it). Token issuing authenticates through it too.
 */
export function rateLimitedConnections(inner: ManageConnections, limiter: TenantRequestLimiter): ManageConnections {
  const counted: Counted<ManageConnections> = Object.create(inner);
  counted.authenticate = async (dialect, credentialId, secret) => {
    const connection = await inner.authenticate(dialect, credentialId, secret);
    if (connection) limiter.admit(connection.tenantId);
    return connection;
  };
  counted[UNCOUNTED] = inner;
  return counted;
}

/** Issued-token verification (Kibo, Crux) that counts each request against its tenant's rate. */
export function rateLimitedTokens(inner: IssueAccessTokens, limiter: TenantRequestLimiter): IssueAccessTokens {
  const counted: Counted<IssueAccessTokens> = Object.create(inner);
  counted.verify = async (dialect, token) => {
    const connection = await inner.verify(dialect, token);
    if (connection) limiter.admit(connection.tenantId);
    return connection;
  };
  counted[UNCOUNTED] = inner;
  return counted;
}

/** The same tokens without the count: for the check before a body, so its handler's check is the one counted. */
export function uncountedTokens(tokens: IssueAccessTokens): IssueAccessTokens {
  return (tokens as Counted<IssueAccessTokens>)[UNCOUNTED] ?? tokens;
}
