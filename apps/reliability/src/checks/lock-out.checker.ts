import { randomBytes } from 'node:crypto';
import { basicAuthorization, bearer, client, peerClient, type Answer, type Client } from '@tally/test-support';
import { unique, type Deployment } from '../support/deployment.fixture';
import { recordSecret } from '../support/run-dir';

/** The addresses of the matrix: the proxy's clients are named in X-Forwarded-For. */
const SHARED = '203.0.113.66';
const ELSEWHERE = '198.51.100.23';
const OWNER = '192.0.2.200';
/** A peer that is not a trusted proxy: another address of the loopback range. */
const UNTRUSTED_PEER = '127.0.0.2';
const STOCK = '/api/v1/stock-levels';
const CRUX_LOGIN = '/crux/timp/organizations/user-login/';
const TRIP = 'failed-authentication throttle tripped';

/** What the lock-out matrix measured on one deployment. */
export interface LockOutFigures {
  limit: number;
  /** Fresh wrong keys sent from the shared address, and how many of them were checked (401). */
  guessesFromShared: number;
  guessesChecked: number;
  /** Wrong keys sent again from the shared address once it was over the limit, and how many were refused (429). */
  repeatsRefused: string;
  /** Calls of valid credentials (keys, sign-in, vendor logins, a Kibo write) from the shared address after it tripped, and how many were refused. */
  innocentCalls: number;
  innocentRefused: number;
  /** /health from the shared address, and how many answered 429. */
  healthCalls: number;
  health429: number;
  /** One Crux connection's password guessed from a new address each time: guesses checked before it was refused. */
  rotatingGuesses: number;
  rotatingChecked: number;
  /** The owner's right password, from an address of its own, while the credential is under attack (429 by design, docs/security.md). */
  ownerWhileUnderAttack: number;
  /** X-Forwarded-For addresses an untrusted peer claimed that the server believed (logged as a client). */
  spoofedBelieved: number;
  tripLogLines: number;
}

/**
 * Check 10: the failed-authentication throttle behind a trusted proxy (the deployment must run
 * with TRUST_PROXY=127.0.0.1 and AUTH_FAILURE_LIMIT=`limit`). An attacker shares an address with
 * innocent clients; the innocent clients' valid credentials, the console sign-in, the vendor
 * logins and /health must keep working; guessing one credential from rotating addresses must be
 * stopped at the limit; an untrusted peer's X-Forwarded-For must not be believed; each trip logged.
 */
export async function checkLockOut(deployment: Deployment, limit: number): Promise<{ figures: LockOutFigures; violations: string[] }> {
  const server = deployment.servers[0];
  const proxy = client(server.baseUrl, null);
  const from = (address: string, headers: Record<string, string> = {}) => ({ headers: { 'x-forwarded-for': address, ...headers } });
  const violations: string[] = [];
  const fixtures = await setUp(deployment.admin());

  // The attacker: fresh wrong keys from the shared address, then its last ones again.
  const guesses = Array.from({ length: 3 * limit }, wrongKey);
  let guessesChecked = 0;
  for (const guess of guesses) if ((await proxy('GET', STOCK, from(SHARED, bearer(guess)))).status === 401) guessesChecked++;
  let repeatsRefused = 0;
  for (const guess of guesses.slice(-limit)) if ((await proxy('GET', STOCK, from(SHARED, bearer(guess)))).status === 429) repeatsRefused++;
  if (repeatsRefused !== limit) violations.push(`${limit - repeatsRefused} of the last ${limit} wrong keys were checked again from the over-limit address`);

  // Its neighbours behind the same address, with valid credentials.
  const innocent: [string, () => Promise<Answer>][] = [
    ['admin key', () => proxy('GET', STOCK, from(SHARED, bearer(deployment.adminKey)))],
    ['generated key', () => proxy('GET', STOCK, from(SHARED, bearer(fixtures.generatedKey)))],
    ['console sign-in', () => proxy('POST', '/api/v1/session', { json: { apiKey: deployment.adminKey }, ...from(SHARED) })],
    ['Crux login', () => proxy('POST', CRUX_LOGIN, { json: fixtures.neighbour, ...from(SHARED) })],
    ['Kibo token', () => kiboToken(proxy, fixtures.kibo, from(SHARED))],
    ['Kibo refresh', async () => kiboRefresh(proxy, await kiboToken(proxy, fixtures.kibo, from(SHARED)), from(SHARED))],
    ['key from elsewhere', () => proxy('GET', STOCK, from(ELSEWHERE, bearer(deployment.adminKey)))],
  ];
  let innocentRefused = 0;
  for (const [what, call] of innocent) {
    const answer = await call();
    if (answer.status === 429) innocentRefused++;
    if (answer.status !== 200) violations.push(`${what} from the over-limit address answered ${answer.status}`);
  }
  const healthCalls = 10;
  let health429 = 0;
  for (let i = 0; i < healthCalls; i++) if ((await proxy('GET', '/health', from(SHARED, bearer(guesses[guesses.length - 1])))).status === 429) health429++;
  if (health429) violations.push(`/health answered 429 ${health429} times`);

  // One connection's password guessed from a new address each time: stopped at the limit all the same.
  const rotatingGuesses = 2 * limit;
  let rotatingChecked = 0;
  for (let i = 0; i < rotatingGuesses; i++) {
    const answer = await proxy('POST', CRUX_LOGIN, {
      json: { username: fixtures.target.username, password: `guess-${i}` },
      ...from(`198.18.${i >> 8}.${i & 255}`),
    });
    if (answer.status === 401) rotatingChecked++;
  }
  if (rotatingChecked > limit) violations.push(`${rotatingChecked} guesses of one credential from rotating addresses were checked (limit ${limit})`);
  const ownerWhileUnderAttack = (await proxy('POST', CRUX_LOGIN, { json: fixtures.target, ...from(OWNER) })).status;

  // An untrusted peer claiming other addresses: its failures are its own.
  const peer = peerClient(server.baseUrl, null, UNTRUSTED_PEER);
  const peerGuesses = Array.from({ length: limit }, wrongKey);
  for (const [i, guess] of peerGuesses.entries()) await peer('GET', STOCK, from(`100.64.0.${i}`, bearer(guess)));
  if ((await peer('GET', STOCK, from('100.64.1.1', bearer(peerGuesses[limit - 1])))).status !== 429) {
    violations.push('a wrong key repeated by an untrusted peer under another X-Forwarded-For was checked again');
  }

  const expected = [`client ${SHARED} had`, `crux credential ${fixtures.target.username} had`, `client ${UNTRUSTED_PEER} had`];
  const log = await logHolding(server.transcript, expected);
  const spoofedBelieved = (log.match(/tripped: client 100\.64\./g) ?? []).length;
  if (spoofedBelieved) violations.push(`the server believed ${spoofedBelieved} addresses an untrusted peer claimed`);
  for (const line of expected) if (!log.includes(`${TRIP}: ${line}`)) violations.push(`no log line "${TRIP}: ${line} …"`);
  return {
    figures: {
      limit,
      guessesFromShared: guesses.length,
      guessesChecked,
      repeatsRefused: `${repeatsRefused}/${limit}`,
      innocentCalls: innocent.length,
      innocentRefused,
      healthCalls,
      health429,
      rotatingGuesses,
      rotatingChecked,
      ownerWhileUnderAttack,
      spoofedBelieved,
      tripLogLines: (log.match(new RegExp(TRIP, 'g')) ?? []).length,
    },
    violations,
  };
}

