import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { serveAdminConsole } from './admin/admin-console.static';
import { AppModule } from './app.module';
import type { AppConfig } from '@tally/platform-node';
import { setUpOpenApi } from './docs/openapi.setup';
import { ConnectionActivityRecorder, IssueAccessTokens, ManageAccess } from '@tally/inventory-application';
import { recordConnectionActivity } from './connections/connection-activity.hook';
import { SessionStore } from './access/session/session.store';
import { AuthFailureThrottle } from './http/auth/auth-failure.throttle';
import { checkCredentialsBeforeBodies } from './http/auth/credential-before-body.hook';
import { uncountedTokens } from './http/auth/tenant-rate-limited.credentials';
import { TenantRequestLimiter } from './http/auth/tenant-request.limiter';
import { capConnectionsPerAddress } from './http/connections-per-address.limiter';
import { PresentedCredentialReader } from './http/auth/presented-credential.reader';
import { addSecurityHeaders } from './http/security-headers.plugin';
import { exceptionToProblem } from './http/problem/exception-to-problem.mapper';
import { replyWithProblem } from './http/problem/problem.reply';
import { requireJsonBodies } from './http/request-shape.hooks';
import { rejectUnsafeText } from './http/text-safety.hook';
import { retainRefusedRequests } from './http/unsafe-retain-refused.hook';
import { drainRefusedBodies } from './http/refused-body-drain.hook';
import { applyRouteBodyLimits } from './http/route-body-limits.hook';
import { STOCK_FILE_MEDIA_TYPES, stockImportRoute } from './stock/stock-import.config';
import { ApiValidationPipe } from './http/validation/api-validation.pipe';
import type { PersistenceHandle } from './platform/persistence.handle';
import { DialectCatalog } from './dialects/dialect.catalog';
import { recordHttpMetrics } from './metrics/http-metrics.hook';
import { MetricsRegistry } from './metrics/metrics.registry';
import { INSTALLED_DIALECTS } from './dialects/installed-dialects.list';
import { NestPinoLogger } from './logging/nest-pino.logger';
import { requestIdOf, REQUEST_ID_HEADER } from './logging/request-id.rule';
import { logRequests } from './logging/request-log.hooks';
import { createRootLogger } from './logging/root.logger';
import { logListening } from './logging/start-up.line';

/**
 * Builds the initialized API on Fastify with the installed dialects: JSON bodies only, up to
 * BODY_LIMIT, except where a dialect's route declares other media types or a limit of its own
 * (the Kibo refresh routes' KIBO_REFRESH_BODY_LIMIT, for one); the global validation pipe;
 * browser security headers on every answer; X-Forwarded-* believed from TRUST_PROXY's proxies
 * only; Swagger at /docs (the UI can be left out where its static assets cannot load, as under
 * jest); the operator console at /admin when it was built (left out likewise); JSON log lines
 * through pino at LOG_LEVEL, one per request, with the request's id (ADR 0052).
 * It does not listen; the caller decides where.
 */
