import { expectStatus } from '@tally/test-support';
import { generateWebhookSecret } from '@tally/outbound-webhook';
import { Fleet } from '../support/server-fleet';
import { CREATE, freshTenant } from '../support/tenant.fixtures';
import { createChannel, defined, differences, eventually, type Shown } from './channel-api.e2e-helper';
import { WebhookRecorder } from './webhook-recorder.e2e-helper';

/** Longer than every wait below: a figure that arrives came because a write woke the dispatcher. */
const SLOW_POLL = { CHANNELS_POLL_MS: '60000' };
const WAIT_MS = 20_000;

describe.each([['sqlite'], ['postgres']] as const)('A write wakes the dispatcher of its process on %s', (kind) => {
  let fleet: Fleet;
  let recorder: WebhookRecorder | null = null;
  beforeEach(() => (fleet = new Fleet()));
  afterEach(async () => {
    await recorder?.close();
    await fleet.release();
  });

  it('sends a channel’s first sync and each later change at once, not at the next poll', async () => {
    const tally = await fleet.server(await fleet.database(kind), SLOW_POLL);
    const { admin } = await freshTenant(fleet.target(tally, kind));
    const secret = generateWebhookSecret();
    recorder = await WebhookRecorder.start(secret);
    const set = async (sku: string, onHand: number) =>
      expectStatus(await admin('POST', '/api/v1/stock-levels/set', { json: { item: { sku }, location: { code: 'WH-W' }, onHand, ...CREATE } }), 'set', 200);
    const shows = (expected: Record<string, Shown>) => async () => differences(new Map(Object.entries(expected)), defined(recorder, 'the recorder').shown());

    await set('W-1', 5);
    // The dispatcher's loops looked once at start, found nothing and sleep for a minute.
    await createChannel(admin, { name: 'wake', dialect: 'webhook', baseUrl: recorder.url, credentials: { secret } });
    await eventually('after the channel was created', shows({ 'W-1': 5 }), WAIT_MS);
    await set('W-1', 8);
    await set('W-2', 3);
    await eventually('after two single writes', shows({ 'W-1': 8, 'W-2': 3 }), WAIT_MS);
  });
});
