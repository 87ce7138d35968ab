import { checkOutboundCrashes, type OutboundPlan } from './checks/outbound.checker';
import { deploy } from './support/deployment.fixture';
import { report } from './support/figures.report';

const KILLS = 5;
// The control needs one kill in a burst and the one after the writes: each loses what it held.
const CONTROL_KILLS = 2;
const PLAN: Omit<OutboundPlan, 'dispatcherEnv' | 'kills'> = { items: 200, writers: 8, burstMs: 1500, holdMs: 500, settleTimeoutMs: 120_000 };
// A short lease so a killed dispatcher's channel is taken over in seconds; the usual poll.
const DISPATCHER_ENV = { CHANNELS_DISPATCHER: 'on', CHANNELS_LEASE_SECONDS: '2', CHANNELS_POLL_MS: '50' };
// Writes are served by a process that never sends; only the dispatcher processes are killed.
const HTTP_ONLY_ENV = { CHANNELS_DISPATCHER: 'off', LOG_LEVEL: 'warn' };

describe('check 8: outbound', () => {
  const rows: Record<string, unknown>[] = [];
  afterAll(() => report('check 8: dispatcher killed with SIGKILL mid-send', rows));

  for (const kind of ['sqlite', 'postgres'] as const) {
    it(
      `${kind}: a webhook channel fed by write bursts, its dispatcher killed ${KILLS} times mid-send, ends with every item's figure`,
      async () => {
        const deployment = await deploy('outbound', kind, 1, HTTP_ONLY_ENV);
        try {
          const figures = await checkOutboundCrashes(deployment, { ...PLAN, kills: KILLS, dispatcherEnv: DISPATCHER_ENV });
          rows.push({ engine: kind, ...figures });
          expect(figures).toMatchObject({ kills: KILLS, killsMidBurst: KILLS - 1, pending: 0, dead: 0, badSignatures: 0, lostUpdates: 0 });
          expect(figures.matching).toBe(PLAN.items);
          expect(figures.droppedAtKill).toBeGreaterThanOrEqual(KILLS);
          expect(figures.settledSeconds).not.toBe('never');
        } finally {
          await deployment.close();
        }
      },
      10 * 60_000,
    );
  }

  it(
    'negative control: with figures recorded as delivered before they are sent, the checker finds lost updates',
    async () => {
      const deployment = await deploy('outbound-control', 'sqlite', 1, HTTP_ONLY_ENV);
      try {
        const dispatcherEnv = { ...DISPATCHER_ENV, TALLY_UNSAFE_TEST_MODE: 'ack-before-send' };
        const figures = await checkOutboundCrashes(deployment, { ...PLAN, kills: CONTROL_KILLS, dispatcherEnv });
        rows.push({ engine: 'sqlite (unsafe: ack-before-send)', ...figures });
        expect(figures.kills).toBe(CONTROL_KILLS);
        // The channel believes itself in sync: only the subscriber's figures show the loss.
        expect(figures.pending).toBe(0);
        expect(figures.lostUpdates).toBeGreaterThan(0);
      } finally {
        await deployment.close();
      }
    },
    10 * 60_000,
  );
});
