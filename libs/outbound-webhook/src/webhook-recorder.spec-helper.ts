import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyStandardWebhook, type WebhookVerification } from './standard-webhook.signature';

/** One request the recording subscriber received, and what its verifier made of it. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly verification: WebhookVerification;
}

/** How the subscriber answers: a status (with headers and body), or no answer at all. */
export type RecorderReply = { readonly status: number; readonly headers?: Record<string, string>; readonly body?: string } | 'hang';

/** A subscriber on 127.0.0.1 that verifies each request with the given secrets and records it. */
export interface WebhookRecorder {
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * Starts a subscriber that checks every request with {@link verifyStandardWebhook} (real
 * clock) and, unless `reply` says otherwise, answers 204 to a genuine webhook and 401 to
 * anything else, as a merchant's endpoint would.
 */
export async function startWebhookRecorder(
  secrets: string | readonly string[],
  reply?: (request: RecordedRequest, index: number) => RecorderReply,
): Promise<WebhookRecorder> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        verification: verifyStandardWebhook(secrets, req.headers, body, Date.now()),
      };
      requests.push(recorded);
      const answer = reply ? reply(recorded, requests.length - 1) : { status: recorded.verification.ok ? 204 : 401 };
      if (answer === 'hang') return;
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
