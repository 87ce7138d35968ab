import type { OutboundContext, OutboundItem, OutboundTarget } from '@tally/vendor-kit';
import { signStandardWebhook, verifyStandardWebhook, WebhookVerificationCodes } from './standard-webhook.signature';
import { WebhookDeliveryCodes } from './webhook-event.sender';
import { webhookOutbound } from './webhook-outbound.connector';
import { closedPort, startWebhookRecorder, type RecorderReply, type WebhookRecorder } from './webhook-recorder.spec-helper';
import { generateWebhookSecret } from './webhook-secret.util';

const SECRET = generateWebhookSecret();
const NOW = Date.now();

const item = (itemId: string, quantity: number | null): OutboundItem => ({
  itemId,
  identifier: `SKU-${itemId}`,
  identifiers: [{ kind: 'sku', value: `SKU-${itemId}`, connectionId: null }],
  quantity,
  name: null,
});

const target = (baseUrl: string, credentials: Record<string, string> = { secret: SECRET }, settings: Record<string, unknown> = {}): OutboundTarget => ({
  channelId: 'channel-1',
  baseUrl,
  settings,
  credentials,
});

const context = (overrides: Partial<OutboundContext> = {}): OutboundContext => ({ fetch, now: () => NOW, cache: new Map(), ...overrides });

let recorder: WebhookRecorder | undefined;
afterEach(async () => {
  await recorder?.close();
  recorder = undefined;
});

async function subscriber(reply?: (index: number) => RecorderReply, secrets: string | string[] = SECRET): Promise<WebhookRecorder> {
  recorder = await startWebhookRecorder(secrets, reply && ((_request, index) => reply(index)));
  return recorder;
}

