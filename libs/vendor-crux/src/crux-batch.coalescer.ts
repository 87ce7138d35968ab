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

interface KeyQueue<T, R> {
  readonly waiting: Pending<T, R>[];
  /** Groups of this key being run. */
  running: number;
  /** A start is deferred to the next turn. */
  deferred: boolean;
}

/**
 * Group commit for one-SKU-per-call traffic: while a group of calls with one key (a Crux
 * token) is being run, the calls that arrive with that key wait, and are then run together:
 * one token check and one batch, one transaction, for all of them. Each call is answered only
 * after the run that holds it finished, so an acknowledged update is committed, and a token is
 * still checked after the call arrived, so revoking a connection takes effect at once. Without
 * contention a call waits only for `defer` (one turn of the event loop in production), which
 * lets the calls already received join it: better-sqlite3 is synchronous, so without that turn
 * a whole call would run before the next one is even read.
 *
 * With `maxRunning` above 1, that many groups of one key may run at once: when groups run on
 * another thread, the next group forms and starts while the previous one commits there. Calls
 * in flight together have no order a client could rely on; a call sent after another was
 * answered always runs in a later group.
 */
export class CruxBatchCoalescer<T, R> {
  private readonly keys = new Map<string, KeyQueue<T, R>>();

  constructor(
    private readonly run: RunGroup<T, R>,
    private readonly defer: Defer,
    private readonly maxRunning = 1,
  ) {}

  /** Queues one call of `size` elements (1 for a single update) and answers its result. */
  submit(key: string, item: T, size = 1): Promise<R> {
    return new Promise((resolve, reject) => {
      let queue = this.keys.get(key);
      if (!queue) this.keys.set(key, (queue = { waiting: [], running: 0, deferred: false }));
      queue.waiting.push({ item, size, resolve, reject });
      if (queue.deferred || queue.running >= this.maxRunning) return;
      queue.deferred = true;
      const deferredQueue = queue;
      this.defer(() => {
        deferredQueue.deferred = false;
        this.start(key, deferredQueue);
      });
    });
  }

  /** Starts groups of the waiting calls while fewer than `maxRunning` run. */
  private start(key: string, queue: KeyQueue<T, R>): void {
    while (queue.running < this.maxRunning && queue.waiting.length) {
      const group = takeGroup(queue.waiting);
      queue.running += 1;
      void this.runGroup(key, group).finally(() => {
        queue.running -= 1;
        // Calls that arrived meanwhile already waited a turn: they start at once.
        this.start(key, queue);
      });
    }
    if (!queue.running && !queue.waiting.length && !queue.deferred) this.keys.delete(key);
  }

  private async runGroup(key: string, group: Pending<T, R>[]): Promise<void> {
    try {
      const results = await this.run(
        key,
        group.map((p) => p.item),
      );
      group.forEach((p, i) => p.resolve(results[i]));
    } catch (error) {
      for (const p of group) p.reject(error);
    }
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
