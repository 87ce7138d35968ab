import { openTestContext, type TestContext } from '../persistence-test.spec-helper';
import { DriverConnectionPool } from '../sql/driver-connection.pool';
import { SqlGate } from '../sql/sql-gate';
import { PgSharedFailures } from './pg-shared.failures';

jest.setTimeout(60_000);

const WINDOW_MS = 60_000;

describe('failed authentications shared in PostgreSQL', () => {
  let ctx: TestContext;
  let gate: SqlGate;
  beforeAll(async () => {
    ctx = await openTestContext('postgresql');
    gate = new SqlGate('postgresql', DriverConnectionPool.of(ctx.p.orm));
  });
  afterAll(() => ctx?.dispose());
  beforeEach(() => gate.session((s) => s.run('DELETE FROM auth_failures')));

  it('answers each process the failures of the others once, and never its own', async () => {
    // Two instances on one database: two processes.
    const [a, b] = [new PgSharedFailures(gate), new PgSharedFailures(gate)];
    await a.record([
      { address: '203.0.113.7', credential: 'digest-1', at: 1_000 },
      { address: '203.0.113.7', credential: null, at: 1_001 },
    ]);
    await b.record([{ address: '198.51.100.2', credential: 'digest-2', at: 1_002 }]);
    expect(await b.pull(WINDOW_MS)).toEqual([
      { address: '203.0.113.7', credential: 'digest-1', at: 1_000 },
      { address: '203.0.113.7', credential: null, at: 1_001 },
    ]);
    expect(await a.pull(WINDOW_MS)).toEqual([{ address: '198.51.100.2', credential: 'digest-2', at: 1_002 }]);
    // The next pulls read the last second again (late commits), and answer only what is new.
    expect(await b.pull(WINDOW_MS)).toEqual([]);
    await a.record([{ address: '203.0.113.9', credential: 'digest-3', at: 1_003 }]);
    expect(await b.pull(WINDOW_MS)).toEqual([{ address: '203.0.113.9', credential: 'digest-3', at: 1_003 }]);
    // A process that starts later first pulls the window's failures of every other.
    expect(await new PgSharedFailures(gate).pull(WINDOW_MS)).toHaveLength(4);
  });

  it('goes on after a full pull without losing or repeating a row', async () => {
    const [a, b] = [new PgSharedFailures(gate), new PgSharedFailures(gate)];
    // One statement: every row has the same database time, more rows than one pull reads.
    const failures = Array.from({ length: 5_500 }, (_, n) => ({ address: `10.0.${n >> 8}.${n & 255}`, credential: `d${n}`, at: n }));
    await a.record(failures);
    const first = await b.pull(WINDOW_MS);
    const second = await b.pull(WINDOW_MS);
    expect(first.length).toBeLessThan(failures.length);
    expect([...first, ...second].map((f) => f.credential).sort()).toEqual(failures.map((f) => f.credential).sort());
    expect(await b.pull(WINDOW_MS)).toEqual([]);
  });

  it('sweeps failures recorded longer ago than the window, and leaves the rest', async () => {
    const a = new PgSharedFailures(gate);
    await a.record([{ address: '203.0.113.7', credential: 'old', at: 1 }]);
    await gate.session((s) => s.run("UPDATE auth_failures SET recorded_at = recorded_at - 120000 WHERE credential = 'old'"));
    await a.record([{ address: '203.0.113.7', credential: 'new', at: 2 }]);
    expect(await a.sweep(WINDOW_MS, 1000)).toBe(1);
    const left = await gate.session((s) => s.all<{ credential: string }>('SELECT credential FROM auth_failures'));
    expect(left).toEqual([{ credential: 'new' }]);
  });
});
