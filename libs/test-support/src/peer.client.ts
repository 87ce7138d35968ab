import { request } from 'node:http';
import { answerOf, outgoingOf, type Answer, type Client } from './http.client';

/**
 * Like {@link client}, but the connection leaves from `localAddress` (another address of the
 * loopback range, 127.0.0.2 for one), so the server sees another peer: how a test tells a
 * trusted proxy from an untrusted client on one machine. Plain HTTP only; no abort signal.
 */
export function peerClient(baseUrl: string, key: string | null, localAddress: string): Client {
  return (method, path, options = {}) =>
    new Promise<Answer>((resolveAnswer, reject) => {
      const { headers, body } = outgoingOf(key, options);
      const outgoing = request(`${baseUrl}${path}`, { method, localAddress, headers }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const answerHeaders = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) {
            for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) answerHeaders.append(name, one);
          }
          resolveAnswer(answerOf(incoming.statusCode ?? 0, answerHeaders, Buffer.concat(chunks).toString('utf8')));
        });
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
}
