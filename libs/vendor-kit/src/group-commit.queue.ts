/** Runs one group of queued items that share a key; answers one result per item, in order. */
export type RunGroup<T, R> = (key: string, items: readonly T[]) => Promise<R[]>;

/** Schedules a task after the calls already received are read (`setImmediate` in Node). */
export type Defer = (task: () => void) => void;

/** Most elements (lines) one group takes by default; an item larger than that still runs, alone. */
export const DEFAULT_MAX_GROUP_SIZE = 2000;

/** Options of {@link GroupCommitQueue}. */
export interface GroupCommitOptions {
  /** Groups of one key that may run at once; 1 by default. */
  readonly maxRunning?: number;
  /** Most elements a group takes ({@link DEFAULT_MAX_GROUP_SIZE} by default); the first item of a group always fits. */
  readonly maxGroupSize?: number;
}

interface Pending<T, R> {
  readonly item: T;
  readonly size: number;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

interface KeyQueue<T, R> {
  readonly waiting: Pending<T, R>[];
  /** Groups of this key being run. */
  running: number;
  /** A start is deferred to the next turn. */
  deferred: boolean;
}

/**
 * Group commit (ADR 0026, ADR 0046): while a group of items with one key (a tenant, a Crux
 * token) is being run, the items that arrive with that key wait, and are then run together,
 * in arrival order, as one group: one transaction for all of them. Each item is answered only
 * after the run that holds it finished, so an acknowledged write is committed. Without
 * contention an item waits only for `defer` (one turn of the event loop in production), which
 * lets the calls already received join it: better-sqlite3 is synchronous, so without that turn
 * a whole call would run before the next one is even read.
 *
 * With `maxRunning` above 1, that many groups of one key may run at once (the next group forms
 * and starts while the previous one commits elsewhere). Items in flight together have no order
 * a client could rely on; an item submitted after another was answered always runs in a later
 * group.
 */
export class GroupCommitQueue<T, R> {
  private readonly keys = new Map<string, KeyQueue<T, R>>();
  private readonly maxRunning: number;
  private readonly maxGroupSize: number;

  constructor(
    private readonly run: RunGroup<T, R>,
    private readonly defer: Defer,
    options: GroupCommitOptions = {},
  ) {
    this.maxRunning = options.maxRunning ?? 1;
    this.maxGroupSize = options.maxGroupSize ?? DEFAULT_MAX_GROUP_SIZE;
  }

  /** Queues one item of `size` elements (1 for a single write) and answers its result. */
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

  /** Starts groups of the waiting items while fewer than `maxRunning` run. */
  private start(key: string, queue: KeyQueue<T, R>): void {
    while (queue.running < this.maxRunning && queue.waiting.length) {
      const group = this.takeGroup(queue.waiting);
      queue.running += 1;
      void this.runGroup(key, group).finally(() => {
        queue.running -= 1;
        // Items that arrived meanwhile already waited a turn: they start at once.
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

  private takeGroup(waiting: Pending<T, R>[]): Pending<T, R>[] {
    let size = 0;
    let count = 0;
    while (count < waiting.length && (count === 0 || size + waiting[count].size <= this.maxGroupSize)) {
      size += waiting[count].size;
      count += 1;
    }
    return waiting.splice(0, count);
  }
}
