import { createInMemoryTally, RecordingHttpServer } from '@tally/testing';
import type { OutboundItem, OutboundTarget } from '@tally/vendor-kit';
import { MarketplacerInventoriesHandler, type MarketplacerRequest } from '../marketplacer-inventories.handler';
import { MarketplacerRateLimiter } from '../marketplacer-rate.limiter';
import { marketplacerOutbound } from './marketplacer-outbound.connector';

const T = 'tenant-a';
const ROUTE = /^\/marketplacer\/api\/v2\/client\/variants\/([^/]+)\/inventories$/;
const item = (variant: string, quantity: number | null): OutboundItem => ({
  itemId: `item-${variant}`,
  identifier: variant,
  identifiers: [],
  quantity,
  name: null,
});

/**
 * The connector against Tally's own inbound side: a multi-store (owner seller 11, member seller
 * 12) with variant 100, and the inventories handler behind a real HTTP server at the API's path.
 */
async function tallyChannel() {
  const tally = createInMemoryTally();
  const handler = new MarketplacerInventoriesHandler(
    tally.manageConnections,
    tally.catalog,
    tally.readInventory,
    tally.applyBatch,
    new MarketplacerRateLimiter(),
  );
  const owner = await tally.manageConnections.create(T, { dialect: 'marketplacer', name: 'Owner', settings: { options: { sellerId: 11 } } });
  const member = await tally.manageConnections.create(T, {
    dialect: 'marketplacer',
    name: 'Member',
    settings: { options: { sellerId: 12, parentConnectionId: owner.connection.id } },
  });
  await tally.applyBatch.execute({
    tenantId: T,
    connection: null,
    actor: 'seed',
    reference: null,
    unknownItemPolicy: 'create',
    createLocationsAs: 'warehouse',
    lines: [
      {
        lineNo: 1,
        item: { external: { connectionId: owner.connection.id, externalId: '100' } },
        location: { code: 'wh' },
        write: { kind: 'set', patch: { onHand: 1 } },
        sourceTimestamp: null,
      },
    ],
  });
  const requestOf = (url: string, headers: MarketplacerRequest['headers'], variantId: string): MarketplacerRequest => ({
    path: url,
    headers,
    params: { variantId },
    query: {},
  });
  const server = await RecordingHttpServer.start(async (request) => {
    const match = ROUTE.exec(request.url);
    if (request.method !== 'PUT' || !match) return { status: 404, body: { errors: [{ status: '404', title: 'no route' }] } };
    const answer = await handler.putInventories({ ...requestOf(request.url, request.headers, decodeURIComponent(match[1])), body: JSON.parse(request.body) });
    return { status: answer.status, headers: { ...answer.headers }, body: answer.body };
  });
  const records = async (): Promise<Record<string, unknown>[]> => {
    const answer = await handler.listInventories(
      requestOf('/marketplacer/api/v2/client/variants/100/inventories', { authorization: `Bearer ${owner.credentials.token}` }, '100'),
    );
    return (answer.body as { data: { attributes: Record<string, unknown> }[] }).data.map((d) => d.attributes);
  };
  return { server, records, ownerKey: owner.credentials.token, memberKey: member.credentials.token };
}

describe('marketplacerOutbound against Tally as the channel', () => {
  let channel: Awaited<ReturnType<typeof tallyChannel>> | null = null;
  const context = () => ({ fetch, now: () => Date.now(), cache: new Map<string, unknown>() });
  const target = (apiKey: string, settings: Record<string, unknown>): OutboundTarget => ({
    channelId: 'ch-1',
    baseUrl: `${channel?.server.url}/marketplacer`,
    settings,
    credentials: { apiKey },
  });

  afterEach(async () => {
    await channel?.server.close();
    channel = null;
  });

  it("writes the configured seller's record with the owner's key, then makes it infinite", async () => {
    channel = await tallyChannel();
    expect(await marketplacerOutbound.send(target(channel.ownerKey, { sellerId: 12 }), [item('100', 8)], context())).toEqual([
      { itemId: 'item-100', outcome: 'sent' },
    ]);
    expect(await channel.records()).toContainEqual(expect.objectContaining({ seller_id: 12, count_on_hand: 8, infinite: false }));

    expect(await marketplacerOutbound.send(target(channel.ownerKey, { sellerId: 12 }), [item('100', null)], context())).toEqual([
      { itemId: 'item-100', outcome: 'sent' },
    ]);
    expect(await channel.records()).toContainEqual({ seller_id: 12, infinite: true });
  });

  it("writes a member's own record with its key in MARKETPLACER-API-KEY and no seller id", async () => {
    channel = await tallyChannel();
    const results = await marketplacerOutbound.send(target(channel.memberKey, { apiKeyHeader: true }), [item('100', 3)], context());
    expect(results).toEqual([{ itemId: 'item-100', outcome: 'sent' }]);
    expect(await channel.records()).toContainEqual(expect.objectContaining({ seller_id: 12, count_on_hand: 3 }));
  });

  it('gets an unknown variant and a missing seller id rejected with the JSON:API errors, a wrong key rejected for all', async () => {
    channel = await tallyChannel();
    const unknown = await marketplacerOutbound.send(target(channel.ownerKey, { sellerId: 12 }), [item('999', 1)], context());
    expect(unknown).toEqual([{ itemId: 'item-999', outcome: 'rejected', error: expect.stringMatching(/^HTTP 404: MARKETPLACER\.NOT_FOUND: /) }]);

    const noSeller = await marketplacerOutbound.send(target(channel.ownerKey, {}), [item('100', 1)], context());
    expect(noSeller).toEqual([
      { itemId: 'item-100', outcome: 'rejected', error: expect.stringMatching(/^HTTP 422: .*\(at \/data\/0\/attributes\/seller_id\)/) },
    ]);

    const wrong = await marketplacerOutbound.send(target('nope.wrong', { sellerId: 12 }), [item('100', 1), item('101', 1)], context());
    expect(wrong.map((r) => r.outcome)).toEqual(['rejected', 'rejected']);
    expect(wrong[0]).toMatchObject({ error: expect.stringMatching(/^HTTP 401: MARKETPLACER\.UNAUTHENTICATED/) });
  });
});
