import { expectStatus, type Client } from '@tally/test-support';
import type { Target } from '../support/e2e-targets.state';
import { createConnection, freshTenant, unique } from '../support/tenant.fixtures';
import { allPages, type AvailabilityEntry, type Shown } from './channel-api.e2e-helper';

/** The five vendor dialects a channel can speak, each of which Tally also receives. */
export const VENDOR_DIALECTS = ['kibo', 'crux', 'marketplacer', 'comestri', 'retailops'] as const;
export type VendorDialect = (typeof VENDOR_DIALECTS)[number];

/** What a channel needs to reach one connection of the channel Tally. */
export interface ChannelTarget {
  readonly dialect: VendorDialect;
  /** The channel's base URL: the channel Tally's dialect prefix. */
  readonly baseUrl: string;
  readonly settings: Record<string, unknown>;
  readonly credentials: Record<string, string>;
  /** How the first Tally must name items for this channel. */
  readonly identifier: { kind: 'sku' | 'partNumber' };
  /** The location of the channel Tally the dialect writes. */
  readonly locationCode: string;
  /** Whether the dialect can say "unlimited" (else it is sent as `unlimitedQuantity`, default 9999). */
  readonly saysUnlimited: boolean;
}

/** One item as both Tallies know it: its SKU, and the Marketplacer variant id it has at the channel. */
export interface SharedItem {
  readonly sku: string;
  readonly variant: string;
}

const SELLER = 1;
const RETAILOPS_CLIENT = 497;
const RETAILOPS_CHANNEL = 21;

/**
 * A second Tally playing the sales channel: a tenant with one connection per vendor dialect,
 * whose inbound side receives what the first Tally's channels send. Its canonical API shows
 * what each channel holds: the level of each item at the location the dialect writes.
 */
export class ChannelTally {
  private constructor(
    readonly baseUrl: string,
    readonly admin: Client,
    private readonly ownerConnectionId: string,
    readonly connections: Readonly<Record<VendorDialect, { id: string; credentialId: string; secret: string; token: string }>>,
    readonly targets: Readonly<Record<VendorDialect, ChannelTarget>>,
  ) {}

  /** A fresh tenant of `target` with its Kibo, Crux, Marketplacer (owner and seller 1), Comestri and RetailOPS connections. */
  static async setUp(target: Target): Promise<ChannelTally> {
    const { admin } = await freshTenant(target);
    const kibo = await createConnection(admin, 'kibo', { unknownItemPolicy: 'create' });
    const crux = await createConnection(admin, 'crux', { defaultLocationCode: 'crux-supplier' });
    const owner = await createConnection(admin, 'marketplacer', { options: { sellerId: 100, sellerName: 'Owner' } });
    await createConnection(admin, 'marketplacer', { options: { sellerId: SELLER, sellerName: 'Seller 1', parentConnectionId: owner.connection.id } });
    const comestri = await createConnection(admin, 'comestri');
    const retailops = await createConnection(admin, 'retailops', { options: { clientId: RETAILOPS_CLIENT } });
    const flat = (c: Awaited<ReturnType<typeof createConnection>>) => ({
      id: c.connection.id,
      credentialId: c.connection.credentialId,
      secret: c.credentials.secret,
      token: c.credentials.token,
    });
    const connections = { kibo: flat(kibo), crux: flat(crux), marketplacer: flat(owner), comestri: flat(comestri), retailops: flat(retailops) };
    const base = target.baseUrl;
    const targets: Record<VendorDialect, ChannelTarget> = {
      kibo: {
        dialect: 'kibo',
        baseUrl: `${base}/kibo`,
        settings: { locationCode: 'kibo-store' },
        credentials: { clientId: connections.kibo.credentialId, clientSecret: connections.kibo.secret },
        identifier: { kind: 'sku' },
        locationCode: 'kibo-store',
        saysUnlimited: false,
      },
      crux: {
        dialect: 'crux',
        baseUrl: `${base}/crux`,
        settings: {},
        credentials: { username: connections.crux.credentialId, password: connections.crux.secret },
        identifier: { kind: 'sku' },
        locationCode: 'crux-supplier',
        saysUnlimited: false,
      },
      marketplacer: {
        dialect: 'marketplacer',
        baseUrl: `${base}/marketplacer`,
        // The owner's key writes the record of the seller it names.
        settings: { sellerId: SELLER },
        credentials: { apiKey: connections.marketplacer.token },
        identifier: { kind: 'partNumber' },
        locationCode: `marketplacer-seller-${SELLER}`,
        saysUnlimited: true,
      },
      comestri: {
        dialect: 'comestri',
        baseUrl: `${base}/comestri`,
        settings: { inventorySource: 'comestri-source' },
        credentials: { token: connections.comestri.token, email: 'ops@example.com' },
        identifier: { kind: 'sku' },
        locationCode: 'comestri-source',
        saysUnlimited: true,
      },
      retailops: {
        dialect: 'retailops',
        baseUrl: `${base}/retailops`,
        settings: { clientId: RETAILOPS_CLIENT, channelId: RETAILOPS_CHANNEL },
        credentials: { integrationKey: connections.retailops.token },
        identifier: { kind: 'sku' },
        locationCode: `retailops:channel:${RETAILOPS_CHANNEL}`,
        saysUnlimited: false,
      },
    };
    return new ChannelTally(base, admin, owner.connection.id, connections, targets);
  }

