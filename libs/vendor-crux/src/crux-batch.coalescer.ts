/** Runs one group of queued calls that share a key; answers one result per call, in order. */
export type RunGroup<T, R> = (key: string, items: readonly T[]) => Promise<R[]>;

interface Pending<T, R> {
  readonly item: T;
  readonly size: number;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

/** Schedules a task after the calls already received are read (`setImmediate` in Node). */
export type Defer = (task: () => void) => void;

/** Most elements one group takes; a bulk call (at most 1000) always fits whole. */
export const MAX_GROUP_SIZE = 2000;

/**
 * Group commit for one-SKU-per-call traffic: while a group of calls with one key (a Crux
 * token) is being run, the calls that arrive with that key wait, and are then run together:
 * one token check and one batch, one transaction, for all of them. Each call is answered only
 * after the run that holds it finished, so an acknowledged update is committed, and a token is
 * still checked after the call arrived, so revoking a connection takes effect at once. Without
 * contention a call waits only for `defer` (one turn of the event loop in production), which
 * lets the calls already received join it: better-sqlite3 is synchronous, so without that turn
 * a whole call would run before the next one is even read.
 */
export class CruxBatchCoalescer<T, R> {
  private readonly queues = new Map<string, Pending<T, R>[]>();

  constructor(
    private readonly run: RunGroup<T, R>,
    private readonly defer: Defer,
  ) {}

  /** Queues one call of `size` elements (1 for a single update) and answers its result. */
  submit(key: string, item: T, size = 1): Promise<R> {
    return new Promise((resolve, reject) => {
      const pending = { item, size, resolve, reject };
      const queue = this.queues.get(key);
      if (queue) {
        queue.push(pending);
        return;
      }
      this.queues.set(key, [pending]);
      this.defer(() => void this.drain(key));
    });
  }

  private async drain(key: string): Promise<void> {
    const queue = this.queues.get(key) as Pending<T, R>[];
    while (queue.length) {
      const group = takeGroup(queue);
      try {
        const results = await this.run(key, group.map((p) => p.item));
        group.forEach((p, i) => p.resolve(results[i]));
      } catch (error) {
        for (const p of group) p.reject(error);
      }
    }
    this.queues.delete(key);
  }
}

function takeGroup<T, R>(queue: Pending<T, R>[]): Pending<T, R>[] {
  let size = 0;
  let count = 0;
  while (count < queue.length && (count === 0 || size + queue[count].size <= MAX_GROUP_SIZE)) {
    size += queue[count].size;
    count += 1;
  }
  return queue.splice(0, count);
}
