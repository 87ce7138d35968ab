import { expectStatus, type Answer, type Client } from '@tally/test-support';

/** A figure as a channel shows it: a number of units, or unlimited. */
export type Shown = number | 'unlimited';

/** One item of `GET /api/v1/channels/{id}/availability`. */
export interface AvailabilityEntry {
  readonly itemId: string;
  readonly identifier: string | null;
  readonly quantity: number | null;
  readonly sellable: number;
  readonly unlimited: boolean;
  readonly changedAt: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly sync: Record<string, any> | null;
}

/** Creates a channel; fails the test unless it is created. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function createChannel(api: Client, body: Record<string, unknown>): Promise<Record<string, any>> {
  return expectStatus(await api('POST', '/api/v1/channels', { json: body }), `channel ${String(body['name'])}`, 201);
}

/** Every page of a list route (`items` and `nextCursor`), `limit` per page. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function allPages(api: Client, path: string, limit = 500): Promise<any[]> {
  const items: unknown[] = [];
  const join = path.includes('?') ? '&' : '?';
  let cursor: string | null = null;
  do {
    const page = expectStatus(await api('GET', `${path}${join}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`), path, 200);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** The channel's availability, every page. */
export function availabilityOf(api: Client, channelId: string, query = ''): Promise<AvailabilityEntry[]> {
  return allPages(api, `/api/v1/channels/${channelId}/availability${query}`);
}

/** What an availability entry shows the channel. */
export const shownOf = (entry: Pick<AvailabilityEntry, 'quantity'>): Shown => entry.quantity ?? 'unlimited';

/** The channel's figures by the identifier it names items by (items without one are not sent). */
export async function expectedFigures(api: Client, channelId: string): Promise<Map<string, Shown>> {
  const figures = new Map<string, Shown>();
  for (const entry of await availabilityOf(api, channelId)) if (entry.identifier !== null) figures.set(entry.identifier, shownOf(entry));
  return figures;
}

/** The channel's sync summary. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function syncOf(api: Client, channelId: string): Promise<Record<string, any>> {
  return expectStatus(await api('GET', `/api/v1/channels/${channelId}/sync`), 'channel sync', 200);
}

/** The differences between what a channel should show and what it shows, as readable lines. */
export function differences(expected: ReadonlyMap<string, Shown>, actual: ReadonlyMap<string, Shown>): string[] {
  const lines: string[] = [];
  for (const [key, figure] of expected) if (actual.get(key) !== figure) lines.push(`${key}: expected ${figure}, shows ${actual.get(key) ?? 'nothing'}`);
  for (const [key, figure] of actual) if (!expected.has(key)) lines.push(`${key}: not expected, shows ${figure}`);
  return lines;
}

/**
 * Polls `check` until it answers no differences; throws with the last ones after `limitMs`.
 * The wait is the condition's, never an assertion on time.
 */
export async function eventually(what: string, check: () => Promise<string[]>, limitMs = 30_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const problems = await check();
    if (problems.length === 0) return;
    if (Date.now() > deadline) throw new Error(`${what}: still ${problems.length} difference(s) after ${limitMs} ms:\n${problems.slice(0, 20).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A client that keeps the raw text of every answer it receives, to search them for secrets. */
export interface RecordingClient {
  readonly call: Client;
  /** `METHOD path → status: raw body` of every answer so far. */
  readonly answers: string[];
}

/** Wraps fetch like the suite's client, but keeps each answer's raw text. */
export function recordingClient(baseUrl: string, key: string): RecordingClient {
  const answers: string[] = [];
  const call: Client = async (method, path, options = {}) => {
    const headers: Record<string, string> = { authorization: `Bearer ${key}`, ...(options.json !== undefined ? { 'content-type': 'application/json' } : {}) };
    const body = options.json !== undefined ? JSON.stringify(options.json) : options.raw;
    const response = await fetch(`${baseUrl}${path}`, { method, headers: { ...headers, ...options.headers }, body });
    const text = await response.text();
    answers.push(`${method} ${path} → ${response.status}: ${[...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n${text}`);
    const contentType = response.headers.get('content-type') ?? '';
    const answer: Answer = {
      status: response.status,
      headers: response.headers,
      contentType,
      body: contentType.includes('json') && text ? JSON.parse(text) : text,
    };
    return answer;
  };
  return { call, answers };
}

/** Dispatcher settings that keep waits short in the suite (docs/channels.md, Settings). */
export const QUICK_DISPATCH: Readonly<Record<string, string>> = {
  CHANNELS_POLL_MS: '20',
  CHANNELS_JOB_POLL_MS: '50',
  CHANNELS_BACKOFF_BASE_MS: '50',
  CHANNELS_BACKOFF_CAP_MS: '300',
};

/** Applies stock lines in one batch, creating unknown items and locations; fails the test unless each line is applied. */
export async function writeStock(api: Client, lines: readonly Record<string, unknown>[]): Promise<void> {
  const answer = await api('POST', '/api/v1/stock-levels/batch', { json: { lines, unknownItemPolicy: 'create', createLocationsAs: 'warehouse' } });
  const report = expectStatus(answer, 'stock batch', 200);
  const refused = (report.lines as { status: string }[]).filter((l) => l.status !== 'applied');
  if (refused.length > 0) throw new Error(`stock batch lines not applied: ${JSON.stringify(refused).slice(0, 500)}`);
}

/** The value, or a failed test naming what is missing. */
export function defined<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`${what} is missing`);
  return value;
}
