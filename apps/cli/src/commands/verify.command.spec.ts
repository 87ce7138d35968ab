import { apiOn, cliDatabase, KINDS, sqlOn, tallyExpecting, tenantOn, type CliDatabase } from '../tally-process.spec-helper';

const CREATE = { unknownItemPolicy: 'create', createLocationsAs: 'warehouse' };

describe.each(KINDS)('tally verify on %s', (kind) => {
  let db: CliDatabase;
  beforeEach(async () => {
    db = await cliDatabase(kind);
  });
  afterEach(() => db.drop());

  it('finds a level edited behind the ledger (exit 1), and --repair restores what the ledger says', async () => {
    const { tenantId, key } = await tenantOn(db);
    const { server, as } = await apiOn(db);
    try {
      const admin = as(key);
      const lines = [
        { op: 'set', item: { sku: 'A' }, location: { code: 'WH' }, onHand: 5 },
        { op: 'set', item: { sku: 'B' }, location: { code: 'WH' }, onHand: 8 },
      ];
      expect((await admin('POST', '/api/v1/stock-levels/batch', { json: { ...CREATE, lines } })).status).toBe(200);
      const { itemId } = (await admin('GET', '/api/v1/stock-levels?limit=10')).body.items.find((l: { figures: { onHand: number } }) => l.figures.onHand === 5);
      expect((await tallyExpecting(0, db, 'verify', '--tenant', tenantId)).stdout).toContain('2 place(s) checked, 0 drift(s), 0 repaired');

      await sqlOn(db, `UPDATE stock_levels SET on_hand = 99, data = replace(data, '"onHand":5', '"onHand":99') WHERE item_id = '${itemId}'`);
      const found = await tallyExpecting(1, db, 'verify');
      expect(found.stdout).toContain('2 place(s) checked, 1 drift(s), 0 repaired');
      expect(found.stdout).toContain(`item ${itemId}`);

      const repaired = await tallyExpecting(0, db, 'verify', '--tenant', tenantId, '--repair');
      expect(repaired.stdout).toContain('1 drift(s), 1 repaired');
      expect((await tallyExpecting(0, db, 'verify')).stdout).toContain('0 drift(s)');
      const level = (await admin('GET', '/api/v1/stock-levels?limit=10')).body.items.find((l: { itemId: string }) => l.itemId === itemId);
      expect(level.figures.onHand).toBe(5);
      const ledger = (await admin('GET', `/api/v1/ledger?itemId=${itemId}`)).body.items;
      expect(ledger[0].actor).toBe('cli:verify');
    } finally {
      await server.stop();
    }
  });

  it('names the option when the tenant does not exist', async () => {
    await tenantOn(db);
    expect((await tallyExpecting(1, db, 'verify', '--tenant', 'nobody')).stderr).toContain('--tenant: no tenant nobody [RESOURCE.NOT_FOUND]');
  });
});
