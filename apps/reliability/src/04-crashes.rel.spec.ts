import { checkBurstCrashes, checkKiboJobCrashes } from './checks/crash.checker';
import { sqliteFile } from './checks/credentials.checker';
import { deploy } from './support/deployment.fixture';
import { report } from './support/figures.report';

const KIBO_ITEMS = 50_000;
const KIBO_KILLS = 3;
const API_KILLS = 50;
// The negative control needs only a few rounds: every write it acknowledges in a round is still pending at the kill.
const CONTROL_KILLS = 5;
// The job's control: a smaller job; each kill inside a chunk already recorded as done loses that chunk.
const KIBO_CONTROL_ITEMS = 10_000;
const KIBO_CONTROL_KILLS = 2;
const KIBO_WORKER_ENV = {
  JOBS_WORKER: 'on',
  JOBS_CHUNK_SIZE: '500',
  JOBS_CHUNK_PAUSE_MS: '30',
  JOBS_LEASE_SECONDS: '2',
  JOBS_CONCURRENCY: '1',
  LOG_LEVEL: 'warn',
};

describe('check 4: crashes', () => {
  it(
    `a Kibo job of ${KIBO_ITEMS} items whose worker is killed ${KIBO_KILLS} times completes with every item applied once`,
    async () => {
      // The first process serves HTTP only; the worker processes are the ones killed.
      const deployment = await deploy('crash-kibo', 'sqlite', 1, {
        JOBS_WORKER: 'off',
        KIBO_REFRESH_MAX_ITEMS: String(KIBO_ITEMS),
        BODY_LIMIT: '10mb',
        LOG_LEVEL: 'warn',
      });
      try {
        const figures = await checkKiboJobCrashes(deployment, KIBO_ITEMS, KIBO_KILLS, KIBO_WORKER_ENV);
        report('check 4: Kibo job killed with SIGKILL', [figures as unknown as Record<string, unknown>]);
        expect(figures).toMatchObject({
          kills: KIBO_KILLS,
          status: 'SUCCESS',
          processedCount: KIBO_ITEMS,
          ledgerEntries: KIBO_ITEMS,
          distinctItemsInLedger: KIBO_ITEMS,
          wrongLevels: 0,
        });
      } finally {
        await deployment.close();
      }
    },
    15 * 60_000,
  );

  it(
    'negative control: with job progress recorded before its chunk commits, the checker finds items never applied',
    async () => {
      const deployment = await deploy('crash-kibo-control', 'sqlite', 1, {
        JOBS_WORKER: 'off',
        KIBO_REFRESH_MAX_ITEMS: String(KIBO_CONTROL_ITEMS),
        BODY_LIMIT: '10mb',
        LOG_LEVEL: 'warn',
      });
      try {
        const figures = await checkKiboJobCrashes(deployment, KIBO_CONTROL_ITEMS, KIBO_CONTROL_KILLS, {
          ...KIBO_WORKER_ENV,
          TALLY_UNSAFE_TEST_MODE: 'progress-before-commit',
        });
        report('check 4: Kibo job killed with SIGKILL (unsafe: progress-before-commit)', [figures as unknown as Record<string, unknown>]);
        expect(figures.kills).toBe(KIBO_CONTROL_KILLS);
        // The job still says SUCCESS with every item processed: only the ledger and the levels show the loss.
        expect(figures.ledgerEntries).toBeLessThan(KIBO_CONTROL_ITEMS);
        expect(figures.wrongLevels).toBeGreaterThan(0);
      } finally {
        await deployment.close();
      }
    },
    10 * 60_000,
  );

  it(
    `the SQLite API killed ${API_KILLS} times in the middle of write bursts loses no acknowledged write and stays intact`,
    async () => {
      const deployment = await deploy('crash-burst', 'sqlite', 1, { LOG_LEVEL: 'warn' });
      try {
        const figures = await checkBurstCrashes(deployment, API_KILLS, sqliteFile(deployment));
        report('check 4: SQLite API killed with SIGKILL mid-burst', [figures as unknown as Record<string, unknown>]);
        expect(figures.kills).toBe(API_KILLS);
        expect(figures.acknowledged).toBeGreaterThan(API_KILLS);
        expect(figures.acknowledgedMissing).toBe(0);
        expect(figures.integrityCheck).toBe('ok');
      } finally {
        await deployment.close();
      }
    },
    15 * 60_000,
  );

  it('negative control: with writes acknowledged before their commit, the checker finds acknowledged writes lost', async () => {
    const deployment = await deploy('crash-burst-control', 'sqlite', 1, { LOG_LEVEL: 'warn', TALLY_UNSAFE_TEST_MODE: 'ack-before-commit' });
    try {
      const figures = await checkBurstCrashes(deployment, CONTROL_KILLS, sqliteFile(deployment));
      report('check 4: SQLite API killed with SIGKILL mid-burst (unsafe: ack-before-commit)', [figures as unknown as Record<string, unknown>]);
      expect(figures.kills).toBe(CONTROL_KILLS);
      expect(figures.acknowledgedMissing).toBeGreaterThan(0);
    } finally {
      await deployment.close();
    }
  });
});
