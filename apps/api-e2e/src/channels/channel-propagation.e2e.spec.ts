import { expectStatus } from '@tally/test-support';
import { generateWebhookSecret } from '@tally/outbound-webhook';
import { Fleet } from '../support/server-fleet';
import { freshTenant } from '../support/tenant.fixtures';
import {
  QUICK_DISPATCH,
  defined,
  allPages,
  availabilityOf,
  createChannel,
  differences,
  eventually,
  expectedFigures,
  syncOf,
  writeStock,
} from './channel-api.e2e-helper';
import { ChannelTally, VENDOR_DIALECTS, type SharedItem, type VendorDialect } from './channel-tally.e2e-helper';
import { WebhookRecorder } from './webhook-recorder.e2e-helper';

const ITEMS: SharedItem[] = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'].map((letter, n) => ({ sku: `P-${letter}`, variant: String(7001 + n) }));
/** The first Tally's reference of an item: its SKU and, except for J, its Marketplacer variant id as part number. */
const item = (letter: string) => {
  const found = defined(
    ITEMS.find((i) => i.sku === `P-${letter}`),
    letter,
  );
  return letter === 'J' ? { sku: found.sku } : { sku: found.sku, partNumber: found.variant };
};
const set = (letter: string, code: string, fields: Record<string, unknown>) => ({ op: 'set', item: item(letter), location: { code }, ...fields });
const adjust = (letter: string, code: string, delta: number) => ({ op: 'adjust', item: item(letter), location: { code }, delta });
const KIBO_UNLIMITED = 500;

