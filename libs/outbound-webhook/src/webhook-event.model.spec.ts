import type { OutboundItem } from '@tally/vendor-kit';
import { availabilityChangedEvent, UnknownWebhookEventTypeError, webhookEvent, WebhookEventTypes, type WebhookEventType } from './webhook-event.model';
import { webhookMessageId } from './webhook-message-id.util';

const AT = Date.UTC(2025, 0, 2, 3, 4, 5, 678);

const item = (itemId: string, quantity: number | null): OutboundItem => ({
  itemId,
  identifier: `SKU-${itemId}`,
  identifiers: [
    { kind: 'sku', value: `SKU-${itemId}`, connectionId: null },
    { kind: 'external', value: `ext-${itemId}`, connectionId: 'conn-1' },
  ],
  quantity,
  name: `Item ${itemId}`,
});

describe('webhookEvent', () => {
  it('wraps data in the type / timestamp / data envelope, the timestamp in ISO 8601 UTC', () => {
    expect(webhookEvent(WebhookEventTypes.jobFinished, { jobId: 'j1', status: 'SUCCESS' }, AT)).toEqual({
      type: 'job.finished',
      timestamp: '2025-01-02T03:04:05.678Z',
      data: { jobId: 'j1', status: 'SUCCESS' },
    });
    expect(webhookEvent(WebhookEventTypes.lowStock, {}, new Date(AT)).timestamp).toBe('2025-01-02T03:04:05.678Z');
  });

  it('refuses an event type Tally does not send', () => {
    expect(() => webhookEvent('user.created' as WebhookEventType, {}, AT)).toThrow(UnknownWebhookEventTypeError);
  });
});

describe('availabilityChangedEvent', () => {
  it('lists the items in item id order with their identifiers, and an unlimited one as quantity null', () => {
    const event = availabilityChangedEvent([item('b', 5), item('a', null)], AT);
    expect(event).toEqual({
      type: 'inventory.availability.changed',
      timestamp: '2025-01-02T03:04:05.678Z',
      data: {
        items: [
          { itemId: 'a', identifier: 'SKU-a', identifiers: item('a', 0).identifiers, quantity: null, unlimited: true },
          { itemId: 'b', identifier: 'SKU-b', identifiers: item('b', 0).identifiers, quantity: 5, unlimited: false },
        ],
      },
    });
  });
});

describe('webhookMessageId', () => {
  it('is the same for the same channel, type and figures, whatever the order or the time', () => {
    const first = webhookMessageId('ch-1', availabilityChangedEvent([item('a', 1), item('b', 2)], AT));
    expect(first).toMatch(/^msg_[A-Za-z0-9_-]{43}$/);
    expect(webhookMessageId('ch-1', availabilityChangedEvent([item('b', 2), item('a', 1)], AT + 60_000))).toBe(first);
  });

  it('differs when a figure, an item, the channel or the type differs', () => {
    const base = webhookMessageId('ch-1', availabilityChangedEvent([item('a', 1)], AT));
    expect(webhookMessageId('ch-1', availabilityChangedEvent([item('a', 2)], AT))).not.toBe(base);
    expect(webhookMessageId('ch-1', availabilityChangedEvent([item('a', null)], AT))).not.toBe(base);
    expect(webhookMessageId('ch-1', availabilityChangedEvent([item('a', 1), item('b', 1)], AT))).not.toBe(base);
    expect(webhookMessageId('ch-2', availabilityChangedEvent([item('a', 1)], AT))).not.toBe(base);
    const data = { jobId: 'j1' };
    expect(webhookMessageId('ch-1', webhookEvent(WebhookEventTypes.jobFinished, data, AT))).not.toBe(
      webhookMessageId('ch-1', webhookEvent(WebhookEventTypes.discrepancyOpened, data, AT)),
    );
  });

  it('does not depend on the order object keys were written in', () => {
    const one = webhookEvent(WebhookEventTypes.levelChanged, { itemId: 'a', level: { onHand: 1, reserved: 0 } }, AT);
    const other = webhookEvent(WebhookEventTypes.levelChanged, { level: { reserved: 0, onHand: 1 }, itemId: 'a' }, AT);
    expect(webhookMessageId('ch-1', one)).toBe(webhookMessageId('ch-1', other));
  });
});
