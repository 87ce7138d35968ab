import { cliDatabase, KINDS, printed, tally, tallyExpecting, tenantOn, apiOn, type CliDatabase } from '../tally-process.spec-helper';

const SET = { item: { sku: 'SKU-1' }, location: { code: 'WH-1' }, unknownItemPolicy: 'create', createLocationsAs: 'warehouse', onHand: 4 };

describe.each(KINDS)('tally create-tenant, create-key and recover-admin on %s', (kind) => {
  let db: CliDatabase;
  beforeEach(async () => {
    db = await cliDatabase(kind);
  });
  afterEach(() => db.drop());

  it('prints keys the API accepts: the first tenant is an operator, a recovered admin key works and the old key still does', async () => {
    const first = await tenantOn(db, 'Acme');
    const second = await tallyExpecting(0, db, 'create-tenant', 'Beta');
    expect(printed(second, 'role')).toBe('admin');
    const recovered = await tallyExpecting(0, db, 'recover-admin', '--tenant', first.tenantId);
    const viewer = await tallyExpecting(0, db, 'create-key', '--tenant', first.tenantId, '--role', 'read-only', '--name', 'dashboard');
    const { server, as } = await apiOn(db);
    try {
      const operator = as(first.key);
      expect((await operator('POST', '/api/v1/stock-levels/set', { json: SET })).status).toBe(200);
      expect((await operator('GET', '/api/v1/api-keys')).body.items.map((k: { role: string }) => k.role).sort()).toEqual(['admin', 'operator', 'read_only']);
      // The operator key opens tenants through the API, as the first start's would.
      expect((await operator('POST', '/api/v1/tenants', { json: { name: 'Gamma' } })).status).toBe(201);

      const newAdmin = as(printed(recovered, 'key'));
      expect((await newAdmin('GET', '/api/v1/stock-levels')).body.items[0].figures.onHand).toBe(4);
      expect((await operator('GET', '/api/v1/stock-levels')).status).toBe(200);
      const secondTenant = as(printed(second, 'key'));
      expect((await secondTenant('GET', '/api/v1/stock-levels')).body.items).toEqual([]);

      const reader = as(printed(viewer, 'key'));
      expect((await reader('GET', '/api/v1/stock-levels')).status).toBe(200);
      expect((await reader('POST', '/api/v1/stock-levels/set', { json: SET })).status).toBe(403);
      // One character changed (a key may already end in x).
      const key = printed(recovered, 'key');
      const altered = `${key.slice(0, -1)}${key.endsWith('x') ? 'y' : 'x'}`;
      expect((await as(altered)('GET', '/api/v1/stock-levels')).status).toBe(401);
    } finally {
      await server.stop();
    }
  });

  it('refuses bad input naming the option, with exit 2 for the command line and 1 for what the use case refuses', async () => {
    const { tenantId } = await tenantOn(db);
    const badRole = await tallyExpecting(2, db, 'create-key', '--tenant', tenantId, '--role', 'owner');
    expect(badRole.stderr).toContain('--role must be one of admin, read-only, got "owner"');
    expect(badRole.stdout).toBe('');
    expect((await tallyExpecting(2, db, 'create-key', '--role', 'admin')).stderr).toContain('--tenant ID is required');
    expect((await tallyExpecting(1, db, 'create-key', '--tenant', 'no-such-tenant', '--role', 'admin')).stderr).toContain(
      '--tenant: no tenant no-such-tenant [RESOURCE.NOT_FOUND]',
    );
    expect((await tallyExpecting(1, db, 'create-tenant', '   ')).stderr).toContain('NAME: name must not be blank [REQUEST.INVALID]');
    expect((await tallyExpecting(2, db, 'create-tenant')).stderr).toContain('expects NAME');
    expect((await tallyExpecting(2, db, 'recover-admin', '--tenant', tenantId, '--role', 'admin')).stderr).toContain("Unknown option '--role'");
  });
});

describe('tally itself', () => {
  it('answers --help for the tool and each command, and exit 2 for an unknown command', async () => {
    const db = await cliDatabase('sqlite');
    try {
      const help = await tallyExpecting(0, db, '--help');
      for (const name of ['migrate', 'backup', 'restore', 'create-tenant', 'create-key', 'recover-admin', 'verify'])
        expect(help.stdout).toContain(`  ${name} `);
      expect((await tallyExpecting(0, db, 'create-key', '--help')).stdout).toContain('--role admin|read-only');
      const unknown = await tally(db, 'frobnicate');
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('unknown command "frobnicate"');
      expect(unknown.stderr).toContain('CLI.UNKNOWN_COMMAND');
    } finally {
      await db.drop();
    }
  });
});
