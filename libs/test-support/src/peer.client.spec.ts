import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { peerClient } from './peer.client';

describe('peerClient', () => {
  let server: Server;
  let baseUrl: string;
  beforeAll(async () => {
    // Echoes the peer address and what it received.
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () =>
        response.writeHead(200, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] }).end(
          JSON.stringify({
            peer: request.socket.remoteAddress,
            authorization: request.headers.authorization ?? null,
            forwarded: request.headers['x-forwarded-for'] ?? null,
            body,
          }),
        ),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('connects from the local address it is given, with the key, headers and JSON body', async () => {
    const answer = await peerClient(baseUrl, 'k', '127.0.0.2')('POST', '/x', { json: { a: 1 }, headers: { 'x-forwarded-for': '192.0.2.1' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ peer: '127.0.0.2', authorization: 'Bearer k', forwarded: '192.0.2.1', body: '{"a":1}' });
    expect(answer.headers.get('set-cookie')).toBe('a=1, b=2');
    expect((await peerClient(baseUrl, null, '127.0.0.3')('GET', '/')).body).toMatchObject({ peer: '127.0.0.3', authorization: null });
  });
});
