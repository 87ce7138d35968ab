import { checkFairShares } from './checks/fair-shares.checker';
import { deploy } from './support/deployment.fixture';
import { report } from './support/figures.report';

const SIZE = { jobs: 6, items: 6_000 };
// Two job loops (the default): both busy with tenant A's jobs when tenant B's adjust arrives.
const ENV = { JOBS_CONCURRENCY: '2', LOG_LEVEL: 'warn' };

describe("check 13: fair shares between tenants' jobs", () => {
  const rows: Record<string, unknown>[] = [];
  afterAll(() => report(`check 13: tenant B's one-item adjust behind tenant A's ${SIZE.jobs} refreshes of ${SIZE.items} items`, rows));

  it.each(['sqlite', 'postgres'] as const)(
    "on %s: tenant B's adjust takes the next free worker, ahead of tenant A's queued refreshes",
    async (engine) => {
      const deployment = await deploy(`fair-${engine}`, engine, 1, ENV);
      try {
        const { figures, violations } = await checkFairShares(deployment, SIZE);
        rows.push({ engine, ...figures });
        expect(violations).toEqual([]);
        expect(figures.aQueuedAtB).toBeGreaterThanOrEqual(2);
      } finally {
        await deployment.close();
      }
    },
    3 * 60_000,
  );

  it(
    'negative control: with jobs claimed in global id order, tenant B waits behind every refresh tenant A queued first',
    async () => {
      const deployment = await deploy('fair-control', 'sqlite', 1, { ...ENV, TALLY_UNSAFE_TEST_MODE: 'global-job-order' });
      try {
        const { figures, violations } = await checkFairShares(deployment, SIZE);
        rows.push({ engine: 'sqlite (unsafe: global-job-order)', ...figures });
        expect(figures.overtakes).toBe(figures.aQueuedAtB);
        expect(figures.overtakes).toBeGreaterThanOrEqual(2);
        expect(violations).toEqual([
          `tenant B's one-item adjust was overtaken by ${figures.overtakes} of tenant A's ${figures.aQueuedAtB} jobs queued before it`,
        ]);
      } finally {
        await deployment.close();
      }
    },
    3 * 60_000,
  );
});
