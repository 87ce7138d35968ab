import { DATABASE_KINDS, openTestContext, type TestContext } from '../persistence-test.spec-helper';
import { DriverConnectionPool } from './driver-connection.pool';
import { signalOnCommit, SqlGate } from './sql-gate';

jest.setTimeout(60_000);

describe.each(DATABASE_KINDS)('commit signals on %s', (kind) => {
  let ctx: TestContext;
  let gate: SqlGate;
  const heard: string[] = [];
  beforeAll(async () => {
    ctx = await openTestContext(kind);
    gate = new SqlGate(kind, DriverConnectionPool.of(ctx.p.orm));
    gate.onCommitted('work', () => heard.push('work'));
  });
  beforeEach(() => heard.splice(0));
  afterAll(() => ctx?.dispose());

  it('raises a signal once per committed transaction, after the commit, however often it was asked', async () => {
    let heardInside = -1;
    await gate.transaction(async (session) => {
      signalOnCommit(session, 'work');
      signalOnCommit(session, 'work');
      heardInside = heard.length;
    });
    expect(heardInside).toBe(0);
    expect(heard).toEqual(['work']);
  });

  it('raises nothing for a transaction rolled back, nor for a session outside a transaction', async () => {
    await expect(
      gate.transaction(async (session) => {
        signalOnCommit(session, 'work');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await gate.session(async (session) => signalOnCommit(session, 'work'));
    expect(heard).toEqual([]);
  });

  it('tells only the listeners of the signal raised, and no longer one that unsubscribed', async () => {
    const other: string[] = [];
    const stop = gate.onCommitted('other', () => other.push('other'));
    gate.onCommitted('broken', () => {
      throw new Error('a listener that throws');
    });
    await gate.transaction(async (session) => signalOnCommit(session, 'broken'));
    await gate.transaction(async (session) => signalOnCommit(session, 'other'));
    stop();
    await gate.transaction(async (session) => signalOnCommit(session, 'other'));
    expect(other).toEqual(['other']);
    expect(heard).toEqual([]);
  });
});
