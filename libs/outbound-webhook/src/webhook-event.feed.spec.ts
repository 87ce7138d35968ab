import type { OutboundContext, OutboundEvent, OutboundTarget } from '@tally/vendor-kit';
import { webhookEventFeed, WEBHOOK_FEED_MAX_BATCH } from './webhook-event.feed';
import { WebhookEventTypes } from './webhook-event.model';
import { startWebhookRecorder, type RecorderReply, type WebhookRecorder } from './webhook-recorder.spec-helper';
import { generateWebhookSecret } from './webhook-secret.util';

const SECRET = generateWebhookSecret();
const target = (baseUrl: string): OutboundTarget => ({ channelId: 'channel-1', baseUrl, settings: {}, credentials: { secret: SECRET } });
const context = (): OutboundContext => ({ fetch, now: () => Date.now(), cache: new Map() });
const event = (id: string, type: string, data: Record<string, unknown> = {}): OutboundEvent => ({ id, type, occurredAt: '2026-12-05T10:00:00.000Z', data });

let recorder: WebhookRecorder | undefined;
afterEach(async () => {
  await recorder?.close();
  recorder = undefined;
});

describe('webhookEventFeed', () => {
  it('subscribes a channel to the feed types its `events` setting lists, and to none without it', () => {
    expect(webhookEventFeed.subscribed({})).toEqual([]);
    expect(webhookEventFeed.subscribed({ events: ['job.finished', 'inventory.level.changed'] })).toEqual(['inventory.level.changed', 'job.finished']);
    expect(webhookEventFeed.types).toEqual([WebhookEventTypes.levelChanged, WebhookEventTypes.discrepancyOpened, WebhookEventTypes.jobFinished]);
    expect(WEBHOOK_FEED_MAX_BATCH).toBeGreaterThan(1);
  });

  it('sends each run of one type as one signed message listing its events, and the same events again under the same webhook-id', async () => {
    recorder = await startWebhookRecorder(SECRET);
    const events = [
      event('1', 'inventory.level.changed', { itemId: 'i-1' }),
      event('2', 'inventory.level.changed', { itemId: 'i-2' }),
      event('3', 'job.finished', { jobId: 7 }),
      event('4', 'inventory.level.changed', { itemId: 'i-3' }),
    ];
    const results = await webhookEventFeed.send(target(recorder.url), events, context());
    expect(results).toEqual(events.map((e) => ({ eventId: e.id, outcome: 'sent' })));
    expect(recorder.requests.map((r) => r.verification.ok)).toEqual([true, true, true]);
    const bodies = recorder.requests.map((r) => JSON.parse(r.body) as { type: string; timestamp: string; data: Record<string, { eventId: string }[]> });
    expect(bodies.map((b) => [b.type, Object.keys(b.data), Object.values(b.data)[0].map((e) => e.eventId)])).toEqual([
      ['inventory.level.changed', ['changes'], ['1', '2']],
      ['job.finished', ['jobs'], ['3']],
      ['inventory.level.changed', ['changes'], ['4']],
    ]);
    expect(bodies[0].data['changes'][0]).toEqual({ eventId: '1', occurredAt: '2026-12-05T10:00:00.000Z', itemId: 'i-1' });
    expect(bodies[0].timestamp).toBe('2026-12-05T10:00:00.000Z');
    await webhookEventFeed.send(target(recorder.url), events.slice(0, 2), context());
    expect(recorder.requests[3].headers['webhook-id']).toBe(recorder.requests[0].headers['webhook-id']);
  });

  it('gives each message’s events its outcome: a refusal, a retry with Retry-After, and no answer at all', async () => {
    const replies: RecorderReply[] = [{ status: 400 }, { status: 503, headers: { 'retry-after': '7' } }];
    recorder = await startWebhookRecorder(SECRET, (_request, index) => replies[index] ?? { status: 204 });
    const results = await webhookEventFeed.send(
      target(recorder.url),
      [event('1', 'discrepancy.opened'), event('2', 'job.finished'), event('3', 'inventory.level.changed')],
      context(),
    );
    expect(results).toEqual([
      { eventId: '1', outcome: 'rejected', error: expect.stringMatching(/^WEBHOOK.REFUSED: HTTP 400/) },
      { eventId: '2', outcome: 'retry', error: expect.stringMatching(/^WEBHOOK.SUBSCRIBER_BUSY: HTTP 503/), retryAfterMs: 7000 },
      { eventId: '3', outcome: 'sent' },
    ]);
    const unreachable = await webhookEventFeed.send(target('http://127.0.0.1:9'), [event('4', 'job.finished')], context());
    expect(unreachable).toEqual([{ eventId: '4', outcome: 'retry', error: expect.stringMatching(/^WEBHOOK.UNREACHABLE/) }]);
  });
});
