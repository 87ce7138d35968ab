import { createInMemoryTally, RecordingHttpServer, type InMemoryTally } from '@tally/testing';
import type { VendorAnswer } from '@tally/vendor-kit';
import { CruxGroupRunner } from '../crux-group.runner';
import { CruxInventoryHandler } from '../crux-inventory.handler';
import { cruxContext, item } from './crux-fake.spec-helper';
import { cruxOutbound } from './crux-outbound.connector';

const T = 'tenant-a';

/** Tally's own Crux side as the channel: its login and inventory handlers on an in-memory Tally, over real HTTP under /crux. */
async function tallyAsCrux() {
  const tally = createInMemoryTally();
  await tally.applyBatch.execute({
    tenantId: T,
    connection: null,
    actor: 'seed',
    reference: null,
    unknownItemPolicy: 'create',
    createLocationsAs: 'warehouse',
    lines: [
      { lineNo: 0, item: { sku: 'A' }, location: { code: 'WH' }, write: { kind: 'set', patch: { onHand: 1 } }, sourceTimestamp: null },
      {
        lineNo: 1,
        item: { sku: 'C' },
        itemIdentifiers: { sku: 'C', gtin: '00036000291452' },
        location: { code: 'WH' },
        write: { kind: 'set', patch: { onHand: 1 } },
        sourceTimestamp: null,
      },
    ],
  });
  const created = await tally.manageConnections.create(T, { dialect: 'crux', name: 'Crux', settings: { defaultLocationCode: 'SUP' } });
  const handler = new CruxInventoryHandler(tally.tokens, new CruxGroupRunner(tally.applyBatch, tally.tokens).run);
  const server = await RecordingHttpServer.start((request): Promise<VendorAnswer> => {
    const body: unknown = JSON.parse(request.body);
    const routes: Record<string, () => Promise<VendorAnswer>> = {
      '/crux/timp/organizations/user-login/': () => handler.login(body),
      '/crux/timp/products/skus/inventory/': () => handler.update(request.headers.authorization, body),
      '/crux/timp/products/skus/inventory/bulk/': () => handler.bulk(request.headers.authorization, body),
    };
    // Answered as the dialect's controller sends them: a body that is not a string as JSON.
    return routes[request.url]?.() ?? Promise.resolve({ status: 404, headers: {}, body: {} });
  });
  const baseUrl = `${server.url}/crux`;
  return { tally, server, baseUrl, credentials: { username: created.credentials.credentialId, password: created.credentials.secret } };
}

async function onHandAtSupplier(tally: InMemoryTally, sku: string): Promise<number | null | undefined> {
  const found = await tally.catalog.lookupItem(T, 'sku', sku);
  const location = tally.locations.locations.find((l) => l.code === 'SUP');
  const page = await tally.readInventory.listLevels(T, { itemId: found.id }, { limit: 10, cursor: null });
  return page.items.find((l) => l.locationId === location?.id)?.figures.onHand;
}

describe('cruxOutbound against Tally’s own Crux side', () => {
  let channel: Awaited<ReturnType<typeof tallyAsCrux>>;
  beforeEach(async () => (channel = await tallyAsCrux()));
  afterEach(() => channel.server.close());

  it('logs in, is accepted one by one and in bulk, and maps Tally’s refusals to rejected items', async () => {
    const target = (settings: Record<string, unknown> = {}) => ({ channelId: 'ch-1', baseUrl: channel.baseUrl, settings, credentials: channel.credentials });
    const context = cruxContext();
    expect(await cruxOutbound.send(target(), [item('A', 4)], context)).toEqual([{ itemId: 'item-A', outcome: 'sent' }]);
    expect(await onHandAtSupplier(channel.tally, 'A')).toBe(4);

    const results = await cruxOutbound.send(target(), [item('A', 6), item('B', 2), item('C', null)], context);
    expect(results).toEqual([
      { itemId: 'item-A', outcome: 'sent' },
      { itemId: 'item-B', outcome: 'rejected', error: expect.stringMatching(/^404: No sku found with sku identifier sku_id B/) },
      { itemId: 'item-C', outcome: 'sent' },
    ]);
    expect(await onHandAtSupplier(channel.tally, 'A')).toBe(6);
    expect(await onHandAtSupplier(channel.tally, 'C')).toBe(9999);

    const barcodes = await cruxOutbound.send(target({ identifierField: 'upca' }), [item('036000291452', 8, 'c'), item('036000291453', 1, 'bad')], context);
    expect(barcodes).toEqual([
      { itemId: 'c', outcome: 'sent' },
      { itemId: 'bad', outcome: 'rejected', error: expect.stringMatching(/^422: /) },
    ]);
    expect(await onHandAtSupplier(channel.tally, 'C')).toBe(8);
  });
});
