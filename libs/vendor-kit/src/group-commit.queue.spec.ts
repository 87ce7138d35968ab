import { GroupCommitQueue } from './group-commit.queue';

const nextTurn = (task: () => void) => void setImmediate(task);
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommitQueue', () => {
  it('runs the items submitted in one turn with the same key as one group, in arrival order, answering each its own result', async () => {
    const runs: string[][] = [];
    const queue = new GroupCommitQueue<string, string>(async (key, items) => {
      runs.push(items.map((i) => `${key}:${i}`));
      return items.map((i) => i.toUpperCase());
    }, nextTurn);
    const answers = await Promise.all([queue.submit('t1', 'a'), queue.submit('t1', 'b'), queue.submit('t2', 'x'), queue.submit('t1', 'c', 3)]);
    expect(runs).toEqual([['t1:a', 't1:b', 't1:c'], ['t2:x']]);
    expect(answers).toEqual(['A', 'B', 'X', 'C']);
  });

  it('holds the items that arrive while a group of their key runs, then runs them together', async () => {
    const runs: string[][] = [];
    let release: () => void = () => undefined;
    const queue = new GroupCommitQueue<string, string>(
      (_key, items) =>
        new Promise((resolve) => {
          runs.push([...items]);
          release = () => resolve([...items]);
        }),
      nextTurn,
    );
    const a = queue.submit('t', 'a');
    await turn();
    const later = [queue.submit('t', 'b'), queue.submit('t', 'c')];
    await turn();
    expect(runs).toEqual([['a']]);
    release();
    await expect(a).resolves.toBe('a');
    await turn();
    expect(runs).toEqual([['a'], ['b', 'c']]);
    release();
    await expect(Promise.all(later)).resolves.toEqual(['b', 'c']);
  });

  it('fails every item of a group whose run failed, and goes on with the next', async () => {
    let runs = 0;
    const queue = new GroupCommitQueue<string, string>(async (_key, items) => {
      runs += 1;
      if (runs === 2) throw new Error('store busy');
      return [...items];
    }, nextTurn);
    const results = await Promise.allSettled([queue.submit('t', 'a'), queue.submit('t', 'b')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    await expect(queue.submit('t', 'd')).rejects.toThrow('store busy');
    await expect(queue.submit('t', 'e')).resolves.toBe('e');
  });

  it('keeps a group within its size bound, but always takes at least one item', async () => {
    const sizes: number[][] = [];
    const queue = new GroupCommitQueue<number, number>(
      async (_key, items) => {
        sizes.push([...items]);
        return [...items];
      },
      nextTurn,
      { maxGroupSize: 10 },
    );
    await Promise.all([queue.submit('t', 1, 4), queue.submit('t', 2, 6), queue.submit('t', 3, 25), queue.submit('t', 4, 1), queue.submit('t', 5, 9)]);
    expect(sizes).toEqual([[1, 2], [3], [4, 5]]);
  });

  it('starts up to maxRunning groups of one key at once', async () => {
    const started: string[][] = [];
    const release = new Map<string, () => void>();
    const queue = new GroupCommitQueue<string, string>(
      (_key, items) =>
        new Promise((resolve) => {
          started.push([...items]);
          release.set(items[0], () => resolve([...items]));
        }),
      nextTurn,
      { maxRunning: 2 },
    );
    const a = queue.submit('t', 'a');
    await turn();
    const b = queue.submit('t', 'b');
    await turn();
    const c = queue.submit('t', 'c');
    await turn();
    expect(started).toEqual([['a'], ['b']]);
    release.get('a')?.();
    await expect(a).resolves.toBe('a');
    await turn();
    expect(started).toEqual([['a'], ['b'], ['c']]);
    release.get('b')?.();
    release.get('c')?.();
    await expect(Promise.all([b, c])).resolves.toEqual(['b', 'c']);
  });
});
