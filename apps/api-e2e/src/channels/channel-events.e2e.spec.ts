import { expectStatus } from '@tally/test-support';
import { generateWebhookSecret } from '@tally/outbound-webhook';
import { Fleet } from '../support/server-fleet';
import { CREATE, createConnection, freshTenant } from '../support/tenant.fixtures';
import { kiboClient, waitForJob } from '../vendors/kibo.e2e-helpers';
import { QUICK_DISPATCH, createChannel, defined, eventually, syncOf } from './channel-api.e2e-helper';
import { WebhookRecorder } from './webhook-recorder.e2e-helper';

type FeedEntry = Record<string, any> & { eventId: string; occurredAt: string };

/** The feed events of one type the recorder verified, in arrival order, with their message ids. */
function feedOf(recorder: WebhookRecorder, type: string): { webhookId: string; entries: FeedEntry[] }[] {
  return recorder.deliveries
    .filter((d) => d.verified)
    .map((d) => ({ webhookId: d.webhookId ?? '', event: JSON.parse(d.body) as { type: string; data: Record<string, FeedEntry[]> } }))
    .filter((d) => d.event.type === type)
    .map((d) => ({ webhookId: d.webhookId, entries: Object.values(d.event.data)[0] }));
}

describe.each([['sqlite'], ['postgres']] as const)('A webhook channel’s event feed on %s', (kind) => {
  let fleet: Fleet;
  let recorder: WebhookRecorder | null = null;
  beforeEach(() => (fleet = new Fleet()));
  afterEach(async () => {
    await recorder?.close();
    await fleet.release();
  });

  it('sends level changes, opened discrepancies and finished jobs, signed, to the channels subscribed to them only', async () => {
    const tally = await fleet.server(await fleet.database(kind), { ...QUICK_DISPATCH });
    const target = fleet.target(tally, kind);
    const { admin } = await freshTenant(target);
    const secret = generateWebhookSecret();
    recorder = await WebhookRecorder.start(secret);
    const feed = await createChannel(admin, {
      name: 'feed',
      dialect: 'webhook',
      baseUrl: recorder.url,
      settings: { path: '/feed', events: ['inventory.level.changed', 'discrepancy.opened', 'job.finished'] },
      credentials: { secret },
    });
    expect(feed.events).toEqual(['inventory.level.changed', 'discrepancy.opened', 'job.finished']);
    const figuresOnly = await createChannel(admin, {
      name: 'figures only',
      dialect: 'webhook',
      baseUrl: recorder.url,
      settings: { path: '/quiet' },
      credentials: { secret },
    });
    expect(figuresOnly.events).toEqual([]);
    const refused = await admin('POST', '/api/v1/channels', {
      json: { name: 'typo', dialect: 'webhook', baseUrl: recorder.url, settings: { events: ['inventory.level.changd'] }, credentials: { secret } },
    });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('settings.events');

    const a = (await createConnection(admin, 'canonical')).connection.id;
    const b = (await createConnection(admin, 'comestri')).connection.id;
    const report = (connectionId: string, onHand: number) =>
      admin('POST', '/api/v1/stock-levels/set', { json: { item: { sku: 'EV-1' }, location: { code: 'WH-EV' }, onHand, connectionId, ...CREATE } });
    const first = expectStatus(await report(a, 10), 'first report', 200);
    expectStatus(await report(a, 7), 'second report', 200);
    expect((await report(b, 3)).status).toBe(202); // observed: a discrepancy opens, no level changes
    const kibo = await kiboClient(target.baseUrl, admin);
    const job = await kibo.call('POST', '/kibo/api/v5/inventory/refresh', { json: { locationName: 'WH-KIBO', items: [{ sku: 'EV-2', quantity: 4 }] } });
    await waitForJob(kibo.call, job.body.jobID);

    const levelTypes = 'inventory.level.changed';
    await eventually('the feed', async () => {
      const levels = feedOf(defined(recorder, 'recorder'), levelTypes).flatMap((m) => m.entries);
      const missing: string[] = [];
      if (levels.length < 3) missing.push(`${levels.length} of 3 level changes`);
      if (feedOf(defined(recorder, 'recorder'), 'discrepancy.opened').length === 0) missing.push('the discrepancy');
      if (feedOf(defined(recorder, 'recorder'), 'job.finished').length === 0) missing.push('the job');
      return missing;
    });
    const levels = feedOf(recorder, levelTypes).flatMap((m) => m.entries);
    const ours = levels.filter((l) => l.itemId === first.itemId);
    expect(ours.map((l) => [l.before.figures.onHand, l.after.figures.onHand, l.connectionId, l.cause])).toEqual([
      [null, 10, a, expect.any(String)],
      [10, 7, a, expect.any(String)],
    ]);
    expect(ours[0]).toMatchObject({ locationId: first.locationId, eventId: expect.any(String), occurredAt: expect.any(String) });
    expect(ours[0].actor).toBeUndefined();
    const [discrepancy] = feedOf(recorder, 'discrepancy.opened').flatMap((m) => m.entries);
    expect(discrepancy).toMatchObject({ itemId: first.itemId, locationId: first.locationId });
    expect(discrepancy.claims).toEqual(expect.arrayContaining([expect.objectContaining({ connectionId: b, quantity: 3 })]));
    const [finished] = feedOf(recorder, 'job.finished').flatMap((m) => m.entries);
    expect(finished).toMatchObject({ jobId: job.body.jobID, kind: 'REFRESH', status: 'SUCCESS', locationCode: 'WH-KIBO', itemCount: 1, problems: 0 });
    expect(recorder.refused()).toEqual([]);
    // Each event arrived once; the figures-only channel got figures and nothing else.
    const ids = [levelTypes, 'discrepancy.opened', 'job.finished'].flatMap((t) =>
      feedOf(defined(recorder, 'recorder'), t).flatMap((m) => m.entries.map((e) => e.eventId)),
    );
    expect(new Set(ids).size).toBe(ids.length);
    await eventually('the events recorded as sent', async () => {
      const sync = await syncOf(admin, feed.id);
      return sync.eventsPending === 0 && sync.eventsDead === 0 ? [] : [`${sync.eventsPending} pending, ${sync.eventsDead} dead`];
    });
    const deliveries = expectStatus(await admin('GET', `/api/v1/channels/${feed.id}/deliveries?limit=100`), 'deliveries', 200).items as { subject: string }[];
    expect(deliveries.some((d) => d.subject === 'events')).toBe(true);
    const quiet = expectStatus(await admin('GET', `/api/v1/channels/${figuresOnly.id}/deliveries?limit=100`), 'quiet deliveries', 200).items as {
      subject: string;
    }[];
    expect(quiet.length).toBeGreaterThan(0);
    expect(quiet.every((d) => d.subject === 'items')).toBe(true);
  }, 120_000);

  it('keeps events a subscriber refuses as dead letters, and replays them once it accepts again', async () => {
    const tally = await fleet.server(await fleet.database(kind), { ...QUICK_DISPATCH, CHANNELS_MAX_ATTEMPTS: '2' });
    const { admin } = await freshTenant(fleet.target(tally, kind));
    const secret = generateWebhookSecret();
    // The subscriber holds another secret: it refuses (401) every delivery until the channel is given its secret.
    const subscriberSecret = generateWebhookSecret();
    recorder = await WebhookRecorder.start(subscriberSecret);
    const channel = await createChannel(admin, {
      name: 'feed',
      dialect: 'webhook',
      baseUrl: recorder.url,
      settings: { events: ['inventory.level.changed'] },
      credentials: { secret },
    });
    expectStatus(
      await admin('POST', '/api/v1/stock-levels/set', { json: { item: { sku: 'DL-1' }, location: { code: 'WH' }, onHand: 5, ...CREATE } }),
      'set',
      200,
    );
    await eventually('the dead letter', async () => ((await syncOf(admin, channel.id)).eventsDead === 1 ? [] : ['no dead event yet']));
    expect(recorder.deliveries.length).toBeGreaterThan(0);
    expectStatus(await admin('PATCH', `/api/v1/channels/${channel.id}`, { json: { credentials: { secret: subscriberSecret } } }), 'fix the secret', 200);
    const replayed = expectStatus(await admin('POST', `/api/v1/channels/${channel.id}/replay`, { json: {} }), 'replay', 202);
    expect(replayed.marked).toBeGreaterThanOrEqual(1);
    await eventually('the replayed event', async () => (feedOf(defined(recorder, 'recorder'), 'inventory.level.changed').length > 0 ? [] : ['not yet']));
    // The dispatcher records the send once the subscriber has answered: the state follows shortly after.
    await eventually('the replayed event recorded as sent', async () => {
      const sync = await syncOf(admin, channel.id);
      return sync.eventsPending === 0 && sync.eventsDead === 0 ? [] : [`${sync.eventsPending} pending, ${sync.eventsDead} dead`];
    });
  }, 120_000);
});
