import { Client as PgClient } from 'pg';
import { basicAuthorization, client, kiboToken, type Client } from '@tally/test-support';
import { createConnection } from '../support/tenant.fixtures';

/** A Kibo client: a connection of the tenant and a bearer token from the OAuth2 endpoint. */
export interface KiboClient {
  readonly token: string;
  readonly credentialId: string;
  readonly secret: string;
  readonly call: Client;
}

/** HTTP Basic header of a connection's credentials. */
export const basic = basicAuthorization;

/** Creates a Kibo connection and logs in with client credentials (form-encoded, as Kibo's clients do). */
export async function kiboClient(baseUrl: string, admin: Client, unknownItemPolicy: 'create' | 'reject' = 'create'): Promise<KiboClient> {
  const created = await createConnection(admin, 'kibo', { unknownItemPolicy });
  const credentialId = created.connection.credentialId;
  const secret = created.credentials.secret;
  const token = await kiboToken(baseUrl, credentialId, secret);
  return { token, credentialId, secret, call: client(baseUrl, token) };
}

/** `count` refresh items `<prefix>-<n>` with quantity `quantity(n)`. */
export function items(prefix: string, count: number, quantity: (n: number) => number = () => 1): { sku: string; quantity: number }[] {
  return Array.from({ length: count }, (_, n) => ({ sku: `${prefix}-${String(n).padStart(5, '0')}`, quantity: quantity(n) }));
}

/** Polls the Kibo job status until it is SUCCESS or FAILED. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function waitForJob(kibo: Client, jobId: number, limitMs = 120_000): Promise<Record<string, any>> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const answer = await kibo('GET', `/kibo/inv/api/v1/queue/${jobId}`);
    if (answer.status !== 200) throw new Error(`job status answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    if (answer.body.status === 'SUCCESS' || answer.body.status === 'FAILED') return answer.body;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${answer.body.status} after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Number of ledger entries of the tenant (every change of a level is one entry). */
export async function ledgerCount(admin: Client): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const answer = await admin('GET', `/api/v1/ledger?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (answer.status !== 200) throw new Error(`ledger answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    count += answer.body.items.length;
    cursor = answer.body.nextCursor;
  } while (cursor);
  return count;
}

/** Every present level of the tenant, as `sku → level` (resolved through the lookup of each item id). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function levelsByItemId(admin: Client): Promise<Map<string, any>> {
  const levels = new Map<string, any>(); // eslint-disable-line @typescript-eslint/no-explicit-any
  let cursor: string | null = null;
  do {
    const answer = await admin('GET', `/api/v1/stock-levels?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (answer.status !== 200) throw new Error(`stock levels answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    for (const level of answer.body.items) levels.set(`${level.itemId}@${level.locationId}`, level);
    cursor = answer.body.nextCursor;
  } while (cursor);
  return levels;
}

/** The level of the item with this sku at the location with this code, or undefined. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function levelBySku(admin: Client, sku: string, locationCode: string): Promise<any> {
  const item = await admin('GET', `/api/v1/items/lookup?sku=${encodeURIComponent(sku)}`);
  if (item.status !== 200) return undefined;
  const locations = await admin('GET', '/api/v1/locations?limit=500');
  const location = locations.body.items.find((l: { code: string }) => l.code === locationCode);
  if (!location) return undefined;
  const answer = await admin('GET', `/api/v1/stock-levels?itemId=${item.body.id}&locationId=${location.id}`);
  return answer.body.items[0];
}

/** How long a finished job may wait for its pg-boss message to be marked completed. */
const PG_BOSS_COMPLETION_WAIT_MS = 10_000;

/**
 * The jobs of `jobIds` (the job numbers a tenant sees; the spec's database has one tenant with
 * jobs) that pg-boss delivered (a completed `run` message in its schema): proof that the
 * PostgreSQL server ran them through pg-boss and not through the database queue.
 */
export async function deliveredByPgBoss(databaseUrl: string, jobIds: readonly number[]): Promise<Set<number>> {
  const db = new PgClient({ connectionString: databaseUrl });
  await db.connect();
  try {
    // A worker marks its pg-boss job completed only after it recorded the job's end, which is
    // what the caller waited for: allow that last step a few seconds before answering.
    const until = Date.now() + PG_BOSS_COMPLETION_WAIT_MS;
    for (;;) {
      const { rows } = await db.query<{ job: number }>(
        `SELECT DISTINCT (data->>'jobNumber')::int AS job FROM pgboss.job
         WHERE name = 'tally-stock-jobs' AND state = 'completed' AND data->>'kind' = 'run' AND (data->>'jobNumber')::int = ANY($1)`,
        [jobIds],
      );
      const delivered = new Set(rows.map((r) => r.job));
      if (delivered.size === new Set(jobIds).size || Date.now() >= until) return delivered;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await db.end();
  }
}
