import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { client, expectStatus } from './http.client';

describe('client', () => {
  let server: Server;
  let baseUrl: string;
  beforeAll(async () => {
    // Echoes what it received: JSON for /json, plain text elsewhere.
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const echo = {
          method: request.method,
          url: request.url,
          authorization: request.headers.authorization ?? null,
          contentType: request.headers['content-type'] ?? null,
          body,
        };
        if (request.url === '/json') response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(echo));
        else response.writeHead(200, { 'content-type': 'text/plain' }).end(`${echo.method} ${echo.body}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('sends a JSON body with the bearer key and parses the JSON answer', async () => {
    const answer = await client(baseUrl, 'tly_key')('POST', '/json', { json: { a: 1 } });
    expect(answer.status).toBe(201);
    expect(answer.contentType).toBe('application/json');
    expect(answer.body).toEqual({ method: 'POST', url: '/json', authorization: 'Bearer tly_key', contentType: 'application/json', body: '{"a":1}' });
  });

  it('sends a raw body without a key, with headers of the call winning', async () => {
    const answer = await client(baseUrl, null)('PUT', '/json', { raw: '{broken', headers: { 'content-type': 'text/x-broken' } });
    expect(answer.body).toMatchObject({ authorization: null, contentType: 'text/x-broken', body: '{broken' });
  });

  it('answers a body that is not JSON as text', async () => {
    expect((await client(baseUrl, null)('POST', '/text', { raw: 'hello' })).body).toBe('POST hello');
  });

  it('passes the body through expectStatus when the status is the expected one, and throws otherwise', async () => {
    const answer = await client(baseUrl, null)('GET', '/json');
    expect(expectStatus(answer, 'echo', 201)).toMatchObject({ method: 'GET' });
    expect(expectStatus(answer, 'echo')).toMatchObject({ method: 'GET' });
    expect(() => expectStatus(answer, 'echo', 200)).toThrow(/^echo answered 201: \{"method":"GET"/);
  });
});
