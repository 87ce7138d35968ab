import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiApp } from '../api-app.factory';
import { loadConfig } from '@tally/platform-node';
import { openPersistence } from '../platform/sql.persistence';
import { buildOpenApiDocument } from './openapi.setup';

/**
 * Writes the OpenAPI document of the canonical API to the file given as argument (or stdout),
 * building the Nest app on a throw-away SQLite file without listening. The console's typed
 * client is generated from it (ADR 0014).
 */
async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'tally-openapi-'));
  try {
    process.env['JOBS_WORKER'] = 'off'; // a document, not a worker
    process.env['CRUX_WRITE_THREAD'] = 'off'; // nor a writer
    const config = loadConfig({ LOG_LEVEL: 'error', DATABASE_URL: `sqlite:${join(folder, 'openapi.db')}` });
    const app = await createApiApp(config, await openPersistence(config), { docsUi: false, adminConsole: false });
    const document = JSON.stringify(buildOpenApiDocument(app), null, 2) + '\n';
    await app.close();
    if (process.argv[2]) writeFileSync(process.argv[2], document);
    else process.stdout.write(document);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`OpenAPI export failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