export async function createApiApp(
  config: AppConfig,
  persistence: PersistenceHandle,
  options: { docsUi?: boolean; adminConsole?: boolean } = {},
): Promise<NestFastifyApplication> {
  const dialects = new DialectCatalog(
    INSTALLED_DIALECTS.map((installed) => installed.descriptor),
    process.env,
  );
  const logging = createRootLogger(config.logLevel, config.logFormat);
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimit,
    // The client's X-Request-Id when reasonable, else a new one (ADR 0052).
    genReqId: (raw: IncomingMessage) => requestIdOf(raw.headers[REQUEST_ID_HEADER]),
    // A client that sends slowly or not at all gives its socket back (408 or a close) instead of
    // holding it and the memory of its unfinished body (docs/security.md, "Timeouts and limits").
    requestTimeout: config.http.requestTimeoutMs,
    keepAliveTimeout: config.http.keepAliveTimeoutMs,
    connectionTimeout: config.http.connectionTimeoutMs,
    // Node checks the request and headers timeouts on this period: at its default (30 s) a short timeout would fire late.
    http: { headersTimeout: config.http.headersTimeoutMs, connectionsCheckingInterval: Math.min(1_000, config.http.headersTimeoutMs) },
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // A path the router cannot decode (bad percent-encoding, a parameter over its length) is refused
    // before any route or hook; without this, the router answers in its own shape, not the dialect's.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) =>
      replyWithProblem(reply, exceptionToProblem(error), request.url.split('?')[0], dialects),
    // X-Forwarded-For/-Proto/-Host are believed from the proxies TRUST_PROXY names only: request.ip,
    // request.protocol and request.host are the client's, or the peer's own when it is not trusted.
    ...(config.trustProxy === false ? {} : { trustProxy: typeof config.trustProxy === 'number' ? config.trustProxy : [...config.trustProxy] }),
  });
  const stockImport = stockImportRoute(process.env);
  applyRouteBodyLimits(adapter.getInstance(), [...dialects.routeBodyLimits(), stockImport.bodyLimit]);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config, persistence, dialects, logging), adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(NestPinoLogger));
  const fastify = app.getHttpAdapter().getInstance();
  // First of the request hooks, so that every answer carries the request's id and is logged.
  logRequests(fastify, { logger: logging.logger, dialects, tokens: uncountedTokens(app.get(IssueAccessTokens)) });
  logListening(fastify, logging.logger, config);
  // Before the other request hooks, so that an answer given by any later one carries them too.
  addSecurityHeaders(fastify);
  capConnectionsPerAddress(fastify.server, config.http.maxConnectionsPerAddress);
  requireJsonBodies(fastify, [...dialects.routeMediaTypes(), stockImport.mediaTypes]);
  // Read whole (the route's own limit): the file is parsed, then stored as a job or previewed.
  fastify.addContentTypeParser([...STOCK_FILE_MEDIA_TYPES], { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  const skipTextSafety = config.unsafeTestMode === 'skip-text-safety';
  if (!skipTextSafety) rejectUnsafeText(fastify);
  drainRefusedBodies(fastify);
  // Every 401, whoever answered it (the API key guard or a vendor dialect), counts against the
  // client address and the credential the request presented.
  const throttle = app.get(AuthFailureThrottle);
  const credentials = app.get(PresentedCredentialReader);
  if (config.unsafeTestMode !== 'parse-before-auth') {
    // The handler's own check counts the request against its tenant's rate; this one does not,
    // except for Crux, whose handler checks a token once per group of calls.
    checkCredentialsBeforeBodies(fastify, {
      dialects,
      credentials,
      throttle,
      tokens: uncountedTokens(app.get(IssueAccessTokens)),
      countedDialects: new Set(['crux']),
      limiter: app.get(TenantRequestLimiter),
      access: app.get(ManageAccess),
      sessions: app.get(SessionStore),
    });
  }
  // Counted as the 401 goes out, not once it has gone (onResponse): an earlier onResponse hook may
  // wait on the database (the request log reads a token's connection), and the client's next
  // guess must not be checked before this failure is counted.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (reply.statusCode === 401) throttle.record(request.ip, credentials.recall(request));
    done(null, payload);
  });
  recordHttpMetrics(fastify, app.get(MetricsRegistry));
  recordConnectionActivity(fastify, { recorder: app.get(ConnectionActivityRecorder), dialects, tokens: uncountedTokens(app.get(IssueAccessTokens)) });
  if (config.unsafeTestMode === 'retain-refused-requests') retainRefusedRequests(fastify);
  app.useGlobalPipes(new ApiValidationPipe({ skipBodies: config.unsafeTestMode === 'skip-body-validation', skipTextSafety }));
  app.enableShutdownHooks();
  setUpOpenApi(app, options.docsUi ?? true);
  if (options.adminConsole ?? true) await serveAdminConsole(app);
  await app.init();
  return app;
}
