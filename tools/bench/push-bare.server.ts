/**
 * Baseline 2 of `npm run bench:push`: a bare `node:http` server that reads the body, parses
 * the JSON and answers Crux's success body. Run as its own process; prints its URL.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const SUCCESS = JSON.stringify({ message: 'success' });

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    try {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      response.writeHead(400, { 'content-type': 'application/json; charset=utf-8' }).end('{"message":"bad json"}');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(SUCCESS);
  });
});
server.keepAliveTimeout = 72_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`bench server listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
