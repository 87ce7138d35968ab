import type { Persistence } from '../persistence.factory';
import { openTestContext, type TestContext } from '../persistence-test.spec-helper';
import { CREDENTIAL_LISTENER_NAME } from './pg-credential.changes';

/** Waits until `condition` holds (state, not timing: the limit only ends a hung test). */
async function until(condition: () => boolean, what: string, limitMs = 15_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`never: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Counts what a persistence's credential changes tell its listeners. */
function heard(p: Persistence): { count: number } {
  const counter = { count: 0 };
  p.credentialChanges.subscribe(() => counter.count++);
  return counter;
}

describe('credential changes on PostgreSQL (ADR 0048)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await openTestContext('postgresql');
  });
  afterAll(() => ctx.dispose());

  it('a change published by one instance reaches the listener of another instance on the same database', async () => {
    const a = ctx.p;
    const b = await ctx.open({ migrate: false });
    expect(b.credentialChanges.live).toBe(false);
    const atA = heard(a);
    const atB = heard(b);
    await until(() => a.credentialChanges.live && b.credentialChanges.live, 'both listening');
    const before = { a: atA.count, b: atB.count };
    await a.credentialChanges.publish();
    // The publisher's own listeners are told before it even sends the notification.
    expect(atA.count).toBeGreaterThan(before.a);
    await until(() => atB.count > before.b, 'B heard the change');
    expect(atB.count).toBe(before.b + 1);
  });

  it('is not live while its listener is disconnected, tells its listeners, and reconnects', async () => {
    const a = ctx.p;
    const b = await ctx.open({ migrate: false });
    const atB = heard(b);
    await until(() => b.credentialChanges.live, 'B listening');
    const before = atB.count;
    // Ends every listener of this database (A's and B's): the server or the network dropped them.
    const [{ ended }] = await a.orm.em
      .getConnection()
      .execute<{ ended: string }[]>(
        'SELECT count(pg_terminate_backend(pid)) AS ended FROM pg_stat_activity WHERE application_name = ? AND datname = current_database()',
        [CREDENTIAL_LISTENER_NAME],
      );
    expect(Number(ended)).toBeGreaterThanOrEqual(1);
    await until(() => atB.count > before, 'B told of the lost listener');
    await until(() => b.credentialChanges.live, 'B listening again');
    const back = atB.count;
    await a.credentialChanges.publish();
    await until(() => atB.count > back, 'B heard the change after reconnecting');
  });
});

describe('credential changes on SQLite (ADR 0048)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await openTestContext('sqlite');
  });
  afterAll(() => ctx.dispose());

  it('is always live and tells the listeners of the process at once', async () => {
    const atP = heard(ctx.p);
    expect(ctx.p.credentialChanges.live).toBe(true);
    await ctx.p.credentialChanges.publish();
    expect(atP.count).toBe(1);
  });
});
