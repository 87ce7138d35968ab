import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyStandardWebhook } from '@tally/outbound-webhook';
import type { Shown } from './channel-api.e2e-helper';

/** One POST the recorder received, in arrival order. */
export interface WebhookDelivery {
  readonly webhookId: string | undefined;
  /** The verdict of `verifyStandardWebhook` on the raw body and headers. */
  readonly verified: boolean;
  readonly refusal: string | null;
  readonly body: string;
}

/**
 * A subscriber of Tally's webhook channel, as a merchant would write one (node:http): it checks
 * each delivery's Standard Webhooks signature against the channel's secret, answers 401 to one
 * that fails and 204 to one that passes, and keeps every delivery in arrival order.
 */
export class WebhookRecorder {
  readonly deliveries: WebhookDelivery[] = [];

  private constructor(
    private readonly server: Server,
    private readonly secret: string,
  ) {}

  /** Listens on 127.0.0.1, a free port. */
  static async start(secret: string): Promise<WebhookRecorder> {
    const server = createServer();
    const recorder = new WebhookRecorder(server, secret);
    server.on('request', (request, response) => {
      void readBody(request).then((body) => {
        const verdict = verifyStandardWebhook(recorder.secret, request.headers, body, Date.now());
        const header = request.headers['webhook-id'];
        recorder.deliveries.push({
          webhookId: typeof header === 'string' ? header : undefined,
          verified: verdict.ok,
          refusal: verdict.ok ? null : verdict.code,
          body,
        });
        response.writeHead(verdict.ok ? 204 : 401).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return recorder;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Deliveries whose signature did not verify. */
  refused(): WebhookDelivery[] {
    return this.deliveries.filter((d) => !d.verified);
  }

  /** The last figure received for each identifier, from verified deliveries only. */
  shown(): Map<string, Shown> {
    const shown = new Map<string, Shown>();
    for (const delivery of this.deliveries.filter((d) => d.verified)) {
      for (const [identifier, figure] of webhookFigures(delivery.body)) shown.set(identifier, figure);
    }
    return shown;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The figures an `inventory.availability.changed` body carries, in its order. */
export function webhookFigures(body: string): [string, Shown][] {
  const event = JSON.parse(body) as { type: string; data: { items: { identifier: string; quantity: number | null; unlimited: boolean }[] } };
  if (event.type !== 'inventory.availability.changed') return [];
  return event.data.items.map((i) => [i.identifier, i.unlimited ? 'unlimited' : (i.quantity as number)]);
}

/** The raw body of a request, as text. */
export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
