import {
  ChannelSenders,
  type Channel,
  type ChannelConfigProblem,
  type ChannelEvent,
  type ChannelEventResult,
  type ChannelSendItem,
  type ChannelSendResult,
} from '@tally/inventory-application';
import {
  checkDialectOptions,
  type DialectSettingsSchema,
  type OutboundConnector,
  type OutboundContext,
  type OutboundFetch,
  type OutboundTarget,
  pooledHttpFetch,
} from '@tally/vendor-kit';

/** How the catalog sends: the per-request time limit and the poll interval of vendor jobs. */
export interface ConnectorCatalogOptions {
  readonly sendTimeoutMs: number;
  readonly jobPollMs: number;
}

/**
 * The installed outbound connectors as the application's {@link ChannelSenders}: checks a
 * channel's settings and credentials against each connector's schemas, and sends through the
 * connector with a time limit per send and a per-connector cache (tokens) kept for the process.
 */
export class ConnectorCatalog extends ChannelSenders {
  private readonly byDialect: ReadonlyMap<string, OutboundConnector>;
  private readonly caches = new Map<string, Map<string, unknown>>();
  /** One pool of kept-alive sockets per channel host for the process; each request gets the time limit. */
  private readonly http: OutboundFetch;

  constructor(
    connectors: readonly OutboundConnector[],
    private readonly options: ConnectorCatalogOptions,
  ) {
    super();
    this.byDialect = new Map(connectors.map((c) => [c.dialect, c]));
    this.http = pooledHttpFetch({ timeoutMs: options.sendTimeoutMs });
  }

  /** Every installed connector, for descriptions. */
  all(): OutboundConnector[] {
    return [...this.byDialect.values()];
  }

  dialects(): readonly string[] {
    return [...this.byDialect.keys()];
  }

  maxBatch(dialect: string): number {
    return this.connector(dialect).maxBatch;
  }

  parallelSends(dialect: string): number {
    return this.connector(dialect).parallelSends ?? 1;
  }

  check(dialect: string, settings: Readonly<Record<string, unknown>>, credentials: Readonly<Record<string, unknown>>): readonly ChannelConfigProblem[] {
    const connector = this.connector(dialect);
    const problems = [
      ...checkDialectOptions(connector.settingsSchema as unknown as DialectSettingsSchema, settings, 'settings'),
      ...checkDialectOptions(connector.credentialsSchema as unknown as DialectSettingsSchema, credentials, 'credentials'),
    ];
    for (const [name, value] of Object.entries(credentials)) {
      if (typeof value !== 'string') problems.push({ field: `credentials.${name}`, message: `${name} must be a string` });
    }
    return problems;
  }

  async send(channel: Channel, credentials: Readonly<Record<string, string>>, items: readonly ChannelSendItem[]): Promise<ChannelSendResult[]> {
    return this.connector(channel.dialect).send(targetOf(channel, credentials), items, this.context(channel.dialect));
  }

  subscribedEvents(dialect: string, settings: Readonly<Record<string, unknown>>): readonly string[] {
    return this.connector(dialect).events?.subscribed(settings) ?? [];
  }

  maxEventBatch(dialect: string): number {
    return this.connector(dialect).events?.maxBatch ?? 1;
  }

  async sendEvents(channel: Channel, credentials: Readonly<Record<string, string>>, events: readonly ChannelEvent[]): Promise<ChannelEventResult[]> {
    const feed = this.connector(channel.dialect).events;
    // A dialect without a feed records no events; any left by a changed dialect are refused for good.
    if (!feed) return events.map((e) => ({ eventId: e.id, outcome: 'rejected' as const, error: `dialect ${channel.dialect} sends no events` }));
    return feed.send(targetOf(channel, credentials), events, this.context(channel.dialect));
  }

  private context(dialect: string): OutboundContext {
    const cache = this.caches.get(dialect) ?? this.caches.set(dialect, new Map()).get(dialect)!;
    return { fetch: this.http, now: () => Date.now(), cache, pollMs: this.options.jobPollMs };
  }

  private connector(dialect: string): OutboundConnector {
    const found = this.byDialect.get(dialect);
    if (!found) throw new Error(`no outbound connector for dialect ${dialect}`);
    return found;
  }
}

function targetOf(channel: Channel, credentials: Readonly<Record<string, string>>): OutboundTarget {
  return { channelId: channel.id, baseUrl: channel.baseUrl, settings: channel.settings, credentials };
}
