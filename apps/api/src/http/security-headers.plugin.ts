import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

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

/**
 * Browser security headers on every answer (`@fastify/helmet`): the policy above, frames
 * refused (`X-Frame-Options: DENY`), `nosniff`, `Referrer-Policy: no-referrer`, same-origin
 * opener and resource policies. Strict-Transport-Security is left to the TLS-terminating proxy,
 * the one that knows whether every host of the domain speaks HTTPS. Registered before the routes.
 */
export async function addSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });
}
