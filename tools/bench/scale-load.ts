/**
 * The mixed load of `npm run bench:scale`, all at once against one URL (the balancer) for a
 * step's seconds: canonical sets, Crux pushes and console reads, each kind by its own clients
 * (the request streams of writes-routes.ts, rotating over the tenants), and Kibo refresh jobs
 * submitted by a few submitters, each keeping one job of its own location in flight.
 */
import { client } from '@tally/test-support';
import { driveStream, type StreamRequest, type WritesLoad } from './writes-load';
import { skuOf, type WriteRoute, type WritesFixture } from './writes-routes';

/** One tenant of the run: its credentials, item ids, and its own request streams. */
export interface ScaleTenant {
  readonly fixture: WritesFixture;
  readonly kiboToken: string;
  readonly itemIds: readonly string[];
  readonly set: WriteRoute;
  readonly crux: WriteRoute;
}

/** The HTTP kinds of the mix, in the order they are reported. */
export const HTTP_KINDS = ['canonical set', 'Crux push', 'console read'] as const;
/** One of {@link HTTP_KINDS}. */
export type HttpKind = (typeof HTTP_KINDS)[number];
/** Clients of each HTTP kind. */
export type KindClients = Readonly<Record<HttpKind, number>>;

/** A Kibo job the load submitted and the server acknowledged. */
export interface SubmittedJob {
  readonly id: number;
  readonly token: string;
  readonly items: number;
}

/** What the Kibo submitters did in a step. */
export interface KiboLoad {
  /** Every acknowledged job: each must end in SUCCESS and leave `items` ledger entries. */
  readonly acknowledged: readonly SubmittedJob[];
  /** Items of the jobs seen in SUCCESS before the step ended. */
  readonly itemsFinished: number;
  readonly jobsFinished: number;
  /** Jobs still running when the step ended: waited for afterwards, not counted in the step. */
  readonly unfinished: readonly SubmittedJob[];
}

/** A step's load: each HTTP kind's figures and the Kibo submitters'. */
export interface MixedLoad {
  readonly kinds: Readonly<Record<HttpKind, WritesLoad>>;
  readonly kibo: KiboLoad;
  readonly seconds: number;
}

/** The Kibo submitters' state across steps: each slot's next round, so every job changes every level it names. */
export class KiboSlots {
  private readonly rounds: number[];
  constructor(
    readonly count: number,
    readonly itemsPerJob: number,
  ) {
    this.rounds = Array.from({ length: count }, () => 0);
  }
  /** The next job body of a slot: its own location, its items, the slot's next round as the quantity. */
  next(slot: number): string {
    const round = ++this.rounds[slot];
    const items = Array.from({ length: this.itemsPerJob }, (_, n) => ({ sku: skuOf(n), quantity: round }));
    return JSON.stringify({ locationName: `KIBO-${slot}`, items });
  }
}

const POLL_MS = 100;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The status of a Kibo job, through the Kibo route its client would poll. */
export async function kiboStatus(url: string, job: SubmittedJob): Promise<string> {
  const answer = await client(url, job.token)('GET', `/kibo/inv/api/v1/queue/${job.id}`);
  if (answer.status !== 200) throw new Error(`Kibo job ${job.id} status answered ${answer.status}`);
  if (answer.body.status === 'FAILED') throw new Error(`Kibo job ${job.id} failed: ${JSON.stringify(answer.body.messages).slice(0, 300)}`);
  return answer.body.status as string;
}

/** Waits until every job is SUCCESS (throws on FAILED or after `limitMs`). */
export async function waitForJobs(url: string, jobs: readonly SubmittedJob[], limitMs = 300_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  for (const job of jobs) {
    while ((await kiboStatus(url, job)) !== 'SUCCESS') {
      if (Date.now() > deadline) throw new Error(`Kibo job ${job.id} unfinished after ${limitMs} ms`);
      await pause(POLL_MS);
    }
  }
}

