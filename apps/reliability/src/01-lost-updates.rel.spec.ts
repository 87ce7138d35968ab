import { checkLostUpdates, type LostUpdateFigures, type LostUpdatePlan } from './checks/lost-updates.checker';
import { deploy } from './support/deployment.fixture';
import { report } from './support/figures.report';

const PLAN: LostUpdatePlan = { adjustments: 4000, clients: 16, levels: 5, start: 40, resendShare: 0.1, abortShare: 0.05 };
// The negative control needs only enough traffic to race.
const CONTROL: LostUpdatePlan = { ...PLAN, adjustments: 400 };

describe('check 1: no lost updates (two API processes, 16 clients)', () => {
  const rows: LostUpdateFigures[] = [];
  afterAll(() =>
    report(
      'check 1: no lost updates',
      rows.map(({ violations, ...f }) => ({ ...f, violations: violations.length })),
    ),
  );

  it.each(['sqlite', 'postgres'] as const)('on %s, every level is its start plus the acknowledged deltas, and its ledger', async (kind) => {
    const deployment = await deploy('lost-updates', kind, 2);
    try {
      const figures = await checkLostUpdates(deployment, PLAN);
      rows.push(figures);
      expect(figures.violations).toEqual([]);
      expect(figures.applied).toBeGreaterThan(0);
      expect(figures.replaysMatching).toBe(figures.resent);
    } finally {
      await deployment.close();
    }
  });

  it.each(['sqlite', 'postgres'] as const)('negative control on %s: with read-modify-write adjusts the checker finds lost updates', async (kind) => {
    const deployment = await deploy('lost-updates-control', kind, 2, { TALLY_UNSAFE_TEST_MODE: 'lost-updates' });
    try {
      const figures = await checkLostUpdates(deployment, CONTROL);
      rows.push({ ...figures, engine: `${kind} (unsafe: lost-updates)` });
      expect(figures.violations.some((v) => v.includes('expected'))).toBe(true);
    } finally {
      await deployment.close();
    }
  });
});
