import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Where `nx build admin` leaves the console, from this file in src/ or dist/ of apps/api. */
export const ADMIN_DIST = resolve(__dirname, '../../../admin/dist');

/** Whether `nx build admin` left a console to serve. */
export function adminConsoleBuilt(root = ADMIN_DIST): boolean {
  return existsSync(resolve(root, 'index.html'));
}

/**
 * Serves the operator console (apps/admin) at /admin on the API's own origin. The built files
 * are served as they are; any other path under /admin answers index.html so that the SPA's own
 * routes survive a reload. When the console was not built, /admin is simply absent.
 */
export async function serveAdminConsole(app: NestFastifyApplication, root = ADMIN_DIST): Promise<boolean> {
  if (!adminConsoleBuilt(root)) return false;
  // Loaded only when used: it pulls in an ES module that jest's CommonJS runtime cannot require.
  const { default: fastifyStatic } = await import('@fastify/static');
  await app.register(fastifyStatic, { root, prefix: '/admin/', wildcard: false, index: ['index.html'], cacheControl: false });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/admin', (_request, reply) => reply.redirect('/admin/'));
  fastify.get('/admin/*', (_request, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html', root));
  return true;
}
