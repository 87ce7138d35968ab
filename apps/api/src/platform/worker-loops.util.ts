/** Settings of {@link WorkerLoops}. */
export interface WorkerLoopsOptions {
  /** Loops that run rounds side by side, each named `<owner>:<n>`. */
  readonly loops: number;
  /** How long an idle loop sleeps before looking again for work (other processes' work is seen this way). */
  readonly pollMs: number;
  /** Told of a round that threw; the loop sleeps as if idle, then carries on. */
  readonly onError: (error: unknown) => void;
}

/**
 * One round of a loop: does what work there is, and answers true when it found some (the loop
 * runs again at once) or false when idle (the loop sleeps `pollMs`, or until woken).
 */
export type WorkerRound = (owner: string) => Promise<boolean>;

/**
 * Loops that run rounds until stopped: the shared shape of the job worker and the channel
 * dispatcher. Sleeps are cut short by {@link wake} (new work) and by {@link stop}, which lets
 * each loop finish the round in hand. Plain TypeScript: it runs on the main thread or in a
 * worker thread alike.
 */
export class WorkerLoops {
  private stopped = false;
  private readonly running: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();

  constructor(
    private readonly owner: string,
    private readonly options: WorkerLoopsOptions,
    private readonly round: WorkerRound,
  ) {}

  /** True once {@link stop} was called: a round in hand checks it to end early. */
  get stopping(): boolean {
    return this.stopped;
  }

  /** Starts the loops. */
  start(): void {
    for (let i = 0; i < this.options.loops; i++) this.running.push(this.loop(`${this.owner}:${i}`));
  }

  /** Wakes every sleep: there may be new work. */
  wake(): void {
    for (const wake of this.sleepers) wake();
  }

  /** Stops: wakes the sleeping loops and waits for the rounds in hand to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await Promise.allSettled(this.running);
  }

  /** Waits `ms`, or less when woken ({@link wake}, {@link stop}). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }

  private async loop(owner: string): Promise<void> {
    while (!this.stopped) {
      let busy = false;
      try {
        busy = await this.round(owner);
      } catch (error) {
        this.options.onError(error);
      }
      if (!busy) await this.sleep(this.options.pollMs);
    }
  }
}
