import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One message the subscriber received. */
export interface RecordedMessage {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The parsed JSON body. */
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** True when a `webhook-signature` entry is the HMAC of the secret over id, timestamp and body. */
  readonly signed: boolean;
}

/** A webhook subscriber on 127.0.0.1 that records what it receives. */
export interface WebhookRecorder {
  readonly url: string;
  readonly secret: string;
  readonly messages: RecordedMessage[];
  close(): Promise<void>;
}

/** A new signing secret: `whsec_` and the base64 of 32 random bytes. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

function signedBy(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`).digest();
  return String(headers['webhook-signature'] ?? '')
    .split(' ')
    .some((entry) => {
      const given = Buffer.from(entry.replace(/^v1,/, ''), 'base64');
      return entry.startsWith('v1,') && given.length === expected.length && timingSafeEqual(given, expected);
    });
}

/**
 * Starts a subscriber that answers 204 to a correctly signed message and 401 to anything else,
 * as a merchant's endpoint would, and keeps every message it got.
 */
export async function startWebhookRecorder(secret: string): Promise<WebhookRecorder> {
  const messages: RecordedMessage[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const signed = signedBy(secret, req.headers, text);
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // kept as text: the test sees what arrived
      }
      messages.push({ path: req.url ?? '', headers: req.headers, body, signed });
      res.writeHead(signed ? 204 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    secret,
    messages,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
