import { ConcurrentWriteError, type ApplyBatchCommand, type BatchExecution, type CanonicalLine, type GroupedExecution } from '@tally/inventory-application';
import { createInMemoryTally, type InMemoryTally } from '../fakes/in-memory-tally.fake';

const T = 'tenant-a';

const adjust = (delta: number, location = 'WH1'): CanonicalLine => ({
  lineNo: 1,
  item: { sku: 'A' },
  location: { code: location },
  write: { kind: 'adjust', delta, figure: 'on_hand', allowNegative: false },
  sourceTimestamp: null,
});

function command(lines: CanonicalLine[], extra: Partial<ApplyBatchCommand> = {}): ApplyBatchCommand {
  return { tenantId: T, connection: null, actor: 'key-1', reference: null, lines, unknownItemPolicy: 'create', createLocationsAs: 'warehouse', ...extra };
}

const idempotency = (key: string, requestHash: string, render?: (report: { counts: unknown }) => { status: number; body: unknown }) => ({
  scope: 'POST /adjust',
  key,
  requestHash,
  render: render ?? ((report: { counts: unknown }) => ({ status: 200, body: { key, hash: requestHash, counts: report.counts } })),
});

function executed(outcome: GroupedExecution): Extract<BatchExecution, { kind: 'executed' }> {
  if (!outcome.ok || outcome.value.kind !== 'executed') throw new Error(`expected an execution, got ${JSON.stringify(outcome)}`);
  return outcome.value;
}

const onHand = async (tally: InMemoryTally) => (await tally.readInventory.listLevels(T, {}, { limit: 10, cursor: null })).items.map((l) => l.figures.onHand);

describe('ApplyStockBatch.executeGroup', () => {
  let tally: InMemoryTally;
  let transactions: number;
  beforeEach(async () => {
    tally = createInMemoryTally();
    await tally.applyBatch.execute(command([{ ...adjust(0), write: { kind: 'set', patch: { onHand: 10 } } }]));
    transactions = 0;
    const inWriteTransaction = tally.store.inWriteTransaction.bind(tally.store);
    jest.spyOn(tally.store, 'inWriteTransaction').mockImplementation((tenantId, work) => {
      transactions += 1;
      return inWriteTransaction(tenantId, work);
    });
  });

  it('tells its observer of each committed command, by dialect, and not of a replay', async () => {
    tally.committedWrites.splice(0);
    const once = idempotency('k-obs', 'h-obs');
    await tally.applyBatch.executeGroup([command([adjust(1)], { idempotency: once }), command([adjust(-100)])]);
    await tally.applyBatch.execute(command([adjust(1)], { idempotency: once }));
    expect(tally.committedWrites).toEqual([
      { dialect: 'canonical', counts: expect.objectContaining({ applied: 1, rejected: 0 }) },
      { dialect: 'canonical', counts: expect.objectContaining({ applied: 0, rejected: 1 }) },
    ]);
  });

  it('applies the commands in one transaction, in order, each answered with its own report', async () => {
    const outcomes = await tally.applyBatch.executeGroup([command([adjust(1)]), command([adjust(-3)]), command([adjust(5)])]);
    expect(transactions).toBe(1);
    expect(outcomes.map((o) => executed(o).report.lines[0].status)).toEqual(['applied', 'applied', 'applied']);
    expect(await onHand(tally)).toEqual([13]);
    // In order: each ledger entry starts where the one before ended.
    expect(
      tally.store
        .tables(T)
        .ledger.slice(1)
        .map((e) => [e.before?.figures.onHand, e.after?.figures.onHand]),
    ).toEqual([
      [10, 11],
      [11, 8],
      [8, 13],
    ]);
  });

  it('answers a command that throws with its own error, and applies its neighbours', async () => {
    const outcomes = await tally.applyBatch.executeGroup([
      command([adjust(1)], { idempotency: idempotency('k1', 'h1') }),
      // Refused before the transaction: the refreshed location is unknown.
      command([adjust(100, 'NOWHERE')], { createLocationsAs: undefined, refresh: { mode: 'partial', location: { code: 'NOWHERE' } } }),
      command([adjust(2)]),
      // Refused inside it: the key is reused with another body.
      command([adjust(50)], { idempotency: idempotency('k1', 'other') }),
      // Fails after it wrote: its writes are undone.
      command([adjust(70)], {
        idempotency: idempotency('k2', 'h2', () => {
          throw new Error('render failed');
        }),
      }),
      command([adjust(4)]),
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true, false, false, true]);
    expect(outcomes[1]).toMatchObject({ ok: false, error: { code: 'INVENTORY.UNKNOWN_LOCATION' } });
    expect(outcomes[3]).toMatchObject({ ok: false, error: { code: 'IDEMPOTENCY.KEY_REUSED' } });
    expect(outcomes[4]).toMatchObject({ ok: false, error: { message: 'render failed' } });
    expect(await onHand(tally)).toEqual([17]);
    expect(tally.store.tables(T).ledger).toHaveLength(4);
    expect([...tally.store.tables(T).idempotency.values()].map((r) => r.key)).toEqual(['k1']);
  });

  it('answers the second of two commands with one key as a replay of the first', async () => {
    const outcomes = await tally.applyBatch.executeGroup([
      command([adjust(1)], { idempotency: idempotency('same', 'h') }),
      command([adjust(1)], { idempotency: idempotency('same', 'h') }),
    ]);
    const first = executed(outcomes[0]);
    expect(outcomes[1]).toEqual({ ok: true, value: { kind: 'replayed', status: 200, body: first.response?.body } });
    expect(await onHand(tally)).toEqual([11]);
  });

  it('runs the whole group again after a lost race, and answers each command once', async () => {
    let races = 0;
    const racing = idempotency('race', 'h', (report) => {
      if (races++ === 0) throw new ConcurrentWriteError('lost a race');
      return { status: 200, body: report.counts };
    });
    const outcomes = await tally.applyBatch.executeGroup([command([adjust(1)]), command([adjust(2)], { idempotency: racing }), command([adjust(3)])]);
    expect(races).toBe(2);
    expect(transactions).toBe(1);
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true]);
    expect(await onHand(tally)).toEqual([16]);
    expect(tally.store.tables(T).ledger).toHaveLength(4);
  });

  it('runs each command alone when the group as a whole cannot commit, so the failure stays with its command', async () => {
    const forever = idempotency('forever', 'h', () => {
      throw new ConcurrentWriteError('always loses');
    });
    const outcomes = await tally.applyBatch.executeGroup([command([adjust(1)]), command([adjust(2)], { idempotency: forever }), command([adjust(3)])]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    // The group, the group with a savepoint per command, then each command alone.
    expect(transactions).toBe(5);
    expect(await onHand(tally)).toEqual([14]);
  });

  it('answers nothing for an empty group and refuses commands of two tenants', async () => {
    expect(await tally.applyBatch.executeGroup([])).toEqual([]);
    await expect(tally.applyBatch.executeGroup([command([adjust(1)]), command([adjust(1)], { tenantId: 'tenant-b' })])).rejects.toThrow('one tenant');
  });
});
