import { client } from '@tally/test-support';
import { freshTenant, inParallel, type Deployment } from '../support/deployment.fixture';
import { recordSecret } from '../support/run-dir';

/** What the session flood measured on one deployment. */
export interface SessionFloodFigures {
  /** API processes the sessions were spread over (sign-ins and checks alternate between them). */
  processes: number;
  /** Victim tenants, each with one console session signed in before the flood. */
  victims: number;
  /** Sign-ins of the attacker's read-only key, and how many were answered 200. */
  floodSignIns: number;
  floodAccepted: number;
  /** The attacker's sessions still alive afterwards (the key's cap keeps only its newest). */
  floodAlive: number;
  /** Whether no survivor is older than `maxPerKey` sign-ins that were certainly newer than it. */
  newestSurvive: boolean;
  /** Victim sessions, and the attacker tenant's own other-key session, signed out by the flood (checked on every process). */
  victimsSignedOut: number;
  siblingSignedOut: number;
}

const CONCURRENCY = 8;
/** Two sign-ins this close may carry the same creation time, and then either may count as the newer. */
const SAME_MOMENT_MS = 2;

interface SignIn {
  status: number;
  cookie: string;
  /** When the request was sent and its answer arrived, on this machine's clock (the server's too). */
  sentAt: number;
  answeredAt: number;
}

/**
 * One tenant's read-only key signs in `floodSignIns` times, 8 at a time over every process of the
 * deployment, while other tenants' console sessions (and the attacker tenant's admin session)
 * were signed in before. Afterwards every victim session must still work on every process, and
 * the flooding key must hold no more than its cap of sessions, its newest.
 */
export async function checkSessionFlood(
  deployment: Deployment,
  options: { floodSignIns: number; victims: number; maxPerKey: number },
): Promise<{ figures: SessionFloodFigures; violations: string[] }> {
  const servers = deployment.servers.map((s) => s.baseUrl);
  const signIn = async (n: number, apiKey: string): Promise<SignIn> => {
    const sentAt = Date.now();
    const response = await fetch(`${servers[n % servers.length]}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiKey }),
    });
    await response.text();
    return { status: response.status, cookie: (response.headers.get('set-cookie') ?? '').split(';')[0], sentAt, answeredAt: Date.now() };
  };
  /** Whether the cookie still authenticates a read on every process. */
  const alive = async (cookie: string): Promise<boolean> => {
    const statuses = await Promise.all(servers.map(async (url) => (await client(url, null)('GET', '/api/v1/items', { headers: { cookie } })).status));
    return statuses.every((status) => status === 200);
  };

  const victimCookies: string[] = [];
  for (let i = 0; i < options.victims; i++) {
    const victim = await freshTenant(deployment);
    victimCookies.push((await signIn(i, victim.adminKey)).cookie);
  }
  const attacker = await freshTenant(deployment);
  const sibling = (await signIn(0, attacker.adminKey)).cookie;
  const created = await attacker.admin('POST', '/api/v1/api-keys', { json: { name: 'flooder', role: 'read_only' } });
  const viewerKey = created.body.secret as string;
  recordSecret(viewerKey);

  const flood: SignIn[] = new Array(options.floodSignIns);
  await inParallel(
    Array.from({ length: options.floodSignIns }, (_, i) => i),
    CONCURRENCY,
    async (i) => {
      flood[i] = await signIn(i, viewerKey);
    },
  );
  const floodAlive: boolean[] = [];
  await inParallel(flood, CONCURRENCY, async (answer, i) => {
    floodAlive[i] = answer.status === 200 && (await alive(answer.cookie));
  });
  // Concurrent sign-ins are stamped in any order, so start order proves nothing (one slow request
  // may be stamped after many later ones). A sign-in sent after another was answered is certainly
  // newer (the margin covers two stamped within the same millisecond): a survivor with
  // `maxPerKey` certainly newer sign-ins should have been evicted.
  const certainlyNewer = (older: SignIn) => flood.filter((other) => other.status === 200 && other.sentAt > older.answeredAt + SAME_MOMENT_MS).length;
  const oldSurvivors = flood.filter((answer, i) => floodAlive[i] && certainlyNewer(answer) >= options.maxPerKey).length;
  const victimsSignedOut = (await Promise.all(victimCookies.map(alive))).filter((ok) => !ok).length;
  const siblingSignedOut = (await alive(sibling)) ? 0 : 1;
  const figures: SessionFloodFigures = {
    processes: servers.length,
    victims: options.victims,
    floodSignIns: options.floodSignIns,
    floodAccepted: flood.filter((a) => a.status === 200).length,
    floodAlive: floodAlive.filter(Boolean).length,
    newestSurvive: oldSurvivors === 0,
    victimsSignedOut,
    siblingSignedOut,
  };
  const violations: string[] = [];
  if (victimsSignedOut) violations.push(`${victimsSignedOut} of ${options.victims} other tenants' sessions were signed out by the flood`);
  if (siblingSignedOut) violations.push("the attacker tenant's session of another key was signed out by the flood");
  if (figures.floodAccepted !== options.floodSignIns) violations.push(`${options.floodSignIns - figures.floodAccepted} flood sign-ins were refused`);
  if (figures.floodAlive > options.maxPerKey)
    violations.push(`the flooding key holds ${figures.floodAlive} live sessions, over its cap of ${options.maxPerKey}`);
  if (!figures.newestSurvive)
    violations.push(`${oldSurvivors} flood sessions survived although ${options.maxPerKey} or more certainly newer sign-ins followed them`);
  return { figures, violations };
}
