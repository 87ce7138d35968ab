import type { Client } from '@tally/test-support';
import { availabilityOf, shownOf, type Shown } from './channel-api.e2e-helper';
import type { ProxiedRequest } from './fault-proxy.e2e-helper';
import { webhookFigures } from './webhook-recorder.e2e-helper';

type Json = Record<string, unknown>;

/**
 * The figures one request to a channel carries, by identifier, in the dialect's own spelling
 * (docs: each dialect README's "Outbound" section). Requests without figures (logins, job
 * polls) carry none. Unlimited is only said by dialects that can say it.
 */
export function figuresIn(dialect: string, request: Pick<ProxiedRequest, 'method' | 'url' | 'body'>): [string, Shown][] {
  if (request.method !== 'POST' && request.method !== 'PUT') return [];
  const path = request.url.split('?')[0];
  const json = () => JSON.parse(request.body) as unknown;
  switch (dialect) {
    case 'webhook':
      return webhookFigures(request.body);
    case 'kibo':
      if (!path.endsWith('/inventory/refresh')) return [];
      return ((json() as Json)['items'] as Json[]).map((i) => [String(i['sku'] ?? i['upc'] ?? i['partNumber']), i['quantity'] as number]);
    case 'crux': {
      if (!path.includes('/skus/inventory/')) return [];
      const body = json();
      const rows = (Array.isArray(body) ? body : [body]) as Json[];
      return rows.map((r) => [String(r['sku_id']), r['quantity_in_stock'] as number]);
    }
    default:
      throw new Error(`no reader of ${dialect} requests`);
  }
}

/**
 * The figures a channel's item took, in order, as the first Tally computed them after each write:
 * whatever a dispatcher reads at send time is one of these.
 */
export class FigureHistory {
  private readonly figures = new Map<string, Shown[]>();

  /** Appends each item's figure where it changed since the last capture. */
  async capture(api: Client, channelId: string): Promise<void> {
    for (const entry of await availabilityOf(api, channelId)) {
      if (entry.identifier === null) continue;
      const list = this.figures.get(entry.identifier) ?? [];
      if (list[list.length - 1] !== shownOf(entry)) list.push(shownOf(entry));
      this.figures.set(entry.identifier, list);
    }
  }

  /**
   * Problems with the order figures reached a channel: per identifier, each figure sent must be
   * the same as the one before it or a later one of the history (absolute repeats are fine), and
   * the last one must be the current figure.
   */
  orderProblems(sent: readonly [string, Shown][]): string[] {
    const problems: string[] = [];
    const position = new Map<string, number>();
    const last = new Map<string, Shown>();
    for (const [identifier, figure] of sent) {
      const history = this.figures.get(identifier) ?? [];
      const from = position.get(identifier) ?? 0;
      const at = history.indexOf(figure, from);
      if (at < 0) {
        problems.push(`${identifier}: ${figure} sent after ${history[from]} (history ${history.join(' → ')})`);
        continue;
      }
      position.set(identifier, at);
      last.set(identifier, figure);
    }
    for (const [identifier, history] of this.figures) {
      const current = history[history.length - 1];
      if (last.get(identifier) !== current) problems.push(`${identifier}: last sent ${last.get(identifier) ?? 'nothing'}, current ${current}`);
    }
    return problems;
  }
}