describe('webhookOutbound', () => {
  it('POSTs one signed inventory.availability.changed event to the URL and path, and every item is sent', async () => {
    const hooks = await subscriber();
    const results = await webhookOutbound.send(
      target(`${hooks.url}/hooks`, { secret: SECRET }, { path: '/tally' }),
      [item('b', 3), item('a', null)],
      context(),
    );

    expect(results).toEqual([
      { itemId: 'b', outcome: 'sent' },
      { itemId: 'a', outcome: 'sent' },
    ]);
    expect(hooks.requests).toHaveLength(1);
    const [request] = hooks.requests;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/hooks/tally');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['webhook-id']).toMatch(/^msg_[A-Za-z0-9_-]{43}$/);
    expect(request.headers['webhook-timestamp']).toBe(String(Math.floor(NOW / 1000)));
    expect(request.headers['webhook-signature']).toBe(signStandardWebhook(SECRET, String(request.headers['webhook-id']), Math.floor(NOW / 1000), request.body));
    expect(request.verification).toEqual({ ok: true, id: request.headers['webhook-id'], timestampSeconds: Math.floor(NOW / 1000) });
    expect(JSON.parse(request.body)).toEqual({
      type: 'inventory.availability.changed',
      timestamp: new Date(NOW).toISOString(),
      data: {
        items: [
          { itemId: 'a', identifier: 'SKU-a', identifiers: [{ kind: 'sku', value: 'SKU-a', connectionId: null }], quantity: null, unlimited: true },
          { itemId: 'b', identifier: 'SKU-b', identifiers: [{ kind: 'sku', value: 'SKU-b', connectionId: null }], quantity: 3, unlimited: false },
        ],
      },
    });
  });

  it('gives the same figures the same webhook-id on a resend, and new figures a new one', async () => {
    const hooks = await subscriber();
    await webhookOutbound.send(target(hooks.url), [item('a', 1), item('b', 2)], context());
    await webhookOutbound.send(target(hooks.url), [item('b', 2), item('a', 1)], context({ now: () => NOW + 5_000 }));
    await webhookOutbound.send(target(hooks.url), [item('a', 1), item('b', 3)], context());

    const ids = hooks.requests.map((r) => r.headers['webhook-id']);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
    expect(hooks.requests[1].headers['webhook-timestamp']).toBe(String(Math.floor((NOW + 5_000) / 1000)));
    expect(hooks.requests.every((r) => r.verification.ok)).toBe(true);
  });

  it('puts at most maxBatch (100) items in one message and splits a larger call', async () => {
    const hooks = await subscriber();
    const items = Array.from({ length: 101 }, (_, i) => item(`i${String(i).padStart(3, '0')}`, i));
    const results = await webhookOutbound.send(target(hooks.url), items, context());

    expect(webhookOutbound.maxBatch).toBe(100);
    expect(hooks.requests.map((r) => JSON.parse(r.body).data.items.length)).toEqual([100, 1]);
    expect(hooks.requests.every((r) => r.verification.ok)).toBe(true);
    expect(results).toHaveLength(101);
    expect(results.every((r) => r.outcome === 'sent')).toBe(true);
  });

  it('alerts low stock: items at or below lowStockAt also get an inventory.low_stock event, and its failure retries them', async () => {
    const hooks = await subscriber((index) => (index === 1 ? { status: 503 } : { status: 204 }));
    const results = await webhookOutbound.send(
      target(hooks.url, { secret: SECRET }, { lowStockAt: 2 }),
      [item('a', 2), item('b', 9), item('c', null)],
      context(),
    );

    expect(hooks.requests.map((r) => JSON.parse(r.body).type)).toEqual(['inventory.availability.changed', 'inventory.low_stock']);
    expect(JSON.parse(hooks.requests[1].body).data).toEqual({ threshold: 2, items: [{ itemId: 'a', identifier: 'SKU-a', quantity: 2 }] });
    expect(hooks.requests.every((r) => r.verification.ok)).toBe(true);
    expect(results.map((r) => [r.itemId, r.outcome])).toEqual([
      ['a', 'retry'],
      ['b', 'sent'],
      ['c', 'sent'],
    ]);
  });

  it('sends nothing for no items', async () => {
    const hooks = await subscriber();
    expect(await webhookOutbound.send(target(hooks.url), [], context())).toEqual([]);
    expect(hooks.requests).toHaveLength(0);
  });

  it('signs with the previous secret too while rotating, so a subscriber on either secret verifies', async () => {
    const previous = generateWebhookSecret();
    const hooks = await subscriber(undefined, previous);
    const results = await webhookOutbound.send(target(hooks.url, { secret: SECRET, previousSecret: previous }), [item('a', 1)], context());

    expect(results).toEqual([{ itemId: 'a', outcome: 'sent' }]);
    const [request] = hooks.requests;
    expect(String(request.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(request.verification.ok).toBe(true);
    expect(verifyStandardWebhook(SECRET, request.headers, request.body, Date.now()).ok).toBe(true);
    expect(verifyStandardWebhook(generateWebhookSecret(), request.headers, request.body, Date.now()).ok).toBe(false);
  });

  it('lets the subscriber detect a tampered body', async () => {
    const hooks = await subscriber();
    await webhookOutbound.send(target(hooks.url), [item('a', 5)], context());
    const [request] = hooks.requests;
    const tampered = request.body.replace('"quantity":5', '"quantity":500');

    expect(tampered).not.toBe(request.body);
    expect(verifyStandardWebhook(SECRET, request.headers, tampered, Date.now())).toMatchObject({
      ok: false,
      code: WebhookVerificationCodes.noMatchingSignature,
    });
  });

  it('is refused by a subscriber holding another secret: rejected, and the error never shows a secret', async () => {
    const hooks = await subscriber();
    const wrong = generateWebhookSecret();
    const [result] = await webhookOutbound.send(target(hooks.url, { secret: wrong }), [item('a', 1)], context());

    expect(hooks.requests[0].verification).toMatchObject({ ok: false, code: WebhookVerificationCodes.noMatchingSignature });
    expect(result).toMatchObject({ itemId: 'a', outcome: 'rejected', error: expect.stringContaining(`${WebhookDeliveryCodes.refused}: HTTP 401`) });
    expect(JSON.stringify(result)).not.toContain(wrong.slice(6));
    expect(JSON.stringify(result)).not.toContain(SECRET.slice(6));
  });

  it('is refused by the subscriber when its clock says the message is stale', async () => {
    const hooks = await subscriber();
    const [result] = await webhookOutbound.send(target(hooks.url), [item('a', 1)], context({ now: () => Date.now() - 10 * 60_000 }));

    expect(hooks.requests[0].verification).toMatchObject({ ok: false, code: WebhookVerificationCodes.staleTimestamp });
    expect(result.outcome).toBe('rejected');
  });

  it('rejects every item without a request when the channel secret is not a whsec_ secret', async () => {
    const hooks = await subscriber();
    const results = await webhookOutbound.send(target(hooks.url, { secret: 'hunter2-hunter2' }), [item('a', 1), item('b', 1)], context());

    expect(hooks.requests).toHaveLength(0);
    expect(results.map((r) => r.outcome)).toEqual(['rejected', 'rejected']);
    expect(results[0]).toMatchObject({ error: expect.stringContaining(WebhookDeliveryCodes.invalidSecret) });
    expect(JSON.stringify(results)).not.toContain('hunter2');
  });

  it('retries on 429 with the Retry-After it asks for, and on 503 and 502', async () => {
    const replies: RecorderReply[] = [
      { status: 429, headers: { 'retry-after': '7' }, body: 'slow down' },
      { status: 503 },
      { status: 502, body: 'bad gateway' },
    ];
    const hooks = await subscriber((index) => replies[index]);
    const results = [];
    for (let i = 0; i < replies.length; i++) results.push(...(await webhookOutbound.send(target(hooks.url), [item('a', 1)], context())));

    expect(results[0]).toEqual({ itemId: 'a', outcome: 'retry', error: `${WebhookDeliveryCodes.busy}: HTTP 429: slow down`, retryAfterMs: 7000 });
    expect(results[1]).toEqual({ itemId: 'a', outcome: 'retry', error: `${WebhookDeliveryCodes.busy}: HTTP 503: ` });
    expect(results[2]).toMatchObject({ outcome: 'retry', error: `${WebhookDeliveryCodes.busy}: HTTP 502: bad gateway` });
  });

  it('rejects on 410 Gone (unsubscribed) and on other 4xx', async () => {
    const replies: RecorderReply[] = [{ status: 410, body: 'gone' }, { status: 400, body: 'bad' }, { status: 404 }];
    const hooks = await subscriber((index) => replies[index]);
    const errors: string[] = [];
    for (let i = 0; i < replies.length; i++) {
      const [result] = await webhookOutbound.send(target(hooks.url), [item('a', 1)], context());
      expect(result.outcome).toBe('rejected');
      errors.push(result.outcome === 'rejected' ? result.error : '');
    }
    expect(errors).toEqual([
      `${WebhookDeliveryCodes.gone}: HTTP 410: gone`,
      `${WebhookDeliveryCodes.refused}: HTTP 400: bad`,
      `${WebhookDeliveryCodes.refused}: HTTP 404: `,
    ]);
  });

  it('does not follow a redirect: rejected, and the new location never receives the message', async () => {
    const hooks = await subscriber((index) => (index === 0 ? { status: 307, headers: { location: '/moved' } } : { status: 204 }));
    const [result] = await webhookOutbound.send(target(hooks.url, { secret: SECRET }, { path: '/old' }), [item('a', 1)], context());

    expect(result).toMatchObject({ outcome: 'rejected', error: expect.stringContaining(`${WebhookDeliveryCodes.redirected}: HTTP 307`) });
    expect(hooks.requests.map((r) => r.url)).toEqual(['/old']);
  });

  it('retries every item when the connection is refused', async () => {
    const port = await closedPort();
    const results = await webhookOutbound.send(target(`http://127.0.0.1:${port}`), [item('a', 1), item('b', 2)], context());

    expect(results.map((r) => r.outcome)).toEqual(['retry', 'retry']);
    expect(results[0]).toMatchObject({ error: expect.stringMatching(new RegExp(`^${WebhookDeliveryCodes.unreachable}: .*ECONNREFUSED`)) });
  });

  it('retries every item when the send is aborted while the subscriber has not answered', async () => {
    const controller = new AbortController();
    const hooks = await subscriber(() => {
      controller.abort();
      return 'hang';
    });
    const results = await webhookOutbound.send(target(hooks.url), [item('a', 1)], context({ signal: controller.signal }));

    expect(hooks.requests).toHaveLength(1);
    expect(results).toEqual([{ itemId: 'a', outcome: 'retry', error: expect.stringContaining(WebhookDeliveryCodes.unreachable) }]);
  });
});
