import { client, createDatabase, newAdminKey, runToExit, startServer } from '@tally/test-support';
import { targets } from './support/e2e-targets.state';
import { E2E_DATABASES } from './support/server-fleet';

describe('configuration', () => {
  it('refuses to boot on bad values, listing every problem and no secret', async () => {
    const result = await runToExit({ env: { PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://root:hunter2@h/db', BODY_LIMIT: '1tb' } });
    expect(result.code).toBe(1);
    for (const name of ['PORT', 'LOG_LEVEL', 'DATABASE_URL', 'BODY_LIMIT']) expect(result.stderr).toContain(name);
    expect(result.stderr).not.toContain('hunter2');
  });
});

describe.each(targets())('first start on %s', (kind, target) => {
  it('created a tenant for the supplied admin key, printed the URLs and never echoed the key', async () => {
    expect(target.banner).toContain('First start: created tenant');
    for (const path of ['/api/v1', '/docs', '/health']) expect(target.banner).toContain(`${target.baseUrl}${path}`);
    expect(target.banner).not.toContain(target.adminKey);
    expect((await client(target.baseUrl, target.adminKey)('GET', '/api/v1/api-keys')).status).toBe(200);
  });

  it('prints a generated admin key once, and not again after a restart on the same database', async () => {
    const database = await createDatabase(kind as 'sqlite' | 'postgres', E2E_DATABASES);
    try {
      const first = await startServer({ env: { DATABASE_URL: database.url } });
      const key = first.printedAdminKey() ?? 'no key printed';
      await first.stop();
      expect(key).toMatch(/^tly_/);
      const second = await startServer({ env: { DATABASE_URL: database.url, TALLY_ADMIN_KEY: newAdminKey('tly') } });
      try {
        expect(second.output()).not.toContain('First start');
        expect(second.output()).not.toContain(key);
        const keys = await client(second.baseUrl, key)('GET', '/api/v1/api-keys');
        expect(keys.status).toBe(200);
        expect(keys.body.items).toHaveLength(1);
      } finally {
        await second.stop();
      }
    } finally {
      await database.drop();
    }
  });

  it('reports the database in /health without a key', async () => {
    const answer = await client(target.baseUrl, null)('GET', '/health');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'ok', database: { status: 'up', kind } });
  });
});
