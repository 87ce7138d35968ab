import { closedPortUrl, RecordingHttpServer } from '@tally/testing';
import type { OutboundContext } from './outbound-connector.model';
import { bodyExcerptOf, exchangeWithChannel, isSuccessStatus, refusalOf, type OutboundAnswer } from './outbound-exchange.util';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const context = (extra: Partial<OutboundContext> = {}): OutboundContext => ({ fetch, now: () => NOW, cache: new Map(), ...extra });
const answer = (status: number, headers: Record<string, string> = {}): OutboundAnswer => ({
  kind: 'answer',
  status,
  headers: new Headers(headers),
  text: '',
  json: undefined,
});

describe('exchangeWithChannel', () => {
  let server: RecordingHttpServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('sends the request and reads the whole answer: status, headers, text and JSON', async () => {
    server = await RecordingHttpServer.start((request) =>
      request.url === '/json'
        ? { status: 201, headers: { 'x-seen': request.headers['x-ask'] as string }, body: { id: 7 } }
        : { status: 502, body: 'bad gateway' },
    );
    const json = await exchangeWithChannel(context(), `${server.url}/json`, { method: 'POST', headers: { 'x-ask': 'yes' }, body: '{}' });
    expect(json).toMatchObject({ kind: 'answer', status: 201, text: '{"id":7}', json: { id: 7 } });
    expect(json.kind === 'answer' && json.headers.get('x-seen')).toBe('yes');
    expect(server.requests[0]).toMatchObject({ method: 'POST', body: '{}' });

    await expect(exchangeWithChannel(context(), `${server.url}/text`, { method: 'GET' })).resolves.toMatchObject({
      kind: 'answer',
      status: 502,
      text: 'bad gateway',
      json: undefined,
    });
  });

  it('answers failed, never throws, when the channel cannot be reached or the send is aborted', async () => {
    await expect(exchangeWithChannel(context(), await closedPortUrl(), { method: 'GET' })).resolves.toEqual({
      kind: 'failed',
      detail: 'network error: ECONNREFUSED',
    });
    const controller = new AbortController();
    server = await RecordingHttpServer.start(() => {
      controller.abort();
      return 'hang';
    });
    await expect(exchangeWithChannel(context({ signal: controller.signal }), server.url, { method: 'GET' })).resolves.toEqual({
      kind: 'failed',
      detail: 'request aborted (timeout or shutdown)',
    });
  });
});

describe('refusalOf', () => {
  it('keeps the status and the detail, and the wait a Retry-After asks for', () => {
    expect(refusalOf(answer(503), 'busy', NOW)).toEqual({ status: 503, detail: 'busy' });
    expect(refusalOf(answer(429, { 'retry-after': '7' }), 'slow down', NOW)).toEqual({ status: 429, detail: 'slow down', retryAfterMs: 7000 });
  });
});

describe('isSuccessStatus', () => {
  it('is true for 2xx only', () => {
    expect([199, 200, 202, 299, 300, 401].map(isSuccessStatus)).toEqual([false, true, true, true, false, false]);
  });
});

describe('bodyExcerptOf', () => {
  it('shows white space as single spaces, cuts long texts and names an empty body', () => {
    expect(bodyExcerptOf('  <html>\n  busy\t</html> ')).toBe('<html> busy </html>');
    expect(bodyExcerptOf('abcdef', 3)).toBe('abc…');
    expect(bodyExcerptOf(' \n ')).toBe('(empty body)');
  });
});