describe.each([['sqlite'], ['postgres']] as const)('Channels fed to a second Tally (every vendor dialect) and a webhook on %s', (kind) => {
  let fleet: Fleet;
  let recorder: WebhookRecorder | null = null;
  beforeEach(() => (fleet = new Fleet()));
  afterEach(async () => {
    await recorder?.close();
    await fleet.release();
  });

  it('shows each channel exactly its available-to-sell as the first Tally computes it, through creation, changes up and down and a change of rules', async () => {
    const [firstDb, secondDb] = [await fleet.database(kind), await fleet.database(kind)];
    const [first, second] = await Promise.all([fleet.server(firstDb, { ...QUICK_DISPATCH }), fleet.server(secondDb, { CHANNELS_DISPATCHER: 'off' })]);
    const channelTally = await ChannelTally.setUp(fleet.target(second, kind));
    await channelTally.seed(ITEMS);
    const { admin: api } = await freshTenant(fleet.target(first, kind));
    const secret = generateWebhookSecret();
    recorder = await WebhookRecorder.start(secret);

    // Stock before any channel exists: a channel's creation sends every item with stock.
    await writeStock(api, [
      set('A', 'W1', { onHand: 10 }),
      set('A', 'W2', { onHand: 5 }),
      set('B', 'W1', { infinite: true }),
      set('C', 'W1', { onHand: 30 }),
      set('D', 'W2', { onHand: 100, reserved: 10 }),
      set('E', 'S1', { onHand: 7 }),
      set('F', 'W1', { onHand: 2 }),
      set('G', 'W1', { onHand: 5, restriction: 'temporarily_unavailable' }),
      set('I', 'W1', { onHand: 3, safetyStock: 1 }),
    ]);
    const locations = new Map<string, string>((await allPages(api, '/api/v1/locations')).map((l) => [l.code, l.id]));
    const ruleOf: Record<VendorDialect, Record<string, unknown>> = {
      kibo: { rules: { bufferUnits: 2 }, settings: { ...channelTally.targets.kibo.settings, unlimitedQuantity: KIBO_UNLIMITED } },
      crux: { rules: { bufferPercent: 10 } },
      marketplacer: { rules: { maxShown: 40 } },
      comestri: { rules: { zeroAt: 3 } },
      retailops: { locationIds: [locations.get('W1'), locations.get('W2')] },
    };
    const channels = new Map<VendorDialect, string>();
    for (const dialect of VENDOR_DIALECTS) channels.set(dialect, (await createChannel(api, channelTally.channelBody(dialect, ruleOf[dialect]))).id);
    // Paused: it collects what to send, and sends it once active.
    const webhook = await createChannel(api, {
      name: 'merchant code',
      dialect: 'webhook',
      baseUrl: recorder.url,
      credentials: { secret },
      settings: { path: '/hooks' },
      status: 'paused',
    });
    const idOf = async (letter: string) => expectStatus(await api('GET', `/api/v1/items/lookup?sku=P-${letter}`), 'item lookup', 200).id as string;
    expectStatus(await api('PUT', `/api/v1/channels/${webhook.id}/overrides/${await idOf('D')}`, { json: { excluded: true } }), 'override', 200);
    expectStatus(await api('PUT', `/api/v1/channels/${channels.get('kibo')}/overrides/${await idOf('A')}`, { json: { fixed: 3 } }), 'override', 200);

    const vendorsConverged = async (): Promise<string[]> => {
      const lines: string[] = [];
      for (const [dialect, channelId] of channels) {
        const expected = channelTally.expected(dialect, await availabilityOf(api, channelId), dialect === 'kibo' ? KIBO_UNLIMITED : undefined);
        lines.push(...differences(expected, await channelTally.shownAt(dialect)).map((l) => `${dialect} ${l}`));
      }
      return lines;
    };
    const converged = async (): Promise<string[]> => [
      ...(await vendorsConverged()),
      ...differences(await expectedFigures(api, webhook.id), defined(recorder, 'the recorder').shown()).map((l) => `webhook ${l}`),
    ];
    await eventually('after the channels were created', vendorsConverged);
    expect(recorder.deliveries).toEqual([]);
    expect(await syncOf(api, webhook.id)).toMatchObject({ pending: 8, synced: 0 });
    expectStatus(await api('PATCH', `/api/v1/channels/${webhook.id}`, { json: { status: 'active' } }), 'activation', 200);
    await eventually('after the webhook channel was activated', converged);

    // Changes up and down, a discontinued item, an item that stops and one that starts being infinite, a new item, a removed level.
    await writeStock(api, [
      set('A', 'W1', { onHand: 4 }),
      adjust('D', 'W2', -50),
      set('C', 'W1', { restriction: 'discontinued' }),
      set('B', 'W1', { infinite: false, onHand: 6 }),
      set('I', 'S1', { infinite: true }),
      set('H', 'W2', { onHand: 9 }),
      set('J', 'W1', { onHand: 4 }),
      set('G', 'W1', { restriction: 'none' }),
    ]);
    await writeStock(api, [adjust('A', 'W1', 16), set('F', 'W1', { onHand: 12 }), { op: 'remove', item: item('E'), location: { code: 'S1' } }]);
    await eventually('after changes up and down', converged);

    // A change of rules sends every item again; an override removed brings the item back to the rules.
    expectStatus(await api('PATCH', `/api/v1/channels/${channels.get('crux')}`, { json: { rules: { bufferPercent: 50, maxShown: 11 } } }), 'rules change', 200);
    expect((await api('DELETE', `/api/v1/channels/${webhook.id}/overrides/${await idOf('D')}`)).status).toBe(204);
    await eventually('after a change of rules', converged);

    // The figures are the rules' own, not only the same on both sides: a few worked by hand.
    const kibo = new Map((await availabilityOf(api, defined(channels.get('kibo'), 'kibo'))).map((e) => [e.identifier, e.quantity]));
    expect([kibo.get('P-A'), kibo.get('P-B'), kibo.get('P-C'), kibo.get('P-D'), kibo.get('P-I')]).toEqual([3, 4, 0, 38, null]);
    const retailops = new Map((await availabilityOf(api, defined(channels.get('retailops'), 'retailops'))).map((e) => [e.identifier, e.quantity]));
    expect([retailops.get('P-E'), retailops.get('P-I')]).toEqual([0, 2]);
    expect((await channelTally.shownAt('marketplacer')).get('7009')).toBe(40);
    expect((await channelTally.shownAt('comestri')).get('P-I')).toBe('unlimited');

    const marketplacer = defined(channels.get('marketplacer'), 'marketplacer');
    for (const channelId of [...channels.values(), webhook.id].filter((id) => id !== marketplacer)) {
      expect(await syncOf(api, channelId)).toMatchObject({ pending: 0, failing: 0, dead: 0, synced: ITEMS.length, lastError: null });
    }
    // J has no part number: the channel that names items by it cannot send J, and says so.
    expect(await syncOf(api, marketplacer)).toMatchObject({ pending: 0, failing: 0, dead: 1, synced: ITEMS.length - 1 });
    const [dead] = (await api('GET', `/api/v1/channels/${marketplacer}/items?state=dead`)).body.items;
    expect(dead).toMatchObject({ itemId: await idOf('J'), lastError: 'the item has no partNumber identifier' });
    expect(recorder.refused()).toEqual([]);
    expect(recorder.deliveries.length).toBeGreaterThan(0);
    expectNoSecretsLogged([first.transcript(), second.transcript()], Object.values(channelTally.connections), secret);
  }, 240_000);

  it('sends every item, new ones included, to a channel created in the middle of a burst of concurrent writes', async () => {
    const first = await fleet.server(await fleet.database(kind), { ...QUICK_DISPATCH });
    const { admin: api } = await freshTenant(fleet.target(first, kind));
    const secret = generateWebhookSecret();
    recorder = await WebhookRecorder.start(secret);
    // Items enough that marking them all at the channel's creation takes a while, as it does for a real catalogue.
    for (let from = 0; from < 3000; from += 1000) {
      await writeStock(
        api,
        Array.from({ length: 1000 }, (_, n) => ({ op: 'set', item: { sku: `PRE-${from + n}` }, location: { code: 'B-0' }, onHand: 1 })),
      );
    }
    let stop = false;
    let failure: unknown = null;
    let written = 0;
    // Each writer in turn creates an item (never written again) and changes one that existed before. On PostgreSQL a
    // write that looked for channels before the channel committed writes no outbox row, and the channel's creation
    // cannot see an item such a write creates: the channel must still get it (ADR 0041).
    const writer = async (w: number) => {
      for (let n = 0; !stop; n++) {
        const sku = n % 2 === 0 ? `BURST-${w}-${n}` : `PRE-${(w * 331 + n * 7) % 3000}`;
        expectStatus(
          await api('POST', '/api/v1/stock-levels/set', {
            json: { item: { sku }, location: { code: `B-${w % 2}` }, onHand: n + 1, unknownItemPolicy: 'create', createLocationsAs: 'warehouse' },
          }),
          'burst write',
          200,
        );
        written++;
      }
    };
    const writers = Array.from({ length: 8 }, (_, w) =>
      writer(w).catch((error: unknown) => {
        failure = error;
        stop = true;
      }),
    );
    const writtenAtLeast = async (count: number) => {
      while (written < count && !stop) await new Promise((resolve) => setTimeout(resolve, 5));
    };
    await writtenAtLeast(40);
    const channel = await createChannel(api, { name: 'burst', dialect: 'webhook', baseUrl: recorder.url, credentials: { secret } });
    await writtenAtLeast(written + 80);
    stop = true;
    await Promise.all(writers);
    if (failure) throw failure;
    const converged = async () => differences(await expectedFigures(api, channel.id), defined(recorder, 'the recorder').shown());
    await eventually('after the burst', converged);
    expect((await availabilityOf(api, channel.id)).length).toBeGreaterThan(3060);
  }, 120_000);
});

/** Neither process printed a credential the channels use. */
function expectNoSecretsLogged(transcripts: string[], connections: { secret: string; token: string }[], webhookSecret: string) {
  const secrets = [webhookSecret, ...connections.flatMap((c) => [c.secret, c.token])];
  for (const transcript of transcripts) for (const secret of secrets) expect(transcript.includes(secret)).toBe(false);
}
