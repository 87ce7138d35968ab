import type { IssueAccessTokens } from '@tally/inventory-application';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { DialectCatalog } from '../dialects/dialect.catalog';
import type { AuthenticatedRequest } from '../http/auth/auth.decorators';
import { noteRequestConnection, requestConnectionOf, type RequestConnection } from './request-log.facts';
import { REQUEST_ID_HEADER } from './request-id.rule';

/** What the request lines are written with. */
export interface RequestLogParts {
  readonly logger: Logger;
  readonly dialects: DialectCatalog;
  /** Token verification that counts nothing (answered from the credential memory), to name a dialect request's connection. */
  readonly tokens: IssueAccessTokens;
}

const CANONICAL_PREFIX = '/api/v1/';

/**
 * One line per answered request (ADR 0052): request id, method, route (the pattern, never the
 * query or a body), status, duration in ms, dialect, tenant and connection when known. 5xx at
 * error level, the rest at info. Nothing else of the request is read: no header, cookie or body
 * can reach the line. Every answer carries the request's id in X-Request-Id, also the early ones.
 */
export function logRequests(fastify: FastifyInstance, parts: RequestLogParts): void {
  const { logger } = parts;
  const dialectOfRoute = routeDialects(parts.dialects);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const status = reply.statusCode;
    const level = status >= 500 ? 'error' : 'info';
    if (!logger.isLevelEnabled(level)) return;
    const route = request.routeOptions.url;
    const dialect = route === undefined ? undefined : dialectOfRoute(route);
    const tenantOf = (request as AuthenticatedRequest).principal?.tenantId;
    const connection = tenantOf === undefined ? (requestConnectionOf(request) ?? (await tokenConnectionOf(request, dialect, parts))) : undefined;
    logger[level](
      {
        reqId: request.id,
        method: request.method,
        route: route ?? null,
        status,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        dialect,
        tenant: tenantOf ?? connection?.tenantId,
        connection: connection?.id,
      },
      'request',
    );
  });
}

/** The dialect of each route pattern, looked up once: `canonical` under /api/v1, a vendor's under its prefix. */
export function routeDialects(dialects: DialectCatalog): (route: string) => string | undefined {
  const known = new Map<string, string | undefined>();
  return (route) => {
    if (known.has(route)) return known.get(route);
    const dialect = route.startsWith(CANONICAL_PREFIX) ? 'canonical' : (dialects.ofPath(route) ?? dialects.credentialReaderOf(route))?.name;
    known.set(route, dialect);
    return dialect;
  };
}

/** A dialect request's connection, when it presented an issued token that is still valid. */
export async function tokenConnectionOf(
  request: FastifyRequest,
  dialect: string | undefined,
  parts: Pick<RequestLogParts, 'dialects' | 'tokens'>,
): Promise<RequestConnection | undefined> {
  if (dialect === undefined || dialect === 'canonical') return undefined;
  const descriptor = parts.dialects.get(dialect);
  const path = request.url.split('?', 1)[0];
  const presented = descriptor?.presentedCredential?.({ method: request.method, path, headers: request.headers, query: {}, body: undefined });
  if (presented?.kind !== 'token') return undefined;
  const connection = await parts.tokens.verify(dialect, presented.token).catch(() => null);
  if (connection) noteRequestConnection(request, connection);
  return connection ?? undefined;
}
