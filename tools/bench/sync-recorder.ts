import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateWebhookSecret, verifyStandardWebhook, type WebhookAvailabilityItem, type WebhookEvent } from '@tally/outbound-webhook';

/** When a figure reached the recorder, by `performance.now()` of this process. */
export interface Arrival {
  readonly quantity: number | null;
  readonly at: number;
}

/** A webhook subscriber of the benchmark: verifies every delivery, answers 204 at once and keeps what arrived. */
export interface SyncRecorder {
  readonly url: string;
  readonly secret: string;
  /** The last figure each identifier received, and when. */
  readonly last: ReadonlyMap<string, Arrival>;
  /** Every arrival of each identifier, in order (for latencies: a figure's first arrival). */
  readonly history: ReadonlyMap<string, Arrival[]>;
  /** Deliveries received, and those refused for a bad signature. */
  counts(): { readonly deliveries: number; readonly refused: number };
  /** Resolves once every identifier of `expected` shows its figure; answers when the last one arrived. */
  reflects(expected: ReadonlyMap<string, number>, timeoutMs: number): Promise<number>;
  close(): Promise<void>;
}

/** Starts the recorder on 127.0.0.1 with a fresh `whsec_` secret. */
export async function startSyncRecorder(): Promise<SyncRecorder> {
  const secret = generateWebhookSecret();
  const last = new Map<string, Arrival>();
  const history = new Map<string, Arrival[]>();
  let deliveries = 0;
  let refused = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const at = performance.now();
      const body = Buffer.concat(chunks).toString('utf8');
      deliveries++;
      if (!verifyStandardWebhook(secret, req.headers, body, Date.now()).ok) {
        refused++;
        res.writeHead(401).end();
        return;
      }
      const event = JSON.parse(body) as WebhookEvent<'inventory.availability.changed'>;
      for (const item of event.data.items as readonly WebhookAvailabilityItem[]) {
        const arrival = { quantity: item.quantity, at };
        last.set(item.identifier, arrival);
        const seen = history.get(item.identifier);
        if (seen) seen.push(arrival);
        else history.set(item.identifier, [arrival]);
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    secret,
    last,
    history,
    counts: () => ({ deliveries, refused }),
    reflects: async (expected, timeoutMs) => {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        let latest = 0;
        let missing = 0;
        for (const [identifier, quantity] of expected) {
          const arrival = last.get(identifier);
          if (arrival?.quantity !== quantity) missing++;
          else latest = Math.max(latest, arrival.at);
        }
        if (missing === 0) return latest;
        if (performance.now() > deadline) throw new Error(`the webhook recorder still misses ${missing} of ${expected.size} figures`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
