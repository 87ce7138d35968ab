import Database from 'better-sqlite3';
import { Client } from 'pg';
import { client, cruxToken as cruxLogin, kiboToken as kiboLogin, type Answer, type Client as HttpClient } from '@tally/test-support';
import { unique, type Deployment } from '../support/deployment.fixture';
import { recordSecret } from '../support/run-dir';

/** One refused credential and the dialect's error shape it must be answered in. */
interface CredentialCase {
  readonly dialect: string;
  readonly kind: 'none' | 'wrong' | 'malformed' | 'revoked' | 'expired' | 'rotated';
  readonly call: () => Promise<Answer>;
  readonly inDialect: (answer: Answer) => boolean;
}

/** Figures of one dialect. */
export interface CredentialFigures {
  dialect: string;
  cases: number;
  answered401InDialect: number;
  kinds: string;
}

const KIBO_REFRESH = '/kibo/api/v5/inventory/refresh';
const CRUX_UPDATE = '/crux/timp/products/skus/inventory/';
const COMESTRI = '/comestri/api/v2/inventories';
const MARKETPLACER = '/marketplacer/api/v2/client/variants/14/inventories';
const RETAILOPS = '/retailops/inventory_push_v1';

const problem = (a: Answer) => a.contentType.startsWith('application/problem+json') && a.body.code === 'AUTH.UNAUTHENTICATED';
const kibo = (a: Answer) => a.body?.status === 401 && a.body?.error === 'Unauthorized';
const crux = (a: Answer) => a.body?.status_code === 401 && typeof a.body?.message === 'string' && Array.isArray(a.body?.errors);
const comestri = (a: Answer) =>
  a.body?.status === 401 && a.body?.code === 'AUTH.UNAUTHENTICATED' && /^Token realm=/.test(a.headers.get('www-authenticate') ?? '');
const marketplacer = (a: Answer) => a.contentType.startsWith('application/vnd.api+json') && a.body?.errors?.[0]?.status === '401';
const retailops = (a: Answer) => a.body?.events?.[0]?.code === 'RETAILOPS.UNAUTHENTICATED';

/**
 * Check 7, first part: missing, wrong, malformed, revoked, rotated and (Kibo, Crux) expired credentials
 * of every dialect get 401 in the dialect's own error shape. The deployment must run SQLite with
 * KIBO_TOKEN_TTL_SECONDS small enough to wait out; Crux tokens are expired in the database.
 */
