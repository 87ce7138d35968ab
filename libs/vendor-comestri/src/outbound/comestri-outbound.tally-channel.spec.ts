import type { ConnectionSettings } from '@tally/inventory-application';
import { createInMemoryTally, InMemoryPlaceNumberRepository, RecordingHttpServer, type InMemoryTally } from '@tally/testing';
import type { OutboundItem, OutboundTarget } from '@tally/vendor-kit';
import { ComestriInventoryHandler } from '../comestri-inventory.handler';
import { comestriOutbound } from './comestri-outbound.connector';

const T = 'tenant-a';
const item = (code: string, quantity: number | null): OutboundItem => ({ itemId: `item-${code}`, identifier: code, identifiers: [], quantity, name: null });

/** The connector against Tally's own inbound side: the Comestri handler behind a real HTTP server at the API's path. */
async function tallyChannel(settings: Partial<ConnectionSettings> = {}) {
  const tally = createInMemoryTally();
  const handler = new ComestriInventoryHandler(
    tally.manageConnections,
    tally.applyBatch,
    tally.readInventory,
    tally.catalog,
    new InMemoryPlaceNumberRepository(),
  );
  const { credentials } = await tally.manageConnections.create(T, { dialect: 'comestri', name: 'Comestri', settings });
  const server = await RecordingHttpServer.start(async (request) => {
    if (request.method !== 'POST' || request.url !== '/comestri/api/v2/inventories') return { status: 404, body: { status: 404 } };
    const answer = await handler.create(request.headers.authorization, JSON.parse(request.body));
    return { status: answer.status, headers: { ...answer.headers }, body: answer.body };
  });
  return { tally, server, token: credentials.token };
}

async function levelOf(tally: InMemoryTally, sku: string, source: string) {
  const found = await tally.catalog.lookupItem(T, 'sku', sku);
  const location = tally.locations.locations.find((l) => l.code === source);
  const page = await tally.readInventory.listLevels(T, { itemId: found.id }, { limit: 50, cursor: null });
  return page.items.find((l) => l.locationId === location?.id) ?? null;
}

describe('comestriOutbound against Tally as the channel', () => {
  let channel: Awaited<ReturnType<typeof tallyChannel>> | null = null;
  let clock = 0;
  beforeEach(() => (clock = Date.parse('2026-03-01T10:00:00Z')));
  const context = () => ({ fetch, now: () => clock, cache: new Map<string, unknown>() });
  const target = (token: string, settings: Record<string, unknown> = { inventorySource: 'MOTUL' }): OutboundTarget => ({
    channelId: 'ch-1',
    baseUrl: `${channel?.server.url}/comestri`,
    settings,
    credentials: { token, email: 'ops@shop.test' },
  });

  afterEach(async () => {
    await channel?.server.close();
    channel = null;
  });

  it('is accepted: the figure becomes the available count, unlimited becomes infinite', async () => {
    channel = await tallyChannel();
    const results = await comestriOutbound.send(target(channel.token), [item('TEA', 6), item('MUG', null)], context());

    expect(results.map((r) => r.outcome)).toEqual(['sent', 'sent']);
    expect((await levelOf(channel.tally, 'TEA', 'MOTUL'))?.figures).toMatchObject({ onHand: 6, availableReported: 6, infinite: false });
    expect((await levelOf(channel.tally, 'MUG', 'MOTUL'))?.figures).toMatchObject({ infinite: true });
  });

  it('counts an older figure, ignored by the channel (200 stale), as sent', async () => {
    channel = await tallyChannel();
    await comestriOutbound.send(target(channel.token), [item('TEA', 6)], context());
    clock -= 60_000;
    expect(await comestriOutbound.send(target(channel.token), [item('TEA', 2)], context())).toEqual([{ itemId: 'item-TEA', outcome: 'sent' }]);
    expect((await levelOf(channel.tally, 'TEA', 'MOTUL'))?.figures).toMatchObject({ availableReported: 6 });
  });

  it('gets an unknown product rejected (404) when the channel refuses unknown items, a forbidden source rejected (403), a wrong token rejected for all', async () => {
    channel = await tallyChannel({ unknownItemPolicy: 'reject', options: { allowedInventorySources: ['MOTUL'] } });
    const unknown = await comestriOutbound.send(target(channel.token), [item('NEW', 1)], context());
    expect(unknown).toEqual([{ itemId: 'item-NEW', outcome: 'rejected', error: expect.stringMatching(/^HTTP 404: .*INVENTORY\.UNKNOWN_ITEM/) }]);

    const forbidden = await comestriOutbound.send(target(channel.token, { inventorySource: 'OTHER' }), [item('NEW', 1)], context());
    expect(forbidden).toEqual([{ itemId: 'item-NEW', outcome: 'rejected', error: expect.stringMatching(/^HTTP 403: .*COMESTRI\.INVENTORY_SOURCE_FORBIDDEN/) }]);

    const wrong = await comestriOutbound.send(target(`${channel.token.split('.')[0]}.wrong`), [item('A', 1), item('B', 1)], context());
    expect(wrong).toEqual([
      { itemId: 'item-A', outcome: 'rejected', error: expect.stringMatching(/^HTTP 401: .*AUTH\.UNAUTHENTICATED/) },
      { itemId: 'item-B', outcome: 'rejected', error: 'not sent: the channel refused the token (HTTP 401)' },
    ]);
  });
});
