import type { Clock } from '../ports/clock.port';
import type { Channel } from '../model/channel.model';
import type { ChannelEventOutcome, ChannelItemOutcome, ChannelOutbox, ChannelSendRecord, DueChannelEvent, DueChannelItem } from '../ports/channel-outbox.port';
import type { ChannelItemFacts } from '../ports/channel-repository.port';
import type { ChannelEventResult, ChannelSenders, ChannelSendItem, ChannelSendResult } from '../ports/channel-senders.port';
import type { SecretCipher } from '../ports/secret-cipher.port';
import { channelFigureOf, channelIdentifierOf, type ChannelFigure } from './channel-figure.service';

/** Settings of {@link DispatchChannels}. */
export interface DispatchOptions {
  /** How long a claimed channel stays this dispatcher's; renewed after each send. */
  readonly leaseMs: number;
  /** Sends per claim before the channel is released, so one busy channel cannot hold a dispatcher. */
  readonly sendsPerClaim: number;
  /**
   * Items whose facts one read fetches: a big batch (Kibo's 12,000) is read in slices, each in
   * its own session, so the other channels' sends and the API's requests get the database (and,
   * on SQLite, the event loop) between them instead of waiting out one long read.
   */
  readonly factsPerRead?: number;
  /** Outbox rows fanned out per round. */
  readonly fanOutLimit: number;
  /** Attempts of a transient failure before the item is dead-lettered. */
  readonly maxAttempts: number;
  /** First retry delay; doubles with each attempt up to {@link backoffCapMs}, with jitter. */
  readonly backoffBaseMs: number;
  readonly backoffCapMs: number;
  /** Uniform random number in [0, 1), for jitter. */
  readonly random: () => number;
  /** Unsafe, tests only: records items as sent before sending them (the reliability suite's negative control). */
  readonly acknowledgeBeforeSending?: boolean;
}

/** Items whose facts one read fetches, unless {@link DispatchOptions.factsPerRead} says otherwise. */
export const DEFAULT_FACTS_PER_READ = 1000;

/** Defaults of {@link DispatchOptions}. */
export const DEFAULT_DISPATCH_OPTIONS: DispatchOptions = {
  leaseMs: 60_000,
  sendsPerClaim: 20,
  fanOutLimit: 5000,
  maxAttempts: 12,
  backoffBaseMs: 1000,
  backoffCapMs: 15 * 60_000,
  random: Math.random,
};

/** A due item the round sends, with what it sends. */
type Planned = { readonly due: DueChannelItem; readonly item: ChannelSendItem; readonly figure: ChannelFigure };

/** What one round did. */
export interface DispatchRound {
  readonly fannedOut: number;
  readonly channelId: string | null;
  readonly sent: number;
}

/**
 * The dispatcher (docs/channels.md, ADR 0041): fans the outbox out to channels, then leases one
 * channel with due items and sends them, each item's figure read at send time, in batches as
 * the dialect allows. Items whose figure the channel already shows are not sent again. A
 * transient failure backs off exponentially with jitter (or as the channel's Retry-After asks);
 * a refusal, or too many attempts, dead-letters the item. Then the channel's event feed, if
 * any, goes the same way, oldest event first (ADR 0042). Safe to run in any number of loops
 * and processes: the lease makes one dispatcher at a time a channel's sender, so a newer figure
 * is never overtaken by an older one in flight.
 */
export class DispatchChannels {
  constructor(
    private readonly outbox: ChannelOutbox,
    private readonly senders: ChannelSenders,
    private readonly cipher: SecretCipher,
    private readonly clock: Clock,
    private readonly options: DispatchOptions = DEFAULT_DISPATCH_OPTIONS,
  ) {}

  /** Calls `listener` when this process commits channel work, so an idle loop need not wait for its next poll; answers the unsubscription. */
  onWork(listener: () => void): () => void {
    return this.outbox.onWork(listener);
  }

  /** One round; `shouldStop` ends the sends of a claim early (shutdown). */
  async runOnce(owner: string, shouldStop: () => boolean = () => false): Promise<DispatchRound> {
    const fannedOut = await this.outbox.fanOut(this.options.fanOutLimit, this.now());
    const channel = await this.outbox.claimChannel(owner, this.now(), this.leaseEnd());
    if (!channel) return { fannedOut, channelId: null, sent: 0 };
    let sent = 0;
    try {
      const credentials = await this.credentialsOf(channel);
      const batch = this.senders.maxBatch(channel.dialect);
      const parallel = Math.max(1, this.senders.parallelSends(channel.dialect));
      for (let round = 0; round < this.options.sendsPerClaim && !shouldStop(); round++) {
        const due = await this.outbox.dueItems(channel, this.now(), batch * parallel);
        // Figures first: the event feed goes once no figure is due.
        const done = due.length > 0 ? await this.sendRound(channel, owner, credentials, due, batch) : await this.sendEvents(channel, owner, credentials);
        if (done === null) break;
        sent += done;
        if (!(await this.outbox.renewLease(channel.id, owner, this.leaseEnd()))) break;
      }
    } finally {
      await this.outbox.releaseChannel(channel.id, owner, this.now());
    }
    return { fannedOut, channelId: channel.id, sent };
  }

