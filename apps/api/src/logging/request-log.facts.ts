import type { FastifyRequest } from 'fastify';
import type { ConnectionSeen } from '@tally/vendor-kit';

/** Who a request turned out to be, for its log line, when its dialect's credential names a connection. */
export interface RequestConnection {
  readonly id: string;
  readonly tenantId: string;
}

const CONNECTION = Symbol('tally.requestConnection');

type Noted = FastifyRequest & { [CONNECTION]?: RequestConnection };

/** Notes the connection a request authenticated as (the credential check before bodies knows it). */
export function noteRequestConnection(request: FastifyRequest, connection: RequestConnection): void {
  (request as Noted)[CONNECTION] = { id: connection.id, tenantId: connection.tenantId };
}

/** The connection noted for the request, if any. */
export function requestConnectionOf(request: FastifyRequest): RequestConnection | undefined {
  return (request as Noted)[CONNECTION];
}

/** A dialect handler's {@link ConnectionSeen} for this request: what it authenticates as reaches the request's line. */
export function connectionSeenBy(request: FastifyRequest): ConnectionSeen {
  return (connection) => noteRequestConnection(request, connection);
}
