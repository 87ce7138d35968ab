import { StockJobs } from '@tally/inventory-application';
import { createInMemoryTally, InMemoryJobQueue, RecordingHttpServer, type InMemoryTally } from '@tally/testing';
import type { OutboundItemResult, VendorAnswer } from '@tally/vendor-kit';
import { KiboInventoryHandler } from '../kibo-inventory.handler';
import { KiboTokenHandler } from '../kibo-token.handler';
import { item, kiboContext } from './kibo-fake.spec-helper';
import { kiboOutbound } from './kibo-outbound.connector';

const T = 'tenant-a';

/**
 * Tally's own Kibo side as the channel: its token, refresh and queue handlers on an in-memory
 * Tally, served over real HTTP under /kibo. Jobs run when their status is asked for.
 */
async function tallyAsKibo() {
  const tally = createInMemoryTally();
  const jobs = new StockJobs(new InMemoryJobQueue(), tally.applyBatch, tally.connections, tally.clock);
  const inventory = new KiboInventoryHandler(tally.tokens, jobs, tally.clock);
  const tokens = new KiboTokenHandler(tally.tokens);
  const created = await tally.manageConnections.create(T, { dialect: 'kibo', name: 'Kibo', settings: { unknownItemPolicy: 'reject' } });
  await tally.applyBatch.execute({
    tenantId: T,
    connection: null,
    actor: 'seed',
    reference: null,
    unknownItemPolicy: 'create',
    createLocationsAs: 'store',
    lines: ['A', 'C'].map((sku, n) => ({
      lineNo: n,
      item: { sku },
      location: { code: 'STORE-11' },
      write: { kind: 'set', patch: { onHand: 1 } },
      sourceTimestamp: null,
    })),
  });
  const server = await RecordingHttpServer.start(async (request): Promise<VendorAnswer> => {
    const form = request.headers['content-type'] === 'application/x-www-form-urlencoded';
    const body: unknown = form ? Object.fromEntries(new URLSearchParams(request.body)) : request.body ? JSON.parse(request.body) : undefined;
    const queue = /^\/kibo\/inv\/api\/v1\/queue\/(\d+)$/.exec(request.url);
    // Answered as the dialect's controller sends them: a body that is not a string as JSON.
    if (request.url === '/kibo/oauthserver/oauth2/token') return tokens.token(request.headers.authorization, body);
    if (/^\/kibo\/(inv\/)?api\/v5\/inventory\/refresh$/.test(request.url)) return inventory.submit('refresh', request.headers.authorization, body);
    if (!queue) return { status: 404, headers: {}, body: {} };
    await runJobs(jobs);
    return inventory.status(request.headers.authorization, queue[1]);
  });
  const baseUrl = `${server.url}/kibo`;
  const credentials = { clientId: created.credentials.credentialId, clientSecret: created.credentials.secret };
  return { tally, server, baseUrl, credentials };
}

async function runJobs(jobs: StockJobs): Promise<void> {
  while (await jobs.runNext('worker')) {
    // each call runs one job
  }
}

async function onHand(tally: InMemoryTally, sku: string): Promise<number | null | undefined> {
  const found = await tally.catalog.lookupItem(T, 'sku', sku);
  const page = await tally.readInventory.listLevels(T, { itemId: found.id }, { limit: 10, cursor: null });
  return page.items[0]?.figures.onHand;
}

describe('kiboOutbound against Tally’s own Kibo side', () => {
  let channel: Awaited<ReturnType<typeof tallyAsKibo>>;
  beforeEach(async () => (channel = await tallyAsKibo()));
  afterEach(() => channel.server.close());

  it('is accepted, applies the figures and reads Tally’s job messages per item', async () => {
    const target = { channelId: 'ch-1', baseUrl: channel.baseUrl, settings: { locationCode: 'STORE-11', manufacturerID: 0 }, credentials: channel.credentials };
    const tooLong = 'X'.repeat(256);
    const results = await kiboOutbound.send(target, [item('A', 7), item('B', 2), item(tooLong, 1, 'item-long'), item('C', null)], kiboContext());
    const byId = Object.fromEntries(results.map((r: OutboundItemResult) => [r.itemId, r]));
    expect(byId['item-A']).toEqual({ itemId: 'item-A', outcome: 'sent' });
    expect(byId['item-B']).toEqual({ itemId: 'item-B', outcome: 'rejected', error: expect.stringMatching(/^items\[1\] \(sku B\): INVENTORY\.UNKNOWN_ITEM: /) });
    expect(byId['item-long']).toEqual({ itemId: 'item-long', outcome: 'rejected', error: expect.stringContaining('REQUEST.INVALID') });
    expect(byId['item-C']).toEqual({ itemId: 'item-C', outcome: 'sent' });
    expect(await onHand(channel.tally, 'A')).toBe(7);
    expect(await onHand(channel.tally, 'C')).toBe(9999);
  });

  it('is accepted at the /inv twin path with UPCs, and maps refusals of UPCs back to their items', async () => {
    const settings = { locationCode: 'STORE-11', refreshPath: '/inv/api/v5/inventory/refresh', identifierField: 'upc' };
    const target = { channelId: 'ch-2', baseUrl: channel.baseUrl, settings, credentials: channel.credentials };
    const results = await kiboOutbound.send(target, [item('036000291452', 3, 'unknown-upc'), item('036000291453', 3, 'bad-check-digit')], kiboContext());
    expect(results).toEqual([
      { itemId: 'unknown-upc', outcome: 'rejected', error: expect.stringContaining('INVENTORY.UNKNOWN_ITEM') },
      { itemId: 'bad-check-digit', outcome: 'rejected', error: expect.stringContaining('REQUEST.INVALID') },
    ]);
  });
});
