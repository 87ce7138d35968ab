import { randomBytes } from 'node:crypto';
import { client, createTenant, type RunningServer } from '@tally/test-support';
import { Fleet } from './support/server-fleet';

const LIMIT = 20;
/** Probes per process at most: with its own half of the failures it stays under the limit alone. */
const PROBES = LIMIT / 2 - 1;
/** Between probes: longer than a batch write and a pull, so the probes span several of each. */
const PROBE_PAUSE_MS = 600;
const THROTTLED = { AUTH_FAILURE_LIMIT: String(LIMIT), AUTH_FAILURE_WINDOW_SECONDS: '120' };

/** A key of the generated shape that no tenant holds: its public id names it in every process alike. */
const wrongKey = (): string => `tly_${randomBytes(9).toString('base64url')}_${randomBytes(24).toString('base64url')}`;

interface Outcome {
  /** Per process: the statuses of its probes, up to its first 429. */
  readonly probes: number[][];
  /** Per process: the status of a valid key from the same address afterwards. */
  readonly valid: number[];
}

/**
 * Sends LIMIT distinct wrong keys from one address, alternately to the two processes (each sees
 * half of the limit), then probes each process with a key that failed only at the other one, a
 * few times apart, until it is refused. An address over the limit refuses the credentials that
 * failed from it (ADR 0043), so a probe is refused only where the other process's failures are
 * counted too; per process, the probes never reach the limit.
 */
async function sprayAcrossTwo(fleet: Fleet, servers: readonly RunningServer[]): Promise<Outcome> {
  const tenant = await createTenant(client(servers[0].baseUrl, fleet.adminKey));
  const keys = Array.from({ length: LIMIT }, wrongKey);
  for (const [n, key] of keys.entries()) {
    expect((await client(servers[n % 2].baseUrl, key)('GET', '/api/v1/connections')).status).toBe(401);
  }
  const probes: number[][] = [[], []];
  for (let round = 0; round < PROBES && probes.some((statuses) => statuses.at(-1) !== 429); round++) {
    await new Promise((resolve) => setTimeout(resolve, PROBE_PAUSE_MS));
    for (const side of [0, 1]) {
      if (probes[side].at(-1) === 429) continue;
      // keys[1] failed at the second process only, keys[0] at the first only.
      const answer = await client(servers[side].baseUrl, keys[1 - side])('GET', '/api/v1/connections');
      probes[side].push(answer.status);
      if (answer.status === 429) expect(answer.body.code).toBe('AUTH.TOO_MANY_FAILURES');
    }
  }
  const valid = await Promise.all(servers.map(async (server) => (await client(server.baseUrl, tenant.adminKey)('GET', '/api/v1/connections')).status));
  return { probes, valid };
}

describe('the failed-authentication throttle across API processes on PostgreSQL (ADR 0057)', () => {
  let fleet: Fleet;
  beforeEach(() => (fleet = new Fleet()));
  afterEach(() => fleet.release());

  it('refuses at both processes once their failures together reach the limit, and still accepts a valid key from the address', async () => {
    const database = await fleet.database('postgres');
    const servers = await Promise.all([fleet.server(database, THROTTLED), fleet.server(database, THROTTLED)]);
    const outcome = await sprayAcrossTwo(fleet, servers);
    // Each process is refused a key that failed only at the other one.
    expect(outcome.probes.map((statuses) => statuses.at(-1))).toEqual([429, 429]);
    expect(outcome.probes.flat().filter((status) => status !== 401 && status !== 429)).toEqual([]);
    expect(outcome.valid).toEqual([200, 200]);
    // The trip is logged where the limit was completed.
    expect(servers.some((server) => server.output().includes('failed-authentication throttle tripped: client 127.0.0.1'))).toBe(true);
  }, 120_000);

  it('control: processes that keep their failures to themselves never refuse (unshared-auth-failures)', async () => {
    const database = await fleet.database('postgres');
    const unshared = { ...THROTTLED, NODE_ENV: 'test', TALLY_UNSAFE_TEST_MODE: 'unshared-auth-failures' };
    const servers = await Promise.all([fleet.server(database, unshared), fleet.server(database, unshared)]);
    const outcome = await sprayAcrossTwo(fleet, servers);
    expect(outcome.probes).toEqual([Array(PROBES).fill(401), Array(PROBES).fill(401)]);
    expect(outcome.valid).toEqual([200, 200]);
  }, 120_000);
});
