import { randomUUID } from 'node:crypto';
import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { DispatchChannels } from '@tally/inventory-application';
import type { ChannelsConfig } from './channels.config';

/**
 * Runs the dispatcher's loops in this process (docs/channels.md): each round fans the outbox out
 * and serves one channel with due items. Loops of every process share the work through the
 * database's leases, so any number of processes may run them. On shutdown each loop finishes
 * the send in hand.
 */
export class ChannelDispatcherService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ChannelDispatcher');
  private readonly owner = `dispatcher:${process.pid}:${randomUUID()}`;
  private readonly running: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();
  private stopping = false;

  constructor(
    private readonly dispatch: DispatchChannels,
    private readonly config: ChannelsConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.dispatcherEnabled) return;
    for (let i = 0; i < this.config.loops; i++) this.running.push(this.loop(`${this.owner}:${i}`));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    for (const wake of this.sleepers) wake();
    await Promise.allSettled(this.running);
  }

  private async loop(owner: string): Promise<void> {
    while (!this.stopping) {
      let busy = false;
      try {
        const round = await this.dispatch.runOnce(owner, () => this.stopping);
        busy = round.channelId !== null || round.fannedOut > 0;
      } catch (error) {
        this.logger.warn(`dispatch round failed: ${(error as Error).message}`);
      }
      if (!busy) await this.sleep(this.config.pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
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
}
