import { CruxBatchCoalescer } from './crux-batch.coalescer';

const nextTurn = (task: () => void) => void setImmediate(task);

// The queue's behaviour (groups per key, failures, several groups at once) is specified by the
// dialect kit's group-commit.queue.spec.ts; this one checks only Crux's bound.
describe('CruxBatchCoalescer', () => {
  it('keeps a group within the size limit, but always takes at least one call', async () => {
    const sizes: number[] = [];
    const coalescer = new CruxBatchCoalescer<number, number>(async (_key, items) => {
      sizes.push(items.length);
      return [...items];
    }, nextTurn);
    await Promise.all([coalescer.submit('t', 0, 1), coalescer.submit('t', 1, 1500), coalescer.submit('t', 2, 1500), coalescer.submit('t', 3, 400)]);
    expect(sizes).toEqual([2, 2]);
  });
});