/** One submitter: submit, poll until SUCCESS, again, until `until`; the job in flight then is left running. */
async function submitter(url: string, tenant: ScaleTenant, slots: KiboSlots, slot: number, until: number): Promise<KiboLoad> {
  const acknowledged: SubmittedJob[] = [];
  let itemsFinished = 0;
  let jobsFinished = 0;
  let running: SubmittedJob | null = null;
  while (Date.now() < until) {
    if (!running) {
      const answer = await client(url, tenant.kiboToken)('POST', '/kibo/api/v5/inventory/refresh', {
        raw: slots.next(slot),
        headers: { 'content-type': 'application/json' },
      });
      if (answer.status !== 200) throw new Error(`Kibo refresh answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
      running = { id: Number(answer.body.jobID), token: tenant.kiboToken, items: slots.itemsPerJob };
      acknowledged.push(running);
    }
    await pause(POLL_MS);
    if ((await kiboStatus(url, running)) === 'SUCCESS' && Date.now() < until) {
      itemsFinished += running.items;
      jobsFinished += 1;
      running = null;
    }
  }
  return { acknowledged, itemsFinished, jobsFinished, unfinished: running ? [running] : [] };
}

/** A request stream over the tenants in turn, each tenant's requests from its own stream. */
function rotating(tenants: readonly ScaleTenant[], request: (tenant: ScaleTenant, turn: number) => StreamRequest): () => StreamRequest {
  let turn = 0;
  return () => {
    const t = turn++;
    return request(tenants[t % tenants.length], Math.floor(t / tenants.length));
  };
}

/** The console's item page: an item with its identifiers, levels, observations and availability. */
const itemRead = (tenant: ScaleTenant, turn: number): StreamRequest => ({
  method: 'GET',
  path: `/api/v1/items/${tenant.itemIds[(turn * 7919) % tenant.itemIds.length]}`,
  headers: { authorization: `Bearer ${tenant.fixture.adminKey}` },
});

/** Runs the whole mix for `seconds` (no Kibo submitters when `slots` is null: a warm-up). */
export async function driveMixed(
  url: string,
  tenants: readonly ScaleTenant[],
  clients: KindClients,
  seconds: number,
  slots: KiboSlots | null,
): Promise<MixedLoad> {
  const started = Date.now();
  const streams: Record<HttpKind, () => StreamRequest> = {
    'canonical set': rotating(tenants, (t) => t.set.next(t.fixture)),
    'Crux push': rotating(tenants, (t) => t.crux.next(t.fixture)),
    'console read': rotating(tenants, itemRead),
  };
  const http = Promise.all(HTTP_KINDS.map((kind) => (clients[kind] > 0 ? driveStream([url], clients[kind], seconds, streams[kind]) : Promise.resolve(null))));
  const until = started + seconds * 1000;
  const kibo = Promise.all(Array.from({ length: slots?.count ?? 0 }, (_, s) => submitter(url, tenants[s % tenants.length], slots as KiboSlots, s, until)));
  // The step lasts its seconds even with nothing to drive: a run of idle processes measures what they cost idle.
  const [loads, submitters] = await Promise.all([http, kibo, pause(seconds * 1000)]);
  const idle: WritesLoad = { requestsPerSecond: 0, p50: 0, p99: 0, ok: 0, notOk: 0, errors: 0, seconds };
  return {
    kinds: Object.fromEntries(HTTP_KINDS.map((kind, i) => [kind, loads[i] ?? idle])) as Record<HttpKind, WritesLoad>,
    kibo: {
      acknowledged: submitters.flatMap((s) => s.acknowledged),
      itemsFinished: submitters.reduce((sum, s) => sum + s.itemsFinished, 0),
      jobsFinished: submitters.reduce((sum, s) => sum + s.jobsFinished, 0),
      unfinished: submitters.flatMap((s) => s.unfinished),
    },
    seconds: (Date.now() - started) / 1000,
  };
}
