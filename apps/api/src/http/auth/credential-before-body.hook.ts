import { HttpException } from '@nestjs/common';
import type { IssueAccessTokens, ManageAccess } from '@tally/inventory-application';
import { parseBearerToken, type DialectDescriptor } from '@tally/vendor-kit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DialectCatalog } from '../../dialects/dialect.catalog';
import { sessionTokenOf } from '../../access/session/session.cookie';
import type { SessionStore } from '../../access/session/session.store';
import { exceptionToProblem } from '../problem/exception-to-problem.mapper';
import { replyWithProblem } from '../problem/problem.reply';
import { answerBeforeBody } from '../refused-body-drain.hook';
import { throttledException } from './auth-failure-throttle.guard';
import type { AuthFailureThrottle } from './auth-failure.throttle';
import type { PresentedCredentialReader } from './presented-credential.reader';
import { presentedApiKey } from './api-key.credential';
import type { TenantRequestLimiter } from './tenant-request.limiter';
import { noteRequestConnection } from '../../logging/request-log.facts';

/** Schemes whose every route takes its credential in a header: a request without one cannot succeed. */
const HEADER_SCHEMES: ReadonlySet<DialectDescriptor['credential']['scheme']> = new Set(['oauth2-client-credentials', 'bearer-token', 'token-and-email']);

/** What the hook checks with. */
export interface CredentialBeforeBodyChecks {
  readonly dialects: DialectCatalog;
  readonly credentials: PresentedCredentialReader;
  readonly throttle: AuthFailureThrottle;
  /** Token verification that counts nothing: the dialect's handler checks the token again and counts the call. */
  readonly tokens: IssueAccessTokens;
  /**
   * Dialects whose calls this check counts against their tenant's rate: their handlers check a
   * token once per group of calls (Crux), so this check, which every call passes, counts it.
   */
  readonly countedDialects: ReadonlySet<string>;
  readonly limiter: TenantRequestLimiter;
  readonly access: ManageAccess;
  readonly sessions: SessionStore;
}

const CANONICAL_PREFIX = '/api/v1/';
// The one canonical route that takes its credential in the body (the console sign-in).
const SIGN_IN_PATH = '/api/v1/session';

/**
 * Checks the credential a request with a body presents in its headers before the body is read
 * (a dialect route's body may be tens of MB): it is refused with 429 when the failed-
 * authentication throttle refuses it, and with 401 when a header-credential dialect's request
 * presents none or presents an issued token that is unknown, expired or revoked. A canonical
 * route's API key or session cookie is checked the same way (the guard checks it again after
 * the body, with the role). Both answers are in the dialect's shape, go out at once, and a 401
 * counts against the throttle like any other. Credentials carried in the body (RetailOPS, the
 * Crux login, the console sign-in) are checked after it, as before, within the route's body limit.
 * Tokens and API keys are answered from the process's credential memory (ADR 0048) when it
 * holds them, so a busy client costs no database read here.
 */
export function checkCredentialsBeforeBodies(fastify: FastifyInstance, checks: CredentialBeforeBodyChecks): void {
  fastify.addHook('onRequest', async (request, reply) => {
    if (!hasBody(request)) return;
    const path = request.url.split('?', 1)[0];
    if (path.startsWith(CANONICAL_PREFIX) && path !== SIGN_IN_PATH) {
      // A path no route serves is answered 404 whoever asks, as before.
      return request.routeOptions.url === undefined ? undefined : checkCanonical(request, reply, path, checks);
    }
    const dialect = checks.dialects.credentialReaderOf(path);
    if (!dialect?.presentedCredential) return;
    if (refuseThrottled(request, reply, path, checks)) return reply;
    const presented = dialect.presentedCredential({ method: request.method, path, headers: request.headers, query: {}, body: undefined });
    const missing = !presented && HEADER_SCHEMES.has(dialect.credential.scheme);
    if (missing)
      return refuse(request, reply, path, new HttpException('the request presents no credential; authenticate before sending the body', 401), checks.dialects);
    if (presented?.kind !== 'token') return undefined;
    const { token } = presented;
    const connection = await checks.tokens.verify(dialect.name, token);
    if (!connection) {
      const why = 'the bearer token is unknown, expired or revoked; authenticate before sending the body';
      return refuse(request, reply, path, new HttpException(why, 401), checks.dialects);
    }
    noteRequestConnection(request, connection);
    // Throws the tenant's 429, rendered in the dialect's shape.
    if (checks.countedDialects.has(dialect.name)) checks.limiter.admit(connection.tenantId);
    return undefined;
  });
}

/** A canonical write's bearer key, or else its session cookie, checked before its body. */
async function checkCanonical(
  request: FastifyRequest,
  reply: FastifyReply,
  path: string,
  checks: CredentialBeforeBodyChecks,
): Promise<FastifyReply | undefined> {
  if (refuseThrottled(request, reply, path, checks)) return reply;
  const header = request.headers.authorization;
  let known: boolean;
  if (header !== undefined) {
    const key = presentedApiKey(parseBearerToken(header));
    known = key !== null && (await checks.access.authenticate(key)) !== null;
  } else {
    const token = sessionTokenOf(request.headers.cookie, request.protocol === 'https');
    known = token !== null && (await checks.sessions.principalOf(token)) !== null;
  }
  if (known) return undefined;
  const why = header !== undefined ? 'the API key is unknown or revoked' : 'send an API key as "Authorization: Bearer <key>"';
  return refuse(request, reply, path, new HttpException(`${why}; authenticate before sending the body`, 401), checks.dialects);
}

/** Answers 429 with Retry-After when the throttle refuses the credential presented; whether it did. */
function refuseThrottled(request: FastifyRequest, reply: FastifyReply, path: string, checks: CredentialBeforeBodyChecks): boolean {
  const credential = checks.credentials.read(request, { isPublic: false });
  const refusal = credential && checks.throttle.refusal(request.ip, credential);
  if (!refusal) return false;
  reply.header('retry-after', String(refusal.retryAfterSeconds));
  refuse(request, reply, path, throttledException(refusal), checks.dialects);
  return true;
}

function refuse(request: FastifyRequest, reply: FastifyReply, path: string, exception: HttpException, dialects: DialectCatalog): FastifyReply {
  answerBeforeBody(request);
  replyWithProblem(reply, exceptionToProblem(exception), path, dialects);
  return reply;
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}
