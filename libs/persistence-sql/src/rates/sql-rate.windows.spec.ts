import { DATABASE_KINDS, openTestContext, type TestContext } from '../persistence-test.spec-helper';
import { DriverConnectionPool } from '../sql/driver-connection.pool';
import { SqlGate } from '../sql/sql-gate';
import { SqlRateWindows } from './sql-rate.windows';

jest.setTimeout(60_000);

describe.each(DATABASE_KINDS)('rate windows in the database on %s', (kind) => {
  let ctx: TestContext;
  let gate: SqlGate;
  let now = 1_000_000;
  beforeAll(async () => {
    ctx = await openTestContext(kind);
    gate = new SqlGate(kind, DriverConnectionPool.of(ctx.p.orm));
  });
  afterAll(() => ctx?.dispose());

  it('counts a subject’s requests in one window shared by every instance, and opens a new one after it', async () => {
    // Two instances on one database: two processes.
    const [a, b] = [new SqlRateWindows(gate, () => now), new SqlRateWindows(gate, () => now)];
    const decisions = await Promise.all(Array.from({ length: 6 }, (_, n) => (n % 2 ? a : b).take('vendor', 'key-1', 5, 1000)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
    now += 400;
    expect(await a.take('vendor', 'key-1', 5, 1000)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(await b.take('vendor', 'key-2', 5, 1000)).toEqual({ allowed: true });
    expect(await b.take('other', 'key-1', 5, 1000)).toEqual({ allowed: true });
    now += 600;
    expect(await b.take('vendor', 'key-1', 5, 1000)).toEqual({ allowed: true });
  });

  it('sweeps windows an hour old', async () => {
    const windows = new SqlRateWindows(gate, () => now);
    await windows.take('vendor', 'old', 5, 1000);
    now += 3_600_001;
    expect(await windows.purge(now - 3_600_000, 1000)).toBeGreaterThanOrEqual(1);
    const left = await gate.session((s) => s.all<{ subject: string }>("SELECT subject FROM rate_windows WHERE subject = 'old'"));
    expect(left).toEqual([]);
  });
});
