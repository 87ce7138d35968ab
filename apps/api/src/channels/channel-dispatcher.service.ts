import { randomUUID } from 'node:crypto';
import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { DispatchChannels } from '@tally/inventory-application';
import { WorkerLoops } from '../platform/worker-loops.util';
import type { ChannelsConfig } from './channels.config';

/**
 * Runs the dispatcher's loops in this process (docs/channels.md): each round fans the outbox out
 * and serves one channel with due items. Loops of every process share the work through the
 * database's leases, so any number of processes may run them. On shutdown each loop finishes
 * the send in hand.
 */
export class ChannelDispatcherService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ChannelDispatcher');
  private readonly loops: WorkerLoops;
  private stopListening: (() => void) | null = null;

  constructor(
    private readonly dispatch: DispatchChannels,
    private readonly config: ChannelsConfig,
  ) {
    const onError = (error: unknown) => this.logger.warn(`dispatch round failed: ${(error as Error).message}`);
    this.loops = new WorkerLoops(`dispatcher:${process.pid}:${randomUUID()}`, { loops: config.loops, pollMs: config.pollMs, onError }, async (owner) => {
      const round = await dispatch.runOnce(owner, () => this.loops.stopping);
      return round.channelId !== null || round.fannedOut > 0;
    });
  }

  onApplicationBootstrap(): void {
    if (!this.config.dispatcherEnabled) return;
    // A write of this process wakes the idle loops at once: propagation does not wait for a poll.
    this.stopListening = this.dispatch.onWork(() => this.loops.wake());
    this.loops.start();
    this.logger.log({ msg: 'channel dispatcher started', loops: this.config.loops, pollMs: this.config.pollMs });
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.config.dispatcherEnabled) return;
    this.stopListening?.();
    await this.loops.stop();
    this.logger.log('channel dispatcher stopped');
  }
}
