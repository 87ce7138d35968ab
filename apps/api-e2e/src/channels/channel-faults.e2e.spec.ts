import Database from 'better-sqlite3';
import { expectStatus, type RunningServer, type TestDatabase } from '@tally/test-support';
import { Fleet } from '../support/server-fleet';
import { createConnection, freshTenant, unique } from '../support/tenant.fixtures';
import { QUICK_DISPATCH, allPages, defined, eventually, syncOf } from './channel-api.e2e-helper';
import { FaultRig, type FaultDialect, type OwnKibo } from './channel-fault.e2e-helper';
import { ChannelTally } from './channel-tally.e2e-helper';
import { figuresIn } from './sent-figures.e2e-helper';

/** The dispatcher process: short polls, backoffs, lease and time limit, so faults play out in seconds. */
const DISPATCHER = {
  ...QUICK_DISPATCH,
  CHANNELS_DISPATCHER: 'on',
  CHANNELS_LEASE_SECONDS: '3',
  CHANNELS_SEND_TIMEOUT_MS: '2000',
  CHANNELS_MAX_ATTEMPTS: '100',
};
const figureRequest = (dialect: string) => (r: { method: string; url: string; body: string }) => figuresIn(dialect, r).length > 0;

describe.each([['sqlite'], ['postgres']] as const)('Channel faults on %s', (kind) => {
  const fleet = new Fleet();
  let firstDb: TestDatabase;
  let channelDb: TestDatabase;
  let http: RunningServer;
  let dispatcher: RunningServer;
  let channelTally: ChannelTally;
  const rigs: FaultRig[] = [];
  const rig = async (prefix: string, dialects: FaultDialect[], stock: number[], ownKibo?: OwnKibo) => {
    const created = await FaultRig.create((await freshTenant(fleet.target(http, kind))).admin, channelTally, prefix, dialects, stock, ownKibo);
    rigs.push(created);
    return created;
  };

  beforeAll(async () => {
    [firstDb, channelDb] = [await fleet.database(kind), await fleet.database('sqlite')];
    // An HTTP-only process takes the writes and the channel API; a separate one dispatches.
    const [channelServer, httpServer] = await Promise.all([
      // Its tokens are expired behind its back, in its database: it must not answer them from memory (ADR 0048).
      fleet.server(channelDb, { CHANNELS_DISPATCHER: 'off', AUTH_CACHE_SECONDS: '0' }),
      fleet.server(firstDb, { CHANNELS_DISPATCHER: 'off' }),
    ]);
    http = httpServer;
    dispatcher = await fleet.server(firstDb, DISPATCHER);
    channelTally = await ChannelTally.setUp(fleet.target(channelServer, 'sqlite'));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(rigs.map((r) => r.close()));
    await fleet.release();
  });

  it('retries while the channel is down (connection refused) and delivers once it is back', async () => {
    const r = await rig('DOWN', ['webhook', 'crux'], [5, 6, 7]);
    await r.converged('first sync');
    for (const c of r.channels) await c.proxy.stop();
    await r.write({ 0: 1, 1: 12 });
    await eventually('both channels failing', async () => {
      const waiting: string[] = [];
      for (const c of r.channels) {
        const sync = await syncOf(r.api, c.id);
        if (!(sync.failing === 2 && /ECONNREFUSED|UNREACHABLE/.test(sync.lastError ?? ''))) waiting.push(`${c.dialect}: ${JSON.stringify(sync)}`);
      }
      return waiting;
    });
    for (const c of r.channels) await c.proxy.resume();
    await r.converged('after the channel came back');
    for (const c of r.channels) {
      const deliveries = await allPages(r.api, `/api/v1/channels/${c.id}/deliveries`);
      expect(deliveries.some((d) => d.retried > 0 && d.sent === 0)).toBe(true);
      expect(deliveries[0]).toMatchObject({ sent: expect.any(Number), error: null });
    }
    expect(r.orderProblems()).toEqual([]);
    expect(r.refusedWebhooks()).toBe(0);
  });

  it('waits as long as a 429 Retry-After asks, and retries a 503', async () => {
    const r = await rig('THROTTLE', ['webhook', 'crux'], [3, 4]);
    await r.converged('first sync');
    const webhook = r.channel('webhook');
    const crux = r.channel('crux');
    const from = { webhook: webhook.proxy.requests.length, crux: crux.proxy.requests.filter(figureRequest('crux')).length };
    webhook.proxy.plan = (request, earlier) =>
      earlier.length === from.webhook ? { kind: 'answer', status: 429, headers: { 'retry-after': '3' }, body: 'slow down' } : { kind: 'forward' };
    crux.proxy.plan = (request, earlier) =>
      figureRequest('crux')(request) && earlier.filter(figureRequest('crux')).length - from.crux < 2
        ? { kind: 'answer', status: 503, body: '' }
        : { kind: 'forward' };
    await r.write({ 0: 8, 1: 1 });

    // While it waits, the item says when it will be tried again: no sooner than Retry-After.
    const throttled = await waitFor(async () => {
      const failing = (await r.api('GET', `/api/v1/channels/${webhook.id}/items?state=failing`)).body.items;
      return failing.length === 2 ? failing : null;
    });
    const refusedAt = webhook.proxy.requests[from.webhook].at;
    expect(webhook.proxy.requests[from.webhook].status).toBe(429);
    for (const item of throttled) {
      expect(item.lastError).toMatch(/429/);
      expect(Date.parse(item.nextAttemptAt) - refusedAt).toBeGreaterThanOrEqual(3000);
    }
    await r.converged('after the throttle and the outage');
    const retriedAfter = defined(webhook.proxy.requests.slice(from.webhook + 1).find(figureRequest('webhook')), 'the retry');
    expect(retriedAfter.at - refusedAt).toBeGreaterThanOrEqual(3000);
    // Each item backs off on its own, so the retries may go as one bulk call or one call per item.
    const cruxStatuses = crux.proxy.requests
      .filter(figureRequest('crux'))
      .slice(from.crux)
      .map((q) => q.status);
    expect(cruxStatuses.slice(0, 2)).toEqual([503, 503]);
    expect(cruxStatuses.filter((status) => status === 503).length).toBe(2);
    expect(cruxStatuses[cruxStatuses.length - 1]).toBe(200);
    const deliveries = await allPages(r.api, `/api/v1/channels/${crux.id}/deliveries`);
    expect(deliveries.filter((d) => /HTTP 503/.test(d.error ?? '')).length).toBe(2);
    expect(r.orderProblems()).toEqual([]);
  });

  it('gives up on a request after the send time limit, and takes slow answers', async () => {
    const r = await rig('SLOW', ['webhook', 'crux'], [2, 9, 4]);
    await r.converged('first sync');
    const counts = new Map(r.channels.map((c) => [c.dialect, c.proxy.requests.filter(figureRequest(c.dialect)).length]));
    for (const c of r.channels) {
      // The first figure request after this hangs past CHANNELS_SEND_TIMEOUT_MS; the rest are answered 300 ms late.
      c.proxy.plan = (request, earlier) =>
        figureRequest(c.dialect)(request) && earlier.filter(figureRequest(c.dialect)).length === counts.get(c.dialect)
          ? { kind: 'hang' }
          : { kind: 'forward', holdMs: 300 };
    }
    await r.write({ 0: 11, 2: 3 });
    await r.converged('after a timeout');
    await r.write({ 1: 5 });
    await r.converged('with slow answers');
    for (const c of r.channels) {
      const deliveries = await allPages(r.api, `/api/v1/channels/${c.id}/deliveries`);
      const failed = deliveries.filter((d) => d.retried > 0).map((d) => d.error);
      expect(failed.length).toBeGreaterThanOrEqual(1);
      for (const error of failed) expect(error).toMatch(/timed out|UNREACHABLE/);
      expect(deliveries[0]).toMatchObject({ sent: 1, retried: 0, error: null });
      expect(c.proxy.requests.filter((q) => q.move === 'hang').length).toBe(1);
    }
    expect(r.orderProblems()).toEqual([]);
  });

  it('retries malformed answers (not JSON, wrong shape) from Crux and Kibo', async () => {
    const r = await rig('GARBLE', ['crux', 'kibo'], [6, 2]);
    await r.converged('first sync');
    const crux = r.channel('crux');
    const kibo = r.channel('kibo');
    const cruxFrom = crux.proxy.requests.filter(figureRequest('crux')).length;
    const kiboFrom = kibo.proxy.requests.filter(figureRequest('kibo')).length;
    crux.proxy.plan = (request, earlier) => {
      if (!figureRequest('crux')(request)) return { kind: 'forward' };
      const n = earlier.filter(figureRequest('crux')).length - cruxFrom;
      if (n === 0) return { kind: 'garble', status: 200, body: '<html>gateway</html>', contentType: 'text/html' };
      // Neither the object a single update answers nor the array of one result per update a bulk call answers.
      if (n === 1) return { kind: 'garble', status: 200, body: '[]' };
      return { kind: 'forward' };
    };
    kibo.proxy.plan = (request, earlier) =>
      figureRequest('kibo')(request) && earlier.filter(figureRequest('kibo')).length === kiboFrom
        ? { kind: 'garble', status: 200, body: '{"job":1}' }
        : { kind: 'forward' };
    await r.write({ 0: 10, 1: 3 });
    await r.converged('after malformed answers');
    const errors = async (id: string) => (await allPages(r.api, `/api/v1/channels/${id}/deliveries`)).map((d) => d.error).filter((e) => e !== null);
    // Each garbled answer failed one send; a busy machine may add a send that ran out of time, nothing else.
    const cruxErrors = await errors(crux.id);
    expect(cruxErrors.filter((e) => /answer is malformed/.test(e)).length).toBe(2);
    const kiboErrors = await errors(kibo.id);
    expect(kiboErrors.filter((e) => /refresh answer is malformed \(no integer jobID\)/.test(e)).length).toBe(1);
    for (const error of [...cruxErrors, ...kiboErrors]) expect(error).toMatch(/answer is malformed|aborted/);
    expect(r.orderProblems()).toEqual([]);
  });

  it('logs in again when the channel no longer takes its Crux token', async () => {
    const r = await rig('TOKEN', ['crux'], [4, 8]);
    await r.converged('first sync');
    const crux = r.channel('crux');
    const from = crux.proxy.requests.length;
    expireAccessTokens(channelDb);
    await r.write({ 0: 1, 1: 20 });
    await r.converged('after the token expired');
    const after = crux.proxy.requests
      .slice(from)
      .filter((q) => !q.abandoned)
      .map((q) => `${q.url.includes('user-login') ? 'login' : 'inventory'} ${q.status}`);
    expect(after).toEqual(['inventory 401', 'login 200', 'inventory 200']);
    const deliveries = await allPages(r.api, `/api/v1/channels/${crux.id}/deliveries`);
    expect(deliveries[0]).toMatchObject({ items: 2, sent: 2, retried: 0, rejected: 0, error: null });
    expect(r.orderProblems()).toEqual([]);
  });

  it('dead-letters what a revoked Kibo connection refuses, keeps it dead through changes, and sends it on replay with new credentials', async () => {
    const own = await createConnection(channelTally.admin, 'kibo', { unknownItemPolicy: 'create' });
    const locationCode = unique('kibo-own');
    const r = await rig('REVOKE', ['kibo'], [3, 5, 7], {
      credentials: { clientId: own.connection.credentialId, clientSecret: own.credentials.secret },
      locationCode,
    });
    await r.converged('first sync');
    const kibo = r.channel('kibo');
    expectStatus(await channelTally.admin('POST', `/api/v1/connections/${own.connection.id}/revoke`), 'revoke', 200);
    await r.write({ 0: 9, 1: 2 });
    const dead = await waitFor(async () => {
      const items = (await r.api('GET', `/api/v1/channels/${kibo.id}/items?state=dead`)).body.items;
      return items.length === 2 ? items : null;
    });
    for (const item of dead) expect(item).toMatchObject({ state: 'dead', lastError: expect.stringMatching(/401|refused/i) });
    expect(await syncOf(r.api, kibo.id)).toMatchObject({ dead: 2, pending: 0, failing: 0 });
    // A new change does not revive a dead letter: its cause is not the figure.
    await r.write({ 0: 13 });
    await eventually('the change fanned out', async () => ((await syncOf(r.api, kibo.id)).outboxBacklog === 0 ? [] : ['outbox not empty']));
    expect(await syncOf(r.api, kibo.id)).toMatchObject({ dead: 2, pending: 0, failing: 0 });
    expect((await r.differences()).length).toBe(2);

    const fresh = await createConnection(channelTally.admin, 'kibo', { unknownItemPolicy: 'create' });
    expectStatus(
      await r.api('PATCH', `/api/v1/channels/${kibo.id}`, {
        json: { credentials: { clientId: fresh.connection.credentialId, clientSecret: fresh.credentials.secret } },
      }),
      'new credentials',
      200,
    );
    expect(expectStatus(await r.api('POST', `/api/v1/channels/${kibo.id}/replay`, { json: {} }), 'replay', 202)).toEqual({ marked: 2 });
    await r.converged('after the replay');
    expect((await r.api('GET', `/api/v1/channels/${kibo.id}/items?state=dead`)).body.items).toEqual([]);
    expect(r.orderProblems()).toEqual([]);
  });

  it('survives the dispatcher killed with SIGKILL mid-send, three times: every figure arrives, none moves backwards', async () => {
    const r = await rig('KILL', ['webhook', 'crux'], [10, 20, 30, 40, 50, 60]);
    await r.converged('first sync');
    for (const c of r.channels) c.proxy.plan = () => ({ kind: 'forward', holdMs: 500 });
    const rounds = [
      { 0: 4, 1: 25, 2: 29, 3: 41, 4: 12, 5: 61 },
      { 0: 17, 1: 3, 2: 33, 3: 2, 4: 51, 5: 5 },
      { 0: 8, 1: 26, 2: 1, 3: 44, 4: 13, 5: 70 },
    ];
    for (const values of rounds) {
      await r.write(values);
      // Killed while a channel holds a request with figures: the send is in flight.
      await eventually('a send in flight', async () =>
        r.channels.some((c) => c.proxy.inFlight().some(figureRequest(c.dialect))) ? [] : ['no figures in flight'],
      );
      const exit = await dispatcher.kill();
      expect(exit.signal).toBe('SIGKILL');
      dispatcher = await fleet.server(firstDb, DISPATCHER);
    }
    // The killed sends reached the channel; their answers found nobody.
    const abandoned = r.channels.flatMap((c) => c.proxy.requests.filter((q) => q.abandoned && figureRequest(c.dialect)(q)));
    expect(abandoned.length).toBeGreaterThanOrEqual(rounds.length);
    await r.write({ 0: 9, 5: 71 });
    await r.converged('after three kills');
    expect(r.orderProblems()).toEqual([]);
    expect(r.refusedWebhooks()).toBe(0);
  }, 120_000);
});

/** Polls until `probe` answers something, and answers it. */
async function waitFor<T>(probe: () => Promise<T | null>, limitMs = 20_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const found = await probe();
    if (found !== null) return found;
    if (Date.now() > deadline) throw new Error(`nothing after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Moves every access token of the channel Tally (a SQLite file) into the past, as if the channel had expired them early. */
function expireAccessTokens(database: TestDatabase): void {
  const db = new Database(database.file);
  try {
    db.pragma('busy_timeout = 5000');
    const changed = db.prepare('UPDATE access_tokens SET expires_at = ?').run('2000-01-01T00:00:00.000Z').changes;
    if (changed === 0) throw new Error('the channel Tally holds no access token');
  } finally {
    db.close();
  }
}
