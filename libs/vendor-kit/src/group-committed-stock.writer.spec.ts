import { ApplicationError, ApplicationErrorCodes, type ApplyBatchCommand, type BatchExecution, type GroupedExecution } from '@tally/inventory-application';
import { err, ok } from '@tally/inventory-domain';
import { GroupCommittedStockWriter } from './group-committed-stock.writer';

const nextTurn = (task: () => void) => void setImmediate(task);

function command(tenantId: string, reference: string, lineCount = 1): ApplyBatchCommand {
  const line = { lineNo: 1, item: { sku: 'A' }, location: { code: 'WH' }, write: { kind: 'set' as const, patch: { onHand: 1 } }, sourceTimestamp: null };
  return { tenantId, connection: null, actor: 'key', reference, lines: Array.from({ length: lineCount }, (_, i) => ({ ...line, lineNo: i + 1 })) };
}

const executed = (reference: string): BatchExecution => ({ kind: 'replayed', status: 200, body: reference });

describe('GroupCommittedStockWriter', () => {
  it('runs the commands of one tenant received together as one group and answers each its own execution or error', async () => {
    const groups: string[][] = [];
    const writer = new GroupCommittedStockWriter(
      {
        executeGroup: async (commands) => {
          groups.push(commands.map((c) => `${c.tenantId}/${c.reference}`));
          return commands.map((c): GroupedExecution =>
            c.reference === 'bad' ? err(new ApplicationError(ApplicationErrorCodes.validation, 'bad')) : ok(executed(c.reference!)),
          );
        },
      },
      nextTurn,
    );
    const answers = await Promise.allSettled([
      writer.execute(command('t1', 'a')),
      writer.execute(command('t1', 'bad')),
      writer.execute(command('t2', 'x')),
      writer.execute(command('t1', 'c')),
    ]);
    expect(groups).toEqual([['t1/a', 't1/bad', 't1/c'], ['t2/x']]);
    expect(answers.map((a) => (a.status === 'fulfilled' ? (a.value as { body: unknown }).body : (a.reason as Error).message))).toEqual(['a', 'bad', 'x', 'c']);
    expect(answers[1]).toMatchObject({ status: 'rejected', reason: { code: ApplicationErrorCodes.validation } });
  });

  it('bounds a group by its lines: a command larger than the bound runs alone', async () => {
    const groups: string[][] = [];
    const writer = new GroupCommittedStockWriter(
      {
        executeGroup: async (commands) => {
          groups.push(commands.map((c) => c.reference!));
          return commands.map((c) => ok(executed(c.reference!)));
        },
      },
      nextTurn,
      { maxGroupSize: 100 },
    );
    await Promise.all([
      writer.execute(command('t', 'a', 60)),
      writer.execute(command('t', 'b', 50)),
      writer.execute(command('t', 'big', 500)),
      writer.execute(command('t', 'c', 1)),
    ]);
    expect(groups).toEqual([['a'], ['b'], ['big'], ['c']]);
  });
});
