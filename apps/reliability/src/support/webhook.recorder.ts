import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the recorder holds for one item: the figure of the last delivery it took. */
export interface ReceivedFigure {
  readonly quantity: number | null;
  readonly unlimited: boolean;
}

/** Counts of what reached the recorder. */
export interface RecorderCounts {
  /** Requests whose body arrived in full. */
  received: number;
  /** Requests answered 204: their figures were taken. */
  taken: number;
  /** Requests whose sender hung up before the answer: nothing of them was taken. */
  dropped: number;
  /** Requests with a missing or wrong signature (answered 401, nothing taken). */
  badSignatures: number;
}

/** A slow webhook subscriber on 127.0.0.1 that takes each genuine delivery only when it answers it. */
export interface WebhookRecorder {
  readonly url: string;
  /** The `whsec_` secret deliveries must be signed with. */
  readonly secret: string;
  /** The figure each identifier last received. */
  readonly figures: ReadonlyMap<string, ReceivedFigure>;
  readonly counts: Readonly<RecorderCounts>;
  /** Requests held right now (arrived, not answered yet). */
  held(): number;
  /** Resolves when a request arrives after this call (its items count); rejects after `timeoutMs`. */
  nextArrival(timeoutMs: number): Promise<number>;
  close(): Promise<void>;
}

interface AvailabilityEvent {
  readonly type: string;
  readonly data: { readonly items: readonly { identifier: string; quantity: number | null; unlimited: boolean }[] };
}

/** The items of an availability event; none when the body is not one (then only its signature is judged). */
function eventItems(body: string): AvailabilityEvent['data']['items'] {
  try {
    const event = JSON.parse(body) as AvailabilityEvent;
    return Array.isArray(event?.data?.items) ? event.data.items : [];
  } catch {
    return [];
  }
}

const header = (headers: IncomingHttpHeaders, name: string): string => String(headers[name] ?? '');

/** True when one `v1,` entry of `webhook-signature` is the HMAC-SHA256 of `id.timestamp.body` under the secret. */
function genuine(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key)
    .update(`${header(headers, 'webhook-id')}.${header(headers, 'webhook-timestamp')}.${body}`)
    .digest();
  return header(headers, 'webhook-signature')
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => Buffer.from(entry.slice(3), 'base64'))
    .some((signature) => signature.length === expected.length && timingSafeEqual(signature, expected));
}

/**
 * Starts the subscriber of check 8. Each request is held `holdMs` before it is answered, like a
 * subscriber that does real work: that makes the sender spend most of its time mid-send, where
 * the check kills it. A delivery is taken (its figures recorded, 204) only when its sender is
 * still there to get the answer; a sender that was killed meanwhile gets nothing taken, as with a
 * subscriber whose work is rolled back when the request is cut. The figures are absolute: the
 * last one taken for an identifier is what the channel shows.
 */
export async function startWebhookRecorder(holdMs: number): Promise<WebhookRecorder> {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const figures = new Map<string, ReceivedFigure>();
  const counts: RecorderCounts = { received: 0, taken: 0, dropped: 0, badSignatures: 0 };
  const holding = new Set<number>();
  const waiters = new Set<(items: number) => void>();
  let next = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      counts.received++;
      const items = eventItems(body);
      const id = next++;
      holding.add(id);
      for (const wake of waiters) wake(items.length);
      waiters.clear();
      setTimeout(() => {
        holding.delete(id);
        if (res.destroyed || req.socket.destroyed) {
          counts.dropped++;
          return;
        }
        if (!genuine(secret, req.headers, body)) {
          counts.badSignatures++;
          res.writeHead(401).end();
          return;
        }
        for (const item of items) figures.set(item.identifier, { quantity: item.quantity, unlimited: item.unlimited });
        counts.taken++;
        res.writeHead(204).end();
      }, holdMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    secret,
    figures,
    counts,
    held: () => holding.size,
    nextArrival: (timeoutMs) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`no delivery reached the recorder within ${timeoutMs} ms`));
        }, timeoutMs);
        const wake = (items: number) => {
          clearTimeout(timer);
          resolve(items);
        };
        waiters.add(wake);
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
