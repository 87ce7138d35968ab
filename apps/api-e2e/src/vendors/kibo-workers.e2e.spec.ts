import { client } from '@tally/test-support';
import { Fleet } from '../support/server-fleet';
import { freshTenant } from '../support/tenant.fixtures';
import { deliveredByPgBoss, items, kiboClient, ledgerCount, levelBySku, waitForJob } from './kibo.e2e-helpers';

const REFRESH = '/kibo/api/v5/inventory/refresh';

describe.each([['sqlite'], ['postgres']] as const)('Kibo job processes on %s', (kind) => {
  let fleet: Fleet;
  beforeEach(() => (fleet = new Fleet()));
  afterEach(() => fleet.release());

  it('refuses a token once it has expired', async () => {
    const server = await fleet.server(await fleet.database(kind), { KIBO_TOKEN_TTL_SECONDS: '1' });
    const { admin } = await freshTenant(fleet.target(server, kind));
    const kibo = await kiboClient(server.baseUrl, admin);
    const fresh = await kibo.call('POST', REFRESH, { json: { locationName: '1', items: [{ sku: 'T1', quantity: 1 }] } });
    expect(fresh.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const expired = await kibo.call('POST', REFRESH, { json: { locationName: '1', items: [{ sku: 'T1', quantity: 2 }] } });
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ status: 401, error: 'Unauthorized' });
    expect((await kibo.call('GET', `/kibo/inv/api/v1/queue/${fresh.body.jobID}`)).status).toBe(401);
    const job = await client(server.baseUrl, null);
    expect((await job('GET', `/api/v1/jobs/${fresh.body.jobID}`)).status).toBe(401);
  }, 120_000);

  it('resumes a job whose worker was killed with SIGKILL and applies every item exactly once', async () => {
    const database = await fleet.database(kind);
    // Small chunks with a pause between them keep the job running long enough to be killed mid-way.
    const env = { JOBS_CHUNK_SIZE: '100', JOBS_CHUNK_PAUSE_MS: '50', JOBS_LEASE_SECONDS: '2', JOBS_CONCURRENCY: '1' };
    const first = await fleet.server(database, env);
    const { admin: firstAdmin, adminKey } = await freshTenant(fleet.target(first, kind));
    const kibo = await kiboClient(first.baseUrl, firstAdmin);
    const submitted = await kibo.call('POST', REFRESH, { json: { locationName: 'crash', items: items('K', 12_000, (n) => (n % 7) + 1) } });
    expect(submitted.status).toBe(200);
    const jobId: number = submitted.body.jobID;
    let seen: Record<string, unknown> = {};
    for (;;) {
      seen = (await firstAdmin('GET', `/api/v1/jobs/${jobId}`)).body;
      if (seen['status'] !== 'PENDING' && Number(seen['processed']) >= 300) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    process.kill(first.pid, 'SIGKILL');
    await first.stop();
    expect(seen['status']).toBe('WORKING');
    expect(Number(seen['processed'])).toBeLessThan(12_000);

    const second = await fleet.server(database, { ...env, JOBS_CHUNK_PAUSE_MS: '0' });
    const admin = client(second.baseUrl, adminKey);
    const resumed = client(second.baseUrl, kibo.token);
    const job = await waitForJob(resumed, jobId);
    expect(job).toMatchObject({ status: 'SUCCESS', itemCount: 12_000, processedCount: 12_000, messages: [] });
    expect(await ledgerCount(admin)).toBe(12_000);
    for (const n of [0, 299, 6000, 11_999]) {
      expect((await levelBySku(admin, `K-${String(n).padStart(5, '0')}`, 'crash')).figures.onHand).toBe((n % 7) + 1);
    }
    if (kind === 'postgres') expect(await deliveredByPgBoss(database.url, [jobId])).toEqual(new Set([jobId]));
  }, 300_000);

  if (kind === 'postgres') {
    it('shares one queue between two worker processes, in order per location, each item applied once', async () => {
      const database = await fleet.database(kind);
      const env = { JOBS_CHUNK_SIZE: '500' };
      const a = await fleet.server(database, env);
      const b = await fleet.server(database, env);
      const { admin } = await freshTenant(fleet.target(a, kind));
      const kiboA = await kiboClient(a.baseUrl, admin);
      const kiboB = client(b.baseUrl, kiboA.token);
      const jobs: { id: number; location: string; round: number }[] = [];
      for (let round = 1; round <= 3; round++) {
        for (let l = 0; l < 4; l++) {
          const call = (round + l) % 2 === 0 ? kiboA.call : kiboB;
          const answer = await call('POST', REFRESH, { json: { locationName: `loc-${l}`, items: items(`P${l}`, 1500, () => round) } });
          expect(answer.status).toBe(200);
          jobs.push({ id: answer.body.jobID, location: `loc-${l}`, round });
        }
      }
      const done = new Map<number, Record<string, any>>(); // eslint-disable-line @typescript-eslint/no-explicit-any
      for (const job of jobs) done.set(job.id, await waitForJob(job.id % 2 ? kiboA.call : kiboB, job.id));
      for (const job of jobs) expect(done.get(job.id)).toMatchObject({ status: 'SUCCESS', processedCount: 1500, messages: [] });
      for (let l = 0; l < 4; l++) {
        const ofLocation = jobs.filter((j) => j.location === `loc-${l}`).map((j) => done.get(j.id) as Record<string, string>);
        for (let i = 1; i < ofLocation.length; i++) expect(ofLocation[i - 1]['finished'] <= ofLocation[i]['started']).toBe(true);
        expect((await levelBySku(admin, `P${l}-00042`, `loc-${l}`)).figures.onHand).toBe(3);
      }
      // Three rounds of 1,500 items at 4 locations, each changing every level once per round.
      expect(await ledgerCount(admin)).toBe(3 * 4 * 1500);
      expect(
        await deliveredByPgBoss(
          database.url,
          jobs.map((j) => j.id),
        ),
      ).toEqual(new Set(jobs.map((j) => j.id)));
    }, 300_000);

    it('stops on SIGTERM after the chunk in flight, exits on its own, and another process finishes the job', async () => {
      const database = await fleet.database(kind);
      const env = { JOBS_CHUNK_SIZE: '100', JOBS_CHUNK_PAUSE_MS: '50', JOBS_LEASE_SECONDS: '2', JOBS_CONCURRENCY: '1' };
      const first = await fleet.server(database, env);
      const { admin: firstAdmin, adminKey } = await freshTenant(fleet.target(first, kind));
      const kibo = await kiboClient(first.baseUrl, firstAdmin);
      const submitted = await kibo.call('POST', REFRESH, { json: { locationName: 'term', items: items('S', 6000, (n) => (n % 5) + 1) } });
      const jobId: number = submitted.body.jobID;
      for (;;) {
        const seen = (await firstAdmin('GET', `/api/v1/jobs/${jobId}`)).body;
        if (seen['status'] === 'WORKING' && Number(seen['processed']) >= 300) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      // SIGTERM; the helper sends SIGKILL only if the process is still there 10 s later.
      expect(await first.stop()).toEqual({ code: null, signal: 'SIGTERM' });
      expect(first.errors()).not.toMatch(/error|unhandled/i);

      const second = await fleet.server(database, { ...env, JOBS_CHUNK_PAUSE_MS: '0' });
      const admin = client(second.baseUrl, adminKey);
      const left = (await admin('GET', `/api/v1/jobs/${jobId}`)).body;
      expect(Number(left['processed']) % 100).toBe(0); // whole chunks only
      const job = await waitForJob(client(second.baseUrl, kibo.token), jobId);
      expect(job).toMatchObject({ status: 'SUCCESS', itemCount: 6000, processedCount: 6000, messages: [] });
      expect(await ledgerCount(admin)).toBe(6000);
    }, 300_000);
  }
});
