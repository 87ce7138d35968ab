import { client, kiboToken, waitForJobEnd, type Answer, type Client } from '@tally/test-support';
import { freshTenant, unique, type Deployment } from '../support/deployment.fixture';
import { recordSecret } from '../support/run-dir';

/** How much tenant A queues before tenant B's one-item adjust. */
export interface FairShareSize {
  /** Refreshes tenant A queues, each at a location of its own (so all of them are runnable at once). */
  readonly jobs: number;
  /** Items per refresh. */
  readonly items: number;
}

/** What check 13 measured. */
export interface FairShareFigures {
  aJobs: number;
  aItemsPerJob: number;
  /** A's jobs not yet started when B's adjust was accepted. */
  aQueuedAtB: number;
  /** A's jobs that started after B's adjust was accepted and before it started. */
  overtakes: number;
  /** B's adjust, accepted to started and to finished (ms, from the job's own times). */
  bStartWaitMs: number;
  bWaitMs: number;
  /** Answers of 500 or more, over every call the check made. */
  fiveXx: number;
}

interface JobStatus {
  id: number;
  status: string;
  added: string;
  started: string | null;
  finished: string | null;
}

/** A tenant's Kibo caller (bearer token of a new connection), counting 5xx answers in `seen`. */
async function kiboCaller(deployment: Deployment, admin: Client, seen: number[]): Promise<Client> {
  const created = await admin('POST', '/api/v1/connections', { json: { dialect: 'kibo', name: unique('fair-kibo'), settings: {} } });
  if (created.status !== 201) throw new Error(`creating a Kibo connection answered ${created.status}`);
  recordSecret(created.body.credentials.secret);
  const token = await kiboToken(deployment.servers[0].baseUrl, created.body.credentials.credentialId, created.body.credentials.secret);
  recordSecret(token);
  const call = client(deployment.servers[0].baseUrl, token);
  return async (...args: Parameters<Client>): Promise<Answer> => {
    const answer = await call(...args);
    seen.push(answer.status);
    return answer;
  };
}

/**
 * Check 13: tenant A queues `size.jobs` Kibo refreshes of `size.items` items, each at its own
 * location, then tenant B sends a one-item adjust. Fair scheduling gives B's job the next free
 * worker: none of A's jobs that were still waiting may start between B's adjust being accepted
 * and its start (one is tolerated: a claim decided while B's adjust was being stored). B's waits
 * are printed, not asserted (no timing assertions); the claim order is.
 */
export async function checkFairShares(deployment: Deployment, size: FairShareSize): Promise<{ figures: FairShareFigures; violations: string[] }> {
  const statuses: number[] = [];
  const adminA = deployment.admin();
  const kiboA = await kiboCaller(deployment, adminA, statuses);
  const b = await freshTenant(deployment);
  const kiboB = await kiboCaller(deployment, b.admin, statuses);
  const run = unique('FAIR');

  const aNumbers: number[] = [];
  for (let n = 0; n < size.jobs; n++) {
    const items = Array.from({ length: size.items }, (_, i) => ({ sku: `${run}-A${n}-${String(i).padStart(5, '0')}`, quantity: (i % 9) + 1 }));
    const answer = await kiboA('POST', '/kibo/api/v5/inventory/refresh', { json: { locationName: `${run}-A${n}`, items } });
    if (answer.status !== 200) throw new Error(`tenant A's refresh ${n} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
    aNumbers.push(answer.body.jobID);
  }
  const adjust = await kiboB('POST', '/kibo/api/v5/inventory/adjust', { json: { locationName: `${run}-B`, items: [{ sku: `${run}-B-1`, quantity: 1 }] } });
  if (adjust.status !== 200) throw new Error(`tenant B's adjust answered ${adjust.status}: ${JSON.stringify(adjust.body).slice(0, 300)}`);
  const bJob = (await waitForJobEnd(b.admin, adjust.body.jobID, 180_000)) as JobStatus;

  const listed = await adminA('GET', '/api/v1/jobs?limit=200');
  statuses.push(listed.status);
  const aJobs = (listed.body.items as JobStatus[]).filter((j) => aNumbers.includes(j.id));
  const added = Date.parse(bJob.added);
  const started = Date.parse(bJob.started ?? bJob.finished ?? bJob.added);
  const startOf = (j: JobStatus) => (j.started === null ? null : Date.parse(j.started));
  const aQueuedAtB = aJobs.filter((j) => startOf(j) === null || (startOf(j) as number) > added).length;
  const overtakes = aJobs.filter((j) => {
    const at = startOf(j);
    return at !== null && at > added && at < started;
  }).length;
  const figures: FairShareFigures = {
    aJobs: aJobs.length,
    aItemsPerJob: size.items,
    aQueuedAtB,
    overtakes,
    bStartWaitMs: started - added,
    bWaitMs: Date.parse(bJob.finished ?? bJob.added) - added,
    fiveXx: statuses.filter((s) => s >= 500).length,
  };
  const violations: string[] = [];
  if (aJobs.length !== size.jobs) violations.push(`tenant A lists ${aJobs.length} of its ${size.jobs} jobs`);
  if (bJob.status !== 'SUCCESS') violations.push(`tenant B's adjust ended ${bJob.status}`);
  if (overtakes > 1) violations.push(`tenant B's one-item adjust was overtaken by ${overtakes} of tenant A's ${aQueuedAtB} jobs queued before it`);
  if (figures.fiveXx > 0) violations.push(`${figures.fiveXx} answers were 5xx`);
  return { figures, violations };
}
