import type { ConnectionActivityRecorder, IssueAccessTokens } from '@tally/inventory-application';
import type { FastifyInstance } from 'fastify';
import type { DialectCatalog } from '../dialects/dialect.catalog';
import type { AuthenticatedRequest } from '../http/auth/auth.decorators';
import { requestConnectionOf } from '../logging/request-log.facts';
import { routeDialects, tokenConnectionOf } from '../logging/request-log.hooks';
import { refusalOf } from './request-refusal.facts';

/** What the hook finds a request's connection with. */
export interface ConnectionActivityParts {
  readonly recorder: ConnectionActivityRecorder;
  readonly dialects: DialectCatalog;
  /** Token verification that counts nothing (answered from the credential memory). */
  readonly tokens: IssueAccessTokens;
}

/**
 * Every answer to a request that authenticated as a connection marks the connection seen; an
 * answer of 400 or more is its refusal, with the code and message of the answer (ADR 0063). In
 * memory only: the recorder writes every second. Runs as the answer goes out, so a client that
 * reads the activity next finds it. Requests made with an API key are not a connection's.
 */
export function recordConnectionActivity(fastify: FastifyInstance, parts: ConnectionActivityParts): void {
  const dialectOfRoute = routeDialects(parts.dialects);
  fastify.addHook('onSend', async (request, reply, payload) => {
    if ((request as AuthenticatedRequest).principal) return payload;
    const route = request.routeOptions.url;
    const connection = requestConnectionOf(request) ?? (route === undefined ? undefined : await tokenConnectionOf(request, dialectOfRoute(route), parts));
    if (!connection) return payload;
    parts.recorder.seen(connection.tenantId, connection.id);
    const status = reply.statusCode;
    if (status >= 400) parts.recorder.refused(connection.tenantId, connection.id, { status, ...refusalOf(request, status, payload), source: 'request' });
    return payload;
  });
}
