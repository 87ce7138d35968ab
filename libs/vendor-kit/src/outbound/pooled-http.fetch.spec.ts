import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { closedPortUrl } from '@tally/testing';
import { pooledHttpFetch } from './pooled-http.fetch';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse, socket: Socket) => void;

/** A real HTTP server whose answers each test scripts; counts the sockets clients opened. */
async function serve(handler: Handler): Promise<{ url: string; sockets: () => number; close: () => Promise<void> }> {
  let sockets = 0;
  const open = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handler(request, Buffer.concat(chunks).toString('utf8'), response, request.socket));
  });
  server.on('connection', (socket: Socket) => {
    sockets++;
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sockets: () => sockets,
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Why a request failed, as a connector reads it: the error's name and its cause's code. */
async function failureOf(promise: Promise<unknown>): Promise<{ name: string; code: string | undefined }> {
  try {
    await promise;
  } catch (error) {
    const { name, cause } = error as { name: string; cause?: { code?: string } };
    return { name, code: cause?.code };
  }
  throw new Error('the request did not fail');
}

describe('pooledHttpFetch', () => {
  const servers: { close: () => Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  const started = async (handler: Handler) => {
    const server = await serve(handler);
    servers.push(server);
    return server;
  };

  it('sends the method, headers and body, and answers the status, headers and body', async () => {
    const seen: { method?: string; type?: string; length?: string; body?: string; path?: string } = {};
    const server = await started((request, body, response) => {
      Object.assign(seen, {
        method: request.method,
        type: request.headers['content-type'],
        length: request.headers['content-length'],
        body,
        path: request.url,
      });
      response.writeHead(201, { 'content-type': 'application/json', 'retry-after': '7', 'set-cookie': ['a=1', 'b=2'] });
      response.end(JSON.stringify({ ok: 'déjà' }));
    });
    const answer = await pooledHttpFetch({ timeoutMs: 5000 })(`${server.url}/v1/items?x=1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"q":"é"}',
    });
    expect(seen).toEqual({ method: 'PUT', type: 'application/json', length: '10', body: '{"q":"é"}', path: '/v1/items?x=1' });
    expect(answer.status).toBe(201);
    expect(answer.ok).toBe(true);
    expect(answer.headers.get('Retry-After')).toBe('7');
    expect(answer.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(answer.headers.get('x-missing')).toBeNull();
    expect(await answer.json()).toEqual({ ok: 'déjà' });
  });

  it('keeps a socket alive for the next request to the same host', async () => {
    const server = await started((_request, _body, response) => response.end('fine'));
    const fetch = pooledHttpFetch({ timeoutMs: 5000 });
    for (let i = 0; i < 5; i++) expect(await (await fetch(`${server.url}/`)).text()).toBe('fine');
    expect(server.sockets()).toBe(1);
  });

  it('sends again on a new socket when the kept-alive one was closed by the peer before any answer', async () => {
    const answered = new WeakSet<Socket>();
    const server = await started((_request, _body, response, socket) => {
      // The second request of a socket finds it closed, as when the peer's idle timeout ends it.
      if (answered.has(socket)) {
        socket.destroy();
        return;
      }
      answered.add(socket);
      response.end('fresh');
    });
    const fetch = pooledHttpFetch({ timeoutMs: 5000 });
    expect(await (await fetch(`${server.url}/`, { method: 'POST', body: 'one' })).text()).toBe('fresh');
    expect(await (await fetch(`${server.url}/`, { method: 'POST', body: 'two' })).text()).toBe('fresh');
    expect(server.sockets()).toBe(2);
  });

  it('fails a request that gets no answer within the time limit', async () => {
    const server = await started(() => undefined);
    expect(await failureOf(pooledHttpFetch({ timeoutMs: 50 })(`${server.url}/`))).toEqual({ name: 'TimeoutError', code: 'ETIMEDOUT' });
  });

  it("fails as an abort when the send's signal aborts", async () => {
    const server = await started(() => undefined);
    const controller = new AbortController();
    const pending = pooledHttpFetch({ timeoutMs: 5000 })(`${server.url}/`, { signal: controller.signal });
    setImmediate(() => controller.abort());
    expect(await failureOf(pending)).toEqual({ name: 'AbortError', code: undefined });
    expect(await failureOf(pooledHttpFetch({ timeoutMs: 5000 })(`${server.url}/`, { signal: controller.signal }))).toEqual({
      name: 'AbortError',
      code: undefined,
    });
  });

  it('refuses an answer larger than its limit rather than hold it in memory', async () => {
    const server = await started((_request, _body, response) => response.end('x'.repeat(10_000)));
    expect(await failureOf(pooledHttpFetch({ timeoutMs: 5000, maxAnswerBytes: 1000 })(`${server.url}/`))).toEqual({ name: 'Error', code: 'EMSGSIZE' });
  });

  it("fails with the network error's code when nothing listens", async () => {
    expect(await failureOf(pooledHttpFetch({ timeoutMs: 5000 })(`${await closedPortUrl()}/`))).toEqual({ name: 'Error', code: 'ECONNREFUSED' });
  });

  it('refuses a protocol other than http and https', async () => {
    expect(await failureOf(pooledHttpFetch({ timeoutMs: 5000 })('ftp://127.0.0.1/'))).toEqual({ name: 'Error', code: 'EPROTO' });
  });
});
