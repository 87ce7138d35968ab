import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { ManageAccess } from '@tally/inventory-application';
import { adminConsoleBuilt } from './admin/admin-console.static';
import { baseUrlOf, startBanner } from './access/first-start.banner';
import { ConfigError, loadConfig, type AppConfig, loadSecretsConfig } from '@tally/platform-node';
import { loadStartSettings, type StartSettings } from './config/start.config';
import { createApiApp } from './api-app.factory';
import { openPersistence } from './platform/sql.persistence';
import { ListenError, startFailureOf } from './start/start-failure';

async function main(): Promise<void> {
  const { config, start } = loadSettings();
  // Refused here, before the database is touched; the key itself is read when the app is composed.
  loadSecretsConfig(process.env, config.databaseUrl);
  const persistence = await openPersistence(config, start);
  const app = await createApiApp(config, persistence);
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    throw new ListenError(config.host, config.port, error);
  }
  // Only once the server listens (ADR 0051): a start that cannot listen creates no tenant, so the
  // next start that can is still the first, and prints the key.
  const firstStart = await app.get(ManageAccess).bootstrap(config.adminKey);
  const { port } = app.getHttpServer().address() as AddressInfo;
  process.stdout.write(startBanner(baseUrlOf(config.host, port), firstStart, { keySupplied: config.adminKey !== undefined, console: adminConsoleBuilt() }));
}

/** Every setting and argument, every problem listed at once. */
function loadSettings(): { config: AppConfig; start: StartSettings } {
  const problems: string[] = [];
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  const config = attempt(() => loadConfig(process.env));
  const start = attempt(() => loadStartSettings(process.env, process.argv.slice(2)));
  if (!config || !start) throw new ConfigError(problems);
  return { config, start };
}

main().catch((error: unknown) => {
  const failure = startFailureOf(error);
  process.stderr.write(`${failure.message}\n`);
  process.exit(failure.exitCode);
});