  /**
   * Registers the items the channel will be sent, as a channel's catalogue would hold them: by
   * SKU, and as Marketplacer variants (Crux and Marketplacer never create unknown items).
   */
  async seed(items: readonly SharedItem[]): Promise<void> {
    const lines = items.map((item) => ({
      op: 'set',
      item: { sku: item.sku, externalId: item.variant, connectionId: this.ownerConnectionId },
      location: { code: 'catalogue' },
      onHand: 0,
    }));
    const answer = await this.admin('POST', '/api/v1/stock-levels/batch', {
      json: { lines, unknownItemPolicy: 'create', createLocationsAs: 'warehouse' },
    });
    const report = expectStatus(answer, 'seeding the channel Tally', 200);
    if (report.counts.applied !== items.length) throw new Error(`seeding applied ${JSON.stringify(report.counts)}`);
  }

  /**
   * What the location a dialect writes holds, by the identifier the channel sends (SKU or
   * variant): the dialect's own location, or `locationCode`; only the keys `keep` accepts.
   */
  async shownAt(dialect: VendorDialect, options: { locationCode?: string; keep?: (key: string) => boolean } = {}): Promise<Map<string, Shown>> {
    const shown = new Map<string, Shown>();
    const code = options.locationCode ?? this.targets[dialect].locationCode;
    const location = (await allPages(this.admin, '/api/v1/locations')).find((l: { code: string }) => l.code === code);
    if (!location) return shown;
    const items = new Map<string, { sku: string; identifiers: { kind: string; value: string; connectionId: string | null }[] }>(
      (await allPages(this.admin, '/api/v1/items')).map((i) => [i.id, i]),
    );
    for (const level of await allPages(this.admin, `/api/v1/stock-levels?locationId=${location.id}`)) {
      const item = items.get(level.itemId);
      if (!item) continue;
      const key =
        dialect === 'marketplacer' ? item.identifiers.find((i) => i.kind === 'external' && i.connectionId === this.ownerConnectionId)?.value : item.sku;
      if (options.keep && !(key && options.keep(key))) continue;
      shown.set(key ?? `item ${level.itemId}`, level.availability.unlimited ? 'unlimited' : level.availability.sellable);
    }
    return shown;
  }

  /** What the channel Tally should show for the first Tally's availability of a channel of this dialect. */
  expected(dialect: VendorDialect, availability: readonly AvailabilityEntry[], unlimitedQuantity = 9999): Map<string, Shown> {
    const expected = new Map<string, Shown>();
    for (const entry of availability) {
      if (entry.identifier === null) continue;
      const figure = entry.quantity ?? (this.targets[dialect].saysUnlimited ? 'unlimited' : unlimitedQuantity);
      expected.set(entry.identifier, figure);
    }
    return expected;
  }

  /** A channel body for the first Tally aimed at this dialect's connection (or at `via`, a proxy in front of it). */
  channelBody(dialect: VendorDialect, extra: Record<string, unknown> = {}, via?: string): Record<string, unknown> {
    const t = this.targets[dialect];
    const baseUrl = via ? `${via}${new URL(t.baseUrl).pathname}` : t.baseUrl;
    return { name: unique(dialect), dialect, baseUrl, settings: t.settings, credentials: t.credentials, identifier: t.identifier, ...extra };
  }
}
