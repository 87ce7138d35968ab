import type { OutboundItem } from './outbound-connector.model';
import { ABORTED_BEFORE_SENDING, excerptOf, fetchFailureDetail, readAnswer, sendEachItem, waitUnlessAborted } from './outbound-send.util';

const item = (n: number): OutboundItem => ({ itemId: `i${n}`, identifier: `sku-${n}`, identifiers: [], quantity: n, name: null });

describe('sendEachItem', () => {
  it('sends every item in order and keeps each result', async () => {
    const sent: string[] = [];
    const results = await sendEachItem([item(1), item(2), item(3)], async (i) => {
      sent.push(i.itemId);
      return { result: i.itemId === 'i2' ? { itemId: i.itemId, outcome: 'rejected', error: 'no such variant' } : { itemId: i.itemId, outcome: 'sent' } };
    });
    expect(sent).toEqual(['i1', 'i2', 'i3']);
    expect(results).toEqual([
      { itemId: 'i1', outcome: 'sent' },
      { itemId: 'i2', outcome: 'rejected', error: 'no such variant' },
      { itemId: 'i3', outcome: 'sent' },
    ]);
  });

  it('stops at a halting answer: the items not sent get the halt result, with its Retry-After', async () => {
    const sent: string[] = [];
    const results = await sendEachItem([item(1), item(2), item(3)], async (i) => {
      sent.push(i.itemId);
      return i.itemId === 'i1'
        ? { result: { itemId: 'i1', outcome: 'sent' } }
        : {
            result: { itemId: i.itemId, outcome: 'retry', error: 'HTTP 429', retryAfterMs: 2000 },
            halt: { outcome: 'retry', error: 'not sent', retryAfterMs: 2000 },
          };
    });
    expect(sent).toEqual(['i1', 'i2']);
    expect(results[2]).toEqual({ itemId: 'i3', outcome: 'retry', error: 'not sent', retryAfterMs: 2000 });
  });

  it('sends nothing more once the signal aborts or the pacing gives up', async () => {
    const controller = new AbortController();
    const sent: string[] = [];
    const results = await sendEachItem(
      [item(1), item(2)],
      async (i) => {
        sent.push(i.itemId);
        controller.abort();
        return { result: { itemId: i.itemId, outcome: 'sent' } };
      },
      { signal: controller.signal },
    );
    expect(sent).toEqual(['i1']);
    expect(results[1]).toEqual({ itemId: 'i2', outcome: 'retry', error: ABORTED_BEFORE_SENDING });

    const paced = await sendEachItem([item(3)], async () => Promise.reject(new Error('must not send')), { beforeEach: async () => false });
    expect(paced).toEqual([{ itemId: 'i3', outcome: 'retry', error: ABORTED_BEFORE_SENDING }]);
  });
});

describe('fetchFailureDetail', () => {
  it('names an abort, a network code, or the message', () => {
    const aborted = new AbortController();
    aborted.abort();
    expect(fetchFailureDetail(new Error('x'), aborted.signal)).toBe('request aborted (timeout or shutdown)');
    expect(fetchFailureDetail(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }))).toBe('network error: ECONNREFUSED');
    expect(fetchFailureDetail(new TypeError('fetch failed'))).toBe('network error: fetch failed');
    const timedOut = Object.assign(new Error('no answer within 50 ms', { cause: { code: 'ETIMEDOUT' } }), { name: 'TimeoutError' });
    expect(fetchFailureDetail(timedOut)).toBe('request timed out: no answer within 50 ms');
  });
});

describe('waitUnlessAborted', () => {
  it('answers true after the wait and false when aborted first', async () => {
    await expect(waitUnlessAborted(1)).resolves.toBe(true);
    const controller = new AbortController();
    const waiting = waitUnlessAborted(60_000, controller.signal);
    controller.abort();
    await expect(waiting).resolves.toBe(false);
  });
});

describe('readAnswer', () => {
  it('reads the text and the JSON when it parses', async () => {
    await expect(readAnswer(new Response('{"events":[]}'))).resolves.toEqual({ text: '{"events":[]}', json: { events: [] } });
    await expect(readAnswer(new Response('<html>busy</html>'))).resolves.toEqual({ text: '<html>busy</html>', json: undefined });
    await expect(readAnswer(new Response(null, { status: 204 }))).resolves.toEqual({ text: '', json: undefined });
  });

  it('cuts long texts for error messages', () => {
    expect(excerptOf('abcdef', 3)).toBe('abc…');
    expect(excerptOf('abc', 3)).toBe('abc');
  });
});
