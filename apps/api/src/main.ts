import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { ManageAccess } from '@tally/inventory-application';
import { baseUrlOf, startBanner } from './access/first-start.banner';
import { ConfigError, loadConfig, type AppConfig } from './config/app.config';
import { loadSecretsConfig } from './config/secrets.config';
import { createApiApp } from './api-app.factory';
import { openPersistence } from './platform/sql.persistence';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
    // Refused here, before the database is touched; the key itself is read when the app is composed.
    loadSecretsConfig(process.env, config.databaseUrl);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Tally API cannot start. ${error.message}\n`);
    process.exit(1);
  }
  const persistence = await openPersistence(config);
  const app = await createApiApp(config, persistence);
  const firstStart = await app.get(ManageAccess).bootstrap(config.adminKey);
  await app.listen({ port: config.port, host: config.host });
  const { port } = app.getHttpServer().address() as AddressInfo;
  process.stdout.write(startBanner(baseUrlOf(config.host, port), firstStart, config.adminKey !== undefined));
}

main().catch((error: unknown) => {
  // A setting read while the app is composed (the secrets key file, for one) ends the start like the others.
  if (error instanceof ConfigError) {
    process.stderr.write(`Tally API cannot start. ${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`Tally API failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
