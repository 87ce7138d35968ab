import { WorkerLoops } from './worker-loops.util';

const until = async (condition: () => boolean): Promise<void> => {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 2));
  if (!condition()) throw new Error('condition not reached');
};

describe('WorkerLoops', () => {
  const options = { loops: 1, pollMs: 60_000, onError: () => undefined };

  it('runs again at once while rounds find work, sleeps when idle until woken, and names each loop', async () => {
    const rounds: string[] = [];
    let work = 3;
    const loops = new WorkerLoops('owner', { ...options, loops: 2 }, async (owner) => {
      rounds.push(owner);
      return work-- > 0;
    });
    loops.start();
    await until(() => rounds.length === 5); // three busy rounds, then each loop's idle one
    expect(new Set(rounds)).toEqual(new Set(['owner:0', 'owner:1']));
    work = 1;
    loops.wake();
    await until(() => rounds.length === 8); // woken: one busy round, then idle again
    await loops.stop();
    expect(rounds).toHaveLength(8);
  });

  it('stops after the round in hand, which sees it stopping', async () => {
    let release: () => void = () => undefined;
    const seen: boolean[] = [];
    const loops = new WorkerLoops('owner', options, async () => {
      await new Promise<void>((resolve) => (release = resolve));
      seen.push(loops.stopping);
      return true;
    });
    loops.start();
    let stopped = false;
    const stopping = loops.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(seen).toEqual([true]);
  });

  it('reports a round that throws and carries on after the poll', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const loops = new WorkerLoops('owner', { ...options, pollMs: 5, onError: (e) => errors.push(e) }, async () => {
      if (++calls === 1) throw new Error('database is down');
      return false;
    });
    loops.start();
    await until(() => calls >= 2);
    await loops.stop();
    expect(errors).toEqual([new Error('database is down')]);
  });
});
