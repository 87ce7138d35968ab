import type { OutboundContext } from '@tally/vendor-kit';
import { webhookEvent, WebhookEventTypes } from './webhook-event.model';
import { sendWebhookEvent } from './webhook-event.sender';
import { webhookMessageId } from './webhook-message-id.util';
import { webhookOutbound } from './webhook-outbound.connector';
import { startWebhookRecorder, type WebhookRecorder } from './webhook-recorder.spec-helper';
import { generateWebhookSecret } from './webhook-secret.util';

const SECRET = generateWebhookSecret();
const NOW = Date.now();
const context: OutboundContext = { fetch, now: () => NOW, cache: new Map() };

let recorder: WebhookRecorder;
beforeEach(async () => {
  recorder = await startWebhookRecorder(SECRET);
});
afterEach(() => recorder.close());

describe('sendWebhookEvent', () => {
  it('signs and POSTs any event type in the same envelope, and answers the message id', async () => {
    const event = webhookEvent(WebhookEventTypes.jobFinished, { jobId: 'job-7', status: 'SUCCESS', counts: { ok: 3 } }, NOW - 2_000);
    const target = { channelId: 'channel-9', baseUrl: recorder.url, settings: { path: '/events' }, credentials: { secret: SECRET } };
    const delivery = await sendWebhookEvent(target, event, context);

    expect(delivery).toEqual({ outcome: 'sent', messageId: webhookMessageId('channel-9', event), status: 204 });
    const [request] = recorder.requests;
    expect(request.url).toBe('/events');
    expect(request.headers['webhook-id']).toBe(delivery.messageId);
    expect(request.verification.ok).toBe(true);
    expect(request.body).toBe(JSON.stringify(event));
    expect(JSON.parse(request.body)).toEqual({
      type: 'job.finished',
      timestamp: new Date(NOW - 2_000).toISOString(),
      data: { jobId: 'job-7', status: 'SUCCESS', counts: { ok: 3 } },
    });
  });
});

describe('webhookOutbound descriptor', () => {
  it('is the webhook dialect with no documented rate and its schemas', () => {
    expect(webhookOutbound).toMatchObject({ dialect: 'webhook', maxBatch: 100, requestsPerSecond: null });
    expect(webhookOutbound.credentialsSchema).toMatchObject({ type: 'object', required: ['secret'], additionalProperties: false });
    expect(webhookOutbound.settingsSchema).toMatchObject({ type: 'object', additionalProperties: false });
  });
});
