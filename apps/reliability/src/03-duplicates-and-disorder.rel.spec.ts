import { checkDuplicatesAndDisorder, type DisorderFigures, type DisorderPlan } from './checks/disorder.checker';
import { deploy } from './support/deployment.fixture';
import { report } from './support/figures.report';

const PLAN: DisorderPlan = { updates: 1000, items: 50, deliveries: 3, batchSize: 100, duplicatesPerBatch: 10 };

describe('check 3: duplicates and disorder', () => {
  const rows: DisorderFigures[] = [];
  afterAll(() =>
    report(
      'check 3: duplicates and disorder',
      rows.map(({ violations, ...f }) => ({ ...f, violations: violations.length })),
    ),
  );

  it.each(['sqlite', 'postgres'] as const)('on %s, 1,000 updates delivered 3 times shuffled end as one in-order delivery', async (kind) => {
    const deployment = await deploy('disorder', kind);
    try {
      const figures = await checkDuplicatesAndDisorder(deployment, PLAN);
      rows.push(figures);
      expect(figures.violations).toEqual([]);
      expect(figures.ledgerDisordered).toBeLessThanOrEqual(figures.ledgerInOrder);
      expect(figures.stale).toBeGreaterThan(0);
    } finally {
      await deployment.close();
    }
  });

  it.each(['sqlite', 'postgres'] as const)(
    'on %s, two rival connections at the same places: the level follows the source, rivals are observed and every disagreement is open',
    async (kind) => {
      const deployment = await deploy('disorder-rivals', kind);
      try {
        const figures = await checkDuplicatesAndDisorder(deployment, { ...PLAN, updates: 500, rivals: 2 });
        rows.push({ ...figures, engine: `${figures.engine} (2 rivals)` });
        expect(figures.violations).toEqual([]);
        expect(figures.observed).toBeGreaterThan(0);
        expect(figures.openDiscrepancies).toBe(figures.disagreeingPlaces);
      } finally {
        await deployment.close();
      }
    },
  );

  it('negative control: with source times dropped, the checker finds a different end state', async () => {
    const deployment = await deploy('disorder-control', 'sqlite', 1, { TALLY_UNSAFE_TEST_MODE: 'ignore-source-time' });
    try {
      const figures = await checkDuplicatesAndDisorder(deployment, PLAN);
      rows.push({ ...figures, engine: 'sqlite (unsafe: ignore-source-time)' });
      expect(figures.violations.length).toBeGreaterThan(0);
    } finally {
      await deployment.close();
    }
  });
});