  /**
   * Sends the due items in batches of `batch`, all in flight at once: each item is in one batch
   * only, so no item ever has two figures in flight. The round's facts are read before any send
   * and its outcomes recorded in one transaction after the last answer (each send still logged on
   * its own): per item, that is what the round costs the database, not per batch (ADR 0064).
   * Answers how many items the channel accepted, or null when the lease was lost.
   */
  private async sendRound(
    channel: Channel,
    owner: string,
    credentials: Record<string, string> | Error,
    due: readonly DueChannelItem[],
    batch: number,
  ): Promise<number | null> {
    const startedAt = this.now();
    const facts = new Map<string, ChannelItemFacts>();
    const slice = this.options.factsPerRead ?? DEFAULT_FACTS_PER_READ;
    for (let from = 0; from < due.length; from += slice) {
      for (const f of await this.outbox.facts(
        channel,
        due.slice(from, from + slice).map((d) => d.itemId),
      ))
        facts.set(f.itemId, f);
    }
    const outcomes: ChannelItemOutcome[] = [];
    const toSend: Planned[] = [];
    for (const d of due) {
      const f = facts.get(d.itemId);
      const plan = f ? this.plan(channel, d, f) : { outcome: this.dead(d, 'the item no longer exists') };
      if ('outcome' in plan) outcomes.push(plan.outcome);
      else toSend.push({ due: d, ...plan });
    }
    if (toSend.length === 0) return (await this.outbox.record(channel, owner, this.now(), [], outcomes)) ? 0 : null;
    if (credentials instanceof Error) {
      outcomes.push(...toSend.map((s) => this.retry(s.due, credentials.message)));
      const ok = await this.outbox.record(channel, owner, this.now(), [{ startedAt, finishedAt: this.now(), outcomes, error: credentials.message }], outcomes);
      return ok ? 0 : null;
    }
    if (this.options.acknowledgeBeforeSending) {
      const early = toSend.map((s): ChannelItemOutcome => ({ itemId: s.due.itemId, generation: s.due.generation, kind: 'sent', figure: s.figure }));
      if (!(await this.outbox.record(channel, owner, this.now(), [], early))) return null;
    }
    const batches: Planned[][] = [];
    for (let start = 0; start < toSend.length; start += batch) batches.push(toSend.slice(start, start + batch));
    const sends = await Promise.all(batches.map((b) => this.sendBatch(channel, credentials, b)));
    // Items settled without a send (unchanged, dead) go with the first send's log entry, as before.
    const records = sends.map((s, i): ChannelSendRecord => (i === 0 ? { ...s.record, outcomes: [...outcomes, ...s.record.outcomes] } : s.record));
    const all = [...outcomes, ...sends.flatMap((s) => s.record.outcomes)];
    const accepted = sends.reduce((sum, s) => sum + s.accepted, 0);
    return (await this.outbox.record(channel, owner, this.now(), records, all)) ? accepted : null;
  }

  /** Sends one batch; answers its log entry and how many items the channel accepted. */
  private async sendBatch(
    channel: Channel,
    credentials: Record<string, string>,
    toSend: readonly Planned[],
  ): Promise<{ record: ChannelSendRecord; accepted: number }> {
    const startedAt = this.now();
    const results = await this.send(
      channel,
      credentials,
      toSend.map((s) => s.item),
    );
    const byItem = new Map(results.map((r) => [r.itemId, r]));
    let accepted = 0;
    const outcomes: ChannelItemOutcome[] = [];
    for (const s of toSend) {
      const result = byItem.get(s.due.itemId) ?? { itemId: s.due.itemId, outcome: 'retry' as const, error: 'the connector answered nothing for this item' };
      if (result.outcome === 'sent') accepted++;
      outcomes.push(this.outcomeOf(s.due, s.figure, result));
    }
    const failed = outcomes.find((o): o is Exclude<ChannelItemOutcome, { kind: 'sent' }> => o.kind !== 'sent');
    // The send's own error when the channel took none of it: what an operator looks at first.
    const error = accepted === 0 && failed ? failed.error : null;
    return { record: { startedAt, finishedAt: this.now(), outcomes, error }, accepted };
  }

  /** Sends due feed events; answers how many the channel accepted, null when none was due or the lease was lost. */
  private async sendEvents(channel: Channel, owner: string, credentials: Record<string, string> | Error): Promise<number | null> {
    const due = await this.outbox.dueEvents(channel, this.now(), this.senders.maxEventBatch(channel.dialect));
    if (due.length === 0) return null;
    const startedAt = this.now();
    let results: ChannelEventResult[];
    if (credentials instanceof Error) results = due.map((e) => ({ eventId: e.id, outcome: 'retry' as const, error: credentials.message }));
    else {
      try {
        results = await this.senders.sendEvents(channel, credentials, due);
      } catch (error) {
        const message = `connector failed: ${(error as Error).message}`;
        results = due.map((e) => ({ eventId: e.id, outcome: 'retry' as const, error: message }));
      }
    }
    const byEvent = new Map(results.map((r) => [r.eventId, r]));
    const outcomes = due.map((e) =>
      this.eventOutcomeOf(e, byEvent.get(e.id) ?? { eventId: e.id, outcome: 'retry', error: 'the connector answered nothing for this event' }),
    );
    const accepted = outcomes.filter((o) => o.kind === 'sent').length;
    const failed = outcomes.find((o): o is Exclude<ChannelEventOutcome, { kind: 'sent' }> => o.kind !== 'sent');
    const error = accepted === 0 && failed ? failed.error : null;
    return (await this.outbox.recordEvents(channel, owner, this.now(), { startedAt, finishedAt: this.now(), outcomes, error })) ? accepted : null;
  }

