import type { Client } from '@tally/test-support';
import { generateWebhookSecret } from '@tally/outbound-webhook';
import { availabilityOf, createChannel, defined, differences, eventually, expectedFigures, syncOf, writeStock, type Shown } from './channel-api.e2e-helper';
import type { ChannelTally } from './channel-tally.e2e-helper';
import { FaultProxy } from './fault-proxy.e2e-helper';
import { FigureHistory, figuresIn } from './sent-figures.e2e-helper';
import { WebhookRecorder } from './webhook-recorder.e2e-helper';

/** The dialects the fault scenarios send through a proxy. */
export type FaultDialect = 'webhook' | 'crux' | 'kibo';

/** One channel of a scenario, behind its own proxy. */
export interface RigChannel {
  readonly dialect: FaultDialect;
  readonly id: string;
  readonly proxy: FaultProxy;
  readonly history: FigureHistory;
  /** The channel Tally location it writes (vendor dialects). */
  readonly locationCode: string | null;
}

/** A Kibo channel on a connection of its own, for scenarios that break that connection. */
export interface OwnKibo {
  readonly credentials: Record<string, string>;
  readonly locationCode: string;
}

let variants = 90_000;

/**
 * One fault scenario: a tenant of the first Tally with items `<prefix>-<n>` at one location, and
 * channels each reaching the channel Tally (or a webhook recorder) through a fault proxy. It
 * remembers every figure each channel's items took, to check what was sent and in what order.
 */
export class FaultRig {
  private constructor(
    readonly api: Client,
    readonly prefix: string,
    readonly channels: RigChannel[],
    private readonly channelTally: ChannelTally,
    private readonly recorder: WebhookRecorder | null,
  ) {}

  /** Seeds the items at the channel Tally, writes `stock` at the first, then creates the channels. */
  static async create(
    api: Client,
    channelTally: ChannelTally,
    prefix: string,
    dialects: readonly FaultDialect[],
    stock: readonly number[],
    ownKibo?: OwnKibo,
  ): Promise<FaultRig> {
    await channelTally.seed(stock.map((_, n) => ({ sku: `${prefix}-${n}`, variant: String(variants++) })));
    await writeStock(
      api,
      stock.map((onHand, n) => ({ op: 'set', item: { sku: `${prefix}-${n}` }, location: { code: `${prefix}-W1` }, onHand })),
    );
    const secret = generateWebhookSecret();
    const recorder = dialects.includes('webhook') ? await WebhookRecorder.start(secret) : null;
    const channels: RigChannel[] = [];
    for (const dialect of dialects) {
      if (dialect === 'webhook') {
        const proxy = await FaultProxy.start(defined(recorder, 'the webhook recorder').url);
        const created = await createChannel(api, { name: `${prefix} webhook`, dialect, baseUrl: `${proxy.url}/hooks`, credentials: { secret } });
        channels.push({ dialect, id: created.id, proxy, history: new FigureHistory(), locationCode: null });
        continue;
      }
      const proxy = await FaultProxy.start(channelTally.baseUrl);
      const kibo = dialect === 'kibo' && ownKibo ? { settings: { locationCode: ownKibo.locationCode }, credentials: ownKibo.credentials } : {};
      const created = await createChannel(api, channelTally.channelBody(dialect, { name: `${prefix} ${dialect}`, ...kibo }, proxy.url));
      const locationCode = dialect === 'kibo' && ownKibo ? ownKibo.locationCode : channelTally.targets[dialect].locationCode;
      channels.push({ dialect, id: created.id, proxy, history: new FigureHistory(), locationCode });
    }
    const rig = new FaultRig(api, prefix, channels, channelTally, recorder);
    for (const channel of channels) await channel.history.capture(api, channel.id);
    return rig;
  }

  /** The channel of a dialect. */
  channel(dialect: FaultDialect): RigChannel {
    const found = this.channels.find((c) => c.dialect === dialect);
    if (!found) throw new Error(`no ${dialect} channel in this scenario`);
    return found;
  }

  /** Sets on hand of items by index, in one batch, and records the figures that follow. */
  async write(onHand: Readonly<Record<number, number>>): Promise<void> {
    await writeStock(
      this.api,
      Object.entries(onHand).map(([n, value]) => ({ op: 'set', item: { sku: `${this.prefix}-${n}` }, location: { code: `${this.prefix}-W1` }, onHand: value })),
    );
    for (const channel of this.channels) await channel.history.capture(this.api, channel.id);
  }

  /** What differs between each channel's current available-to-sell and what the channel holds. */
  async differences(): Promise<string[]> {
    const lines: string[] = [];
    for (const channel of this.channels) {
      let expected: Map<string, Shown>;
      let actual: Map<string, Shown>;
      if (channel.dialect === 'webhook') {
        expected = await expectedFigures(this.api, channel.id);
        actual = defined(this.recorder, 'the webhook recorder').shown();
      } else {
        expected = this.channelTally.expected(channel.dialect, await availabilityOf(this.api, channel.id));
        actual = await this.channelTally.shownAt(channel.dialect, {
          locationCode: defined(channel.locationCode, 'the location'),
          keep: (key) => key.startsWith(`${this.prefix}-`),
        });
      }
      lines.push(...differences(expected, actual).map((l) => `${channel.dialect} ${l}`));
    }
    return lines;
  }

  /** Waits until every channel holds exactly the current figures and has nothing left to send. */
  async converged(what: string): Promise<void> {
    await eventually(what, async () => {
      const lines = await this.differences();
      for (const channel of this.channels) {
        const sync = await syncOf(this.api, channel.id);
        if (sync.pending + sync.failing + sync.dead > 0) lines.push(`${channel.dialect}: ${sync.pending} pending, ${sync.failing} failing, ${sync.dead} dead`);
      }
      return lines;
    });
  }

  /** Per channel: figures sent out of order, or a last figure that is not the current one. */
  orderProblems(): string[] {
    return this.channels.flatMap((c) => c.history.orderProblems(c.proxy.requests.flatMap((r) => figuresIn(c.dialect, r))).map((p) => `${c.dialect} ${p}`));
  }

  /** Verified webhook deliveries only: none refused by the recorder's signature check. */
  refusedWebhooks(): number {
    return this.recorder?.refused().length ?? 0;
  }

  async close(): Promise<void> {
    await Promise.all(this.channels.map((c) => c.proxy.close()));
    await this.recorder?.close();
  }
}
