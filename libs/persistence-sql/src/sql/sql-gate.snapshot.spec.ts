import { DATABASE_KINDS, openTestContext, type TestContext } from '../persistence-test.spec-helper';
import { DriverConnectionPool } from './driver-connection.pool';
import { SqlGate } from './sql-gate';
import type { SqlSession } from './sql-session';

jest.setTimeout(60_000);

const tenants = async (s: SqlSession) => Number((await s.all<{ n: number | string }>('SELECT COUNT(*) AS n FROM tenants'))[0].n);

describe.each(DATABASE_KINDS)('read snapshots on %s', (kind) => {
  let ctx: TestContext;
  let gate: SqlGate;
  let writer: SqlGate;
  beforeAll(async () => {
    ctx = await openTestContext(kind);
    gate = new SqlGate(kind, DriverConnectionPool.of(ctx.p.orm));
    writer = new SqlGate(kind, DriverConnectionPool.of((await ctx.open()).orm));
  });
  afterAll(() => ctx?.dispose());

  const addTenant = (id: string) =>
    writer.transaction((s) => s.run('INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)', [id, id, '2026-12-06T00:00:00.000Z']));

  it('answers every statement from one snapshot, whatever commits meanwhile', async () => {
    const [before, during] = await gate.snapshot(async (s) => {
      const first = await tenants(s);
      await addTenant('snapshot-a');
      return [first, await tenants(s)];
    });
    expect(during).toBe(before);
    expect(await gate.session(tenants)).toBe(before + 1);
  });

  it('passes the work’s error on and leaves the connection usable', async () => {
    await expect(gate.snapshot(() => Promise.reject(new Error('read failed')))).rejects.toThrow('read failed');
    await addTenant('snapshot-b');
    expect(await gate.snapshot(tenants)).toBe(await gate.session(tenants));
  });
});
