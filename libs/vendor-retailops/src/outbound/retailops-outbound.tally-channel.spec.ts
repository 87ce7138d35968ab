import { createHash } from 'node:crypto';
import type { ConnectionSettings } from '@tally/inventory-application';
import { createInMemoryTally, RecordingHttpServer, type InMemoryTally } from '@tally/testing';
import type { OutboundItem, OutboundTarget } from '@tally/vendor-kit';
import { RetailopsPushHandler } from '../retailops-push.handler';
import { retailopsOutbound } from './retailops-outbound.connector';

const T = 'tenant-a';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const item = (sku: string, quantity: number | null): OutboundItem => ({ itemId: `item-${sku}`, identifier: sku, identifiers: [], quantity, name: null });

/**
 * The connector against Tally's own inbound side: the push handler on the in-memory Tally,
 * behind a real HTTP server at the path the API mounts it on.
 */
async function tallyChannel(settings: Partial<ConnectionSettings> = {}) {
  const tally = createInMemoryTally();
  const handler = new RetailopsPushHandler(tally.applyBatch, tally.manageConnections, tally.connections, sha256);
  const { credentials } = await tally.manageConnections.create(T, { dialect: 'retailops', name: 'RetailOPS', settings });
  const server = await RecordingHttpServer.start(async (request) => {
    if (request.method !== 'POST' || !['/retailops/inventory_push_v1', '/retailops/orders'].includes(request.url)) return { status: 404, body: { events: [] } };
    const answer = await handler.handle({ body: JSON.parse(request.body), authorization: request.headers.authorization, connection: undefined });
    return { status: answer.status, headers: { ...answer.headers }, body: answer.body };
  });
  return { tally, server, token: credentials.token };
}

async function availableAt(tally: InMemoryTally, sku: string, code: string): Promise<number | null | undefined> {
  const found = await tally.catalog.lookupItem(T, 'sku', sku);
  const location = tally.locations.locations.find((l) => l.code === code);
  const page = await tally.readInventory.listLevels(T, { itemId: found.id, includeAbsent: true }, { limit: 50, cursor: null });
  return page.items.find((l) => l.locationId === location?.id)?.figures.availableReported;
}

describe('retailopsOutbound against Tally as the channel', () => {
  let channel: Awaited<ReturnType<typeof tallyChannel>> | null = null;
  const context = { fetch, now: () => Date.now(), cache: new Map<string, unknown>() };
  const target = (token: string, settings: Record<string, unknown> = { clientId: 497, channelId: 21 }): OutboundTarget => ({
    channelId: 'ch-1',
    baseUrl: `${channel?.server.url}/retailops`,
    settings,
    credentials: { integrationKey: token },
  });

  afterEach(async () => {
    await channel?.server.close();
    channel = null;
  });

  it('is accepted: every SKU is sent and lands at the channel location', async () => {
    channel = await tallyChannel();
    const results = await retailopsOutbound.send(target(channel.token), [item('A', 5), item('B', 0)], context);

    expect(results.map((r) => r.outcome)).toEqual(['sent', 'sent']);
    expect(await availableAt(channel.tally, 'A', 'retailops:channel:21')).toBe(5);
    expect(await availableAt(channel.tally, 'B', 'retailops:channel:21')).toBe(0);
  });

  it('puts the whole figure at the facility when one is configured', async () => {
    channel = await tallyChannel();
    const results = await retailopsOutbound.send(target(channel.token, { clientId: 497, channelId: 21, facilityName: 'DC1' }), [item('A', 7)], context);

    expect(results.map((r) => r.outcome)).toEqual(['sent']);
    expect(await availableAt(channel.tally, 'A', 'retailops:facility:DC1')).toBe(7);
  });

  it('gets the SKUs Tally refuses rejected by their error events, the others sent', async () => {
    channel = await tallyChannel({ unknownItemPolicy: 'reject' });
    await channel.tally.applyBatch.execute({
      tenantId: T,
      connection: null,
      actor: 'seed',
      reference: null,
      unknownItemPolicy: 'create',
      createLocationsAs: 'warehouse',
      lines: [{ lineNo: 1, item: { sku: 'KNOWN' }, location: { code: 'wh' }, write: { kind: 'set', patch: { onHand: 1 } }, sourceTimestamp: null }],
    });
    const results = await retailopsOutbound.send(target(channel.token), [item('KNOWN', 3), item('NEW', 2)], context);

    expect(results).toEqual([
      { itemId: 'item-KNOWN', outcome: 'sent' },
      { itemId: 'item-NEW', outcome: 'rejected', error: expect.stringMatching(/^INVENTORY\.UNKNOWN_ITEM: /) },
    ]);
  });

  it('gets every item rejected with a wrong key (401)', async () => {
    channel = await tallyChannel();
    const results = await retailopsOutbound.send(target(`${channel.token.split('.')[0]}.wrong`), [item('A', 5), item('B', 1)], context);
    expect(results.map((r) => [r.outcome, 'error' in r ? r.error : null])).toEqual([
      ['rejected', expect.stringMatching(/^HTTP 401: RETAILOPS\.UNAUTHENTICATED/)],
      ['rejected', expect.stringMatching(/^HTTP 401: RETAILOPS\.UNAUTHENTICATED/)],
    ]);
  });
});
