import { CruxBatchCoalescer } from './crux-batch.coalescer';

const nextTurn = (task: () => void) => void setImmediate(task);

describe('CruxBatchCoalescer', () => {
  it('runs the calls received in one turn with the same key as one group, answering each its own result', async () => {
    const runs: string[][] = [];
    const coalescer = new CruxBatchCoalescer<string, string>(async (key, items) => {
      runs.push(items.map((i) => `${key}:${i}`));
      return items.map((i) => i.toUpperCase());
    }, nextTurn);
    const answers = await Promise.all([coalescer.submit('t1', 'a'), coalescer.submit('t1', 'b'), coalescer.submit('t2', 'x'), coalescer.submit('t1', 'c', 3)]);
    expect(runs).toEqual([['t1:a', 't1:b', 't1:c'], ['t2:x']]);
    expect(answers).toEqual(['A', 'B', 'X', 'C']);
  });

  it('fails every call of a group whose run failed, and goes on with the next', async () => {
    let runs = 0;
    const coalescer = new CruxBatchCoalescer<string, string>(async (_key, items) => {
      runs += 1;
      if (runs === 2) throw new Error('store busy');
      return [...items];
    }, nextTurn);
    const results = await Promise.allSettled([coalescer.submit('t', 'a'), coalescer.submit('t', 'b'), coalescer.submit('t', 'c')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    await expect(coalescer.submit('t', 'd')).rejects.toThrow('store busy');
    await expect(coalescer.submit('t', 'e')).resolves.toBe('e');
  });

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

describe('CruxBatchCoalescer with two groups running at once', () => {
  it('starts a second group while the first runs, and holds later calls until one of them ends', async () => {
    const started: string[][] = [];
    const release = new Map<string, () => void>();
    const coalescer = new CruxBatchCoalescer<string, string>(
      (_key, items) =>
        new Promise((resolve) => {
          started.push([...items]);
          release.set(items[0], () => resolve([...items]));
        }),
      nextTurn,
      2,
    );
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    const a = coalescer.submit('t', 'a');
    await turn();
    const b = coalescer.submit('t', 'b');
    await turn();
    const c = coalescer.submit('t', 'c');
    const d = coalescer.submit('t', 'd');
    await turn();
    expect(started).toEqual([['a'], ['b']]);
    release.get('a')?.();
    await expect(a).resolves.toBe('a');
    await turn();
    expect(started).toEqual([['a'], ['b'], ['c', 'd']]);
    release.get('b')?.();
    release.get('c')?.();
    await expect(Promise.all([b, c, d])).resolves.toEqual(['b', 'c', 'd']);
  });
});