interface Fixtures {
  generatedKey: string;
  target: { username: string; password: string };
  neighbour: { username: string; password: string };
  kibo: { credentialId: string; secret: string };
}

/** The credentials of the innocent clients and of the connection under attack, made through the proxy's own address. */
async function setUp(admin: Client): Promise<Fixtures> {
  const connection = async (dialect: string, settings: Record<string, unknown> = {}) => {
    const answer = await admin('POST', '/api/v1/connections', { json: { dialect, name: unique(dialect), settings } });
    if (answer.status !== 201) throw new Error(`${dialect} connection answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    recordSecret(answer.body.credentials.secret);
    return { username: answer.body.credentials.credentialId as string, password: answer.body.credentials.secret as string };
  };
  const key = await admin('POST', '/api/v1/api-keys', { json: { name: unique('innocent'), role: 'read_only' } });
  if (key.status !== 201) throw new Error(`key creation answered ${key.status}`);
  recordSecret(key.body.secret);
  const kibo = await connection('kibo');
  return {
    generatedKey: key.body.secret,
    target: await connection('crux', { defaultLocationCode: unique('T') }),
    neighbour: await connection('crux', { defaultLocationCode: unique('N') }),
    kibo: { credentialId: kibo.username, secret: kibo.password },
  };
}

const wrongKey = (): string => `tly_${randomBytes(9).toString('base64url')}_${randomBytes(24).toString('base64url')}`;

async function kiboToken(proxy: Client, kibo: Fixtures['kibo'], via: { headers: Record<string, string> }): Promise<Answer> {
  const answer = await proxy('POST', '/kibo/oauthserver/oauth2/token', {
    raw: 'grant_type=client_credentials',
    headers: { ...via.headers, authorization: basicAuthorization(kibo.credentialId, kibo.secret), 'content-type': 'application/x-www-form-urlencoded' },
  });
  if (answer.status === 200) recordSecret(answer.body.access_token);
  return answer;
}

function kiboRefresh(proxy: Client, token: Answer, via: { headers: Record<string, string> }): Promise<Answer> | Answer {
  if (token.status !== 200) return token;
  return proxy('POST', '/kibo/api/v5/inventory/refresh', {
    json: { locationName: unique('K'), items: [{ sku: unique('S'), quantity: 1 }] },
    headers: { ...via.headers, authorization: `Bearer ${token.body.access_token}` },
  });
}

/** The server's log once it holds every expected trip line, or after 10 s: a failure is counted after its answer went out. */
async function logHolding(transcript: () => string, expected: readonly string[]): Promise<string> {
  for (let waited = 0; waited < 10_000 && !expected.every((line) => transcript().includes(`${TRIP}: ${line}`)); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return transcript();
}
