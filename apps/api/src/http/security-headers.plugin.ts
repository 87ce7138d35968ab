import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The Content-Security-Policy of every answer. The console and Swagger UI load their scripts
 * and styles from this origin only; both set inline styles (Mantine's theme variables, Swagger
 * UI's layout), so styles may be inline, scripts never. Nothing may frame them, and forms post
 * only here. No `upgrade-insecure-requests`: a server reached over plain HTTP (a local run, a
 * private network) would have the browser ask for its scripts over HTTPS and fail.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'upgrade-insecure-requests': null,
};

/** helmet's settings: the policy above, frames refused, no referrer; HSTS is left to the proxy. */
const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  strictTransportSecurity: false,
};

/**
 * The headers helmet sets with {@link HELMET_OPTIONS}, computed once: none of them depends on
 * the request (no nonces), so running helmet's middleware once against a recording response
 * gives the same headers it would set on every answer.
 */
export function securityHeaders(): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let failure: unknown = null;
  helmet(HELMET_OPTIONS)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => void (failure = error ?? null));
  if (failure) throw failure;
  return headers;
}

/**
 * Browser security headers on every answer (helmet's): the policy above, frames refused
 * (`X-Frame-Options: DENY`), `nosniff`, `Referrer-Policy: no-referrer`, same-origin opener and
 * resource policies. Strict-Transport-Security is left to the TLS-terminating proxy, the one
 * that knows whether every host of the domain speaks HTTPS. The headers are computed once at
 * start: `@fastify/helmet` rebuilds helmet's middleware for every request, which cost about as
 * much as the rest of a Crux call's HTTP handling (ADR 0047). Registered before the routes.
 */
export function addSecurityHeaders(fastify: FastifyInstance): void {
  const headers = securityHeaders();
  fastify.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