export async function checkRefusedCredentials(deployment: Deployment, kiboTtlSeconds: number): Promise<{ figures: CredentialFigures[]; violations: string[] }> {
  const base = deployment.servers[0].baseUrl;
  const anonymous = client(base, null);
  const admin = deployment.admin();
  const connection = async (dialect: string, settings: Record<string, unknown> = {}) => {
    const answer = await admin('POST', '/api/v1/connections', { json: { dialect, name: unique(dialect), settings } });
    if (answer.status !== 201) throw new Error(`${dialect} connection answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    recordSecret(answer.body.credentials.secret);
    return answer.body as { connection: { id: string; credentialId: string }; credentials: { credentialId: string; secret: string; token: string } };
  };
  const revoke = (id: string) => admin('POST', `/api/v1/connections/${id}/revoke`);
  // Tokens are secrets too: the log and database scans look for them.
  const recorded = (token: string) => {
    recordSecret(token);
    return token;
  };
  const kiboToken = async (credentialId: string, secret: string) => recorded(await kiboLogin(base, credentialId, secret));
  const cruxToken = async (username: string, password: string) => recorded(await cruxLogin(base, username, password));

  // Canonical: a read-only key, then revoked.
  const created = await admin('POST', '/api/v1/api-keys', { json: { name: unique('key'), role: 'read_only' } });
  recordSecret(created.body.secret);
  await admin('DELETE', `/api/v1/api-keys/${created.body.key.id}`);
  // Kibo: one token expired by waiting out its TTL, one of a revoked connection.
  const kiboExpiring = await connection('kibo');
  const expiredKibo = await kiboToken(kiboExpiring.credentials.credentialId, kiboExpiring.credentials.secret);
  const kiboRevoked = await connection('kibo');
  const revokedKibo = await kiboToken(kiboRevoked.credentials.credentialId, kiboRevoked.credentials.secret);
  await revoke(kiboRevoked.connection.id);
  // Crux, Comestri, and Kibo after the wait below: what the old secret obtained before the connection's secret was rotated.
  const rotate = (id: string) => admin('POST', `/api/v1/connections/${id}/rotate`);
  // Crux: one token whose expiry is moved into the past in the database, one of a revoked connection.
  const cruxExpiring = await connection('crux', { defaultLocationCode: unique('CRUX') });
  const expiredCrux = await cruxToken(cruxExpiring.credentials.credentialId, cruxExpiring.credentials.secret);
  await expireAccessTokens(deployment, expiredCrux);
  const cruxRevoked = await connection('crux', { defaultLocationCode: unique('CRUX') });
  const revokedCrux = await cruxToken(cruxRevoked.credentials.credentialId, cruxRevoked.credentials.secret);
  await revoke(cruxRevoked.connection.id);
  const cruxRotated = await connection('crux', { defaultLocationCode: unique('CRUX') });
  const rotatedCrux = await cruxToken(cruxRotated.credentials.credentialId, cruxRotated.credentials.secret);
  recordSecret((await rotate(cruxRotated.connection.id)).body.credentials.secret);
  // Comestri: a revoked connection's token.
  const comestriRevoked = await connection('comestri');
  await revoke(comestriRevoked.connection.id);
  const comestriRotated = await connection('comestri');
  recordSecret((await rotate(comestriRotated.connection.id)).body.credentials.secret);
  await new Promise((wait) => setTimeout(wait, (kiboTtlSeconds + 1) * 1000));
  // Obtained after the wait, so that only the rotation can end it.
  const kiboRotated = await connection('kibo');
  const rotatedKibo = await kiboToken(kiboRotated.credentials.credentialId, kiboRotated.credentials.secret);
  recordSecret((await rotate(kiboRotated.connection.id)).body.credentials.secret);

  const auth = (authorization: string | null): Record<string, string> => (authorization === null ? {} : { authorization });
  const kiboBody = { json: { locationName: '1', items: [] } };
  const cruxBody = { json: { sku_id: 'S1', quantity_in_stock: 1 } };
  const comestriBody = { json: { inventory: [] } };
  const marketplacerBody = { json: { data: { type: 'inventories', attributes: { quantity: 1 } } } };
  const cases: CredentialCase[] = [
    ...(
      [
        ['none', null],
        ['wrong', `Bearer tly_${unique('wrong')}aaaaaaaaaaaaaaaaaaaaaaaa`],
        ['malformed', 'Bearer'],
        ['malformed', 'Basic !!!'],
        ['revoked', `Bearer ${created.body.secret}`],
      ] as const
    ).map(([kind, header]) => ({
      dialect: 'canonical',
      kind,
      inDialect: problem,
      call: () => anonymous('GET', '/api/v1/stock-levels', { headers: auth(header) }),
    })),
    ...(
      [
        ['none', null],
        ['wrong', `Bearer ${unique('wrong')}`],
        ['malformed', 'Bearer \u00e9'],
        ['malformed', 'Token abc'],
        ['expired', `Bearer ${expiredKibo}`],
        ['revoked', `Bearer ${revokedKibo}`],
        ['rotated', `Bearer ${rotatedKibo}`],
      ] as const
    ).map(([kind, header]) => ({
      dialect: 'kibo',
      kind,
      inDialect: kibo,
      call: () => anonymous('POST', KIBO_REFRESH, { ...kiboBody, headers: auth(header) }),
    })),
    ...(
      [
        ['none', null],
        ['wrong', `Token ${unique('wrong')}`],
        ['malformed', `Bearer ${expiredCrux}`],
        ['expired', `Token ${expiredCrux}`],
        ['revoked', `Token ${revokedCrux}`],
        ['rotated', `Token ${rotatedCrux}`],
      ] as const
    ).map(([kind, header]) => ({ dialect: 'crux', kind, inDialect: crux, call: () => anonymous('POST', CRUX_UPDATE, { ...cruxBody, headers: auth(header) }) })),
    ...(
      [
        ['none', null],
        ['wrong', `Token token=${unique('wrong')},email=ops@example.com`],
        ['malformed', 'Token'],
        ['revoked', `Token token=${comestriRevoked.credentials.token},email=ops@example.com`],
        ['rotated', `Token token=${comestriRotated.credentials.token},email=ops@example.com`],
      ] as const
    ).map(([kind, header]) => ({
      dialect: 'comestri',
      kind,
      inDialect: comestri,
      call: () => anonymous('POST', COMESTRI, { ...comestriBody, headers: auth(header) }),
    })),
    ...(
      [
        ['none', null],
        ['wrong', `Bearer ${unique('wrong')}`],
        ['malformed', 'Basic dXNlcjpwYXNz'],
      ] as const
    ).map(([kind, header]) => ({
      dialect: 'marketplacer',
      kind,
      inDialect: marketplacer,
      call: () => anonymous('PUT', MARKETPLACER, { ...marketplacerBody, headers: auth(header) }),
    })),
    ...(
      [
        ['none', undefined],
        ['wrong', unique('wrong')],
        ['malformed', 12345],
      ] as const
    ).map(([kind, token]) => ({
      dialect: 'retailops',
      kind,
      inDialect: retailops,
      call: () =>
        anonymous('POST', RETAILOPS, { json: { integration_auth_token: token, action: 'inventory_push', version: 1, client_id: 1, inventory_updates: [] } }),
    })),
  ];
  cases.push(...(await genericCases(admin, anonymous, new Set(cases.map((c) => c.dialect)))));
  const violations: string[] = [];
  const figures = new Map<string, CredentialFigures>();
  for (const c of cases) {
    const answer = await c.call();
    const row = figures.get(c.dialect) ?? { dialect: c.dialect, cases: 0, answered401InDialect: 0, kinds: '' };
    row.cases++;
    if (!row.kinds.includes(c.kind)) row.kinds = row.kinds ? `${row.kinds},${c.kind}` : c.kind;
    if (answer.status === 401 && c.inDialect(answer)) row.answered401InDialect++;
    else violations.push(`${c.dialect} ${c.kind}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
    figures.set(c.dialect, row);
  }
  return { figures: [...figures.values()], violations };
}

/** A dialect as `GET /api/v1/dialects` describes it (the parts this check reads). */
interface DescribedDialect {
  readonly name: string;
  readonly errorShape: 'vendor' | 'problem';
  readonly routes: readonly { readonly method: string; readonly path: string }[];
}

/**
 * Cases for every dialect the server describes that has none of its own above (a dialect added
 * since): no credentials and a wrong bearer on each of its body routes must get 401, in the
 * vendor's shape (not a problem document) when the dialect has one.
 */
async function genericCases(admin: HttpClient, anonymous: HttpClient, covered: ReadonlySet<string>): Promise<CredentialCase[]> {
  const described = (await admin('GET', '/api/v1/dialects')).body.items as DescribedDialect[];
  return described
    .filter((d) => !covered.has(d.name))
    .flatMap((d) => {
      const inDialect = d.errorShape === 'vendor' ? (a: Answer) => !a.contentType.startsWith('application/problem+json') : problem;
      return d.routes
        .filter((route) => route.method !== 'GET' && !/\{\w+\}/.test(route.path))
        .flatMap((route) =>
          (
            [
              ['none', {}],
              ['wrong', { authorization: `Bearer ${unique('wrong')}` }],
            ] as const
          ).map(([kind, headers]) => ({ dialect: d.name, kind, inDialect, call: () => anonymous(route.method, route.path, { json: {}, headers }) })),
        );
    });
}

/** Moves the expiry of the access token stored for `token` into the past (the tokens table holds digests only). */
async function expireAccessTokens(deployment: Deployment, token: string): Promise<void> {
  // The newest token is the one just issued.
  const newest = 'SELECT token_digest FROM access_tokens ORDER BY expires_at DESC LIMIT 1';
  const past = '2000-01-01T00:00:00.000Z';
  if (deployment.kind === 'postgres') {
    const changed = await onPostgres(deployment, (pg) => pg.query(`UPDATE access_tokens SET expires_at = $1 WHERE token_digest = (${newest})`, [past]));
    if (changed.rowCount !== 1) throw new Error(`no access token stored for ${token.length}-character token`);
    return;
  }
  const db = new Database(sqliteFile(deployment));
  try {
    db.pragma('busy_timeout = 5000');
    const row = db.prepare(newest).get() as { token_digest: string } | undefined;
    if (!row) throw new Error(`no access token stored for ${token.length}-character token`);
    db.prepare('UPDATE access_tokens SET expires_at = ? WHERE token_digest = ?').run(past, row.token_digest);
  } finally {
    db.close();
  }
}

async function onPostgres<T>(deployment: Deployment, work: (pg: Client) => Promise<T>): Promise<T> {
  const pg = new Client({ connectionString: deployment.database.url });
  await pg.connect();
  try {
    return await work(pg);
  } finally {
    await pg.end();
  }
}

/** The file of a SQLite deployment. */
export function sqliteFile(deployment: Deployment): string {
  if (deployment.kind !== 'sqlite') throw new Error('a SQLite deployment is needed');
  return deployment.database.url.slice('sqlite:'.length);
}

/**
 * Every place in the database where one of `needles` appears in clear, as `table: needle…`: every
 * table of the SQLite file, or of every schema of the PostgreSQL database (pg-boss's included).
 */
export async function findInDatabase(deployment: Deployment, needles: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  const search = (table: string, row: unknown) => {
    const text = JSON.stringify(row);
    for (const needle of needles) if (text.includes(needle)) found.push(`${table}: ${needle.slice(0, 6)}…`);
  };
  if (deployment.kind === 'postgres') {
    await onPostgres(deployment, async (pg) => {
      const tables = await pg.query<{ schema: string; name: string }>(
        "SELECT table_schema AS schema, table_name AS name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')",
      );
      for (const { schema, name } of tables.rows) {
        for (const row of (await pg.query(`SELECT * FROM "${schema}"."${name}"`)).rows) search(`${schema}.${name}`, row);
      }
    });
    return found;
  }
  const db = new Database(sqliteFile(deployment), { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    for (const { name } of tables) for (const row of db.prepare(`SELECT * FROM "${name}"`).iterate()) search(name, row);
    return found;
  } finally {
    db.close();
  }
}

/** The rows a read-only SELECT answers, on either engine (no parameters: the text is the checker's own). */
export async function selectRows(deployment: Deployment, sql: string): Promise<Record<string, unknown>[]> {
  if (deployment.kind === 'postgres') return onPostgres(deployment, async (pg) => (await pg.query(sql)).rows);
  const db = new Database(sqliteFile(deployment), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

/** Sends `attempts` requests with a wrong API key; answers how many were refused before the first 429, or null. */
export async function attemptsUntilThrottled(baseUrl: string, attempts: number): Promise<{ firstThrottledAt: number | null; throttledAnswer: Answer | null }> {
  const anonymous = client(baseUrl, `tly_${unique('guess')}aaaaaaaaaaaaaaaaaaaa`);
  for (let i = 1; i <= attempts; i++) {
    const answer = await anonymous('GET', '/api/v1/stock-levels');
    if (answer.status === 429) return { firstThrottledAt: i, throttledAnswer: answer };
  }
  return { firstThrottledAt: null, throttledAnswer: null };
}

/** Which recorded secrets appear in which captured log. */
export function findInLogs(logs: Map<string, string>, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const [name, text] of logs) for (const secret of secrets) if (text.includes(secret)) found.push(`${name}: ${secret.slice(0, 6)}…`);
  return found;
}