  private eventOutcomeOf(due: DueChannelEvent, result: ChannelEventResult): ChannelEventOutcome {
    if (result.outcome === 'sent') return { eventId: due.id, kind: 'sent' };
    if (result.outcome === 'rejected' || due.attempts + 1 >= this.options.maxAttempts) {
      return {
        eventId: due.id,
        kind: 'dead',
        error: result.outcome === 'rejected' ? result.error : `gave up after ${due.attempts + 1} attempts: ${result.error}`,
      };
    }
    return { eventId: due.id, kind: 'retry', error: result.error, nextAttemptAt: this.retryAt(due.attempts, result.retryAfterMs) };
  }

  private plan(
    channel: Channel,
    due: DueChannelItem,
    facts: ChannelItemFacts,
  ): { outcome: ChannelItemOutcome } | { item: ChannelSendItem; figure: ChannelFigure } {
    const { figure, quantity } = channelFigureOf(channel, facts);
    // The channel already shows this figure: nothing to send, the item is in sync.
    if (due.sent === figure) return { outcome: { itemId: due.itemId, generation: due.generation, kind: 'sent', figure } };
    const identifier = channelIdentifierOf(channel, facts);
    if (identifier === null) {
      const { kind, connectionId } = channel.identifier;
      return { outcome: this.dead(due, `the item has no ${kind} identifier${kind === 'external' ? ` of connection ${connectionId}` : ''}`) };
    }
    return { item: { itemId: due.itemId, identifier, identifiers: facts.identifiers, quantity, name: facts.name }, figure };
  }

  private async send(channel: Channel, credentials: Record<string, string>, items: readonly ChannelSendItem[]): Promise<ChannelSendResult[]> {
    try {
      return await this.senders.send(channel, credentials, items);
    } catch (error) {
      // A connector that throws has a bug or met the unexpected; keep the items and try again later.
      const message = `connector failed: ${(error as Error).message}`;
      return items.map((i) => ({ itemId: i.itemId, outcome: 'retry' as const, error: message }));
    }
  }

  private outcomeOf(due: DueChannelItem, figure: ChannelFigure, result: ChannelSendResult): ChannelItemOutcome {
    if (result.outcome === 'sent') return { itemId: due.itemId, generation: due.generation, kind: 'sent', figure };
    if (result.outcome === 'rejected') return this.dead(due, result.error);
    return this.retry(due, result.error, result.retryAfterMs);
  }

  private retry(due: DueChannelItem, error: string, retryAfterMs?: number): ChannelItemOutcome {
    if (due.attempts + 1 >= this.options.maxAttempts) return this.dead(due, `gave up after ${due.attempts + 1} attempts: ${error}`);
    return { itemId: due.itemId, generation: due.generation, kind: 'retry', error, nextAttemptAt: this.retryAt(due.attempts, retryAfterMs) };
  }

  /** When attempt `attempts + 1` failed: exponential backoff with jitter, or later when the channel asked. */
  private retryAt(attempts: number, retryAfterMs: number | undefined): string {
    const { backoffBaseMs, backoffCapMs, random } = this.options;
    const backoff = Math.min(backoffCapMs, backoffBaseMs * 2 ** attempts);
    // Full jitter on the upper half: retries of many items spread out instead of returning together.
    const delay = Math.max(retryAfterMs ?? 0, Math.round(backoff * (0.5 + random() / 2)));
    return new Date(this.clock.now().getTime() + delay).toISOString();
  }

  private dead(due: DueChannelItem, error: string): ChannelItemOutcome {
    return { itemId: due.itemId, generation: due.generation, kind: 'dead', error };
  }

  private async credentialsOf(channel: Channel): Promise<Record<string, string> | Error> {
    const context = channelSecretContext(channel.id);
    let plain: string;
    try {
      plain = this.cipher.open(channel.sealedCredentials, context);
    } catch (error) {
      return new Error(`the channel's credentials cannot be read: ${(error as Error).message}`);
    }
    // Sealed under a previous key (a rotation): sealed again under the current one as it is used.
    if (this.cipher.needsResealing(channel.sealedCredentials)) await this.outbox.reseal(channel, channel.sealedCredentials, this.cipher.seal(plain, context));
    return JSON.parse(plain) as Record<string, string>;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  private leaseEnd(): string {
    return new Date(this.clock.now().getTime() + this.options.leaseMs).toISOString();
  }
}

/** What a channel's sealed credentials are bound to. */
export const channelSecretContext = (channelId: string): string => `channel:${channelId}`;
