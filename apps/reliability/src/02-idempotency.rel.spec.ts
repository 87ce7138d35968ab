import { checkIdempotency, type IdempotencyFigures } from './checks/idempotency.checker';
import { deploy } from './support/deployment.fixture';
import { report } from './support/figures.report';

describe('check 2: idempotency', () => {
  const rows: IdempotencyFigures[] = [];
  afterAll(() =>
    report(
      'check 2: idempotency',
      rows.map(({ violations, ...f }) => ({ ...f, violations: violations.length })),
    ),
  );

  it.each(['sqlite', 'postgres'] as const)(
    'on %s, replays, refuses a reused key, executes once under 50 concurrent requests, keeps tenants apart',
    async (kind) => {
      const deployment = await deploy('idempotency', kind, 2);
      try {
        const figures = await checkIdempotency(deployment);
        rows.push(figures);
        expect(figures.violations).toEqual([]);
        expect(figures).toMatchObject({ replays: 2, replaysAfterRestart: 2, reusedKeyRefusals: 1, concurrentExecutions: 1, crossTenantReplays: 0 });
      } finally {
        await deployment.close();
      }
    },
  );

  it('negative control: with Idempotency-Key ignored, the checker finds repeated executions', async () => {
    const deployment = await deploy('idempotency-control', 'sqlite', 2, { TALLY_UNSAFE_TEST_MODE: 'no-idempotency' });
    try {
      const figures = await checkIdempotency(deployment);
      rows.push({ ...figures, engine: 'sqlite (unsafe: no-idempotency)' });
      expect(figures.concurrentExecutions).toBeGreaterThan(1);
      expect(figures.violations.length).toBeGreaterThan(0);
    } finally {
      await deployment.close();
    }
  });

  it('negative control: with idempotency keys not scoped by tenant, the checker finds a cross-tenant replay', async () => {
    const deployment = await deploy('idempotency-tenant-control', 'sqlite', 2, { TALLY_UNSAFE_TEST_MODE: 'untenanted-idempotency' });
    try {
      const figures = await checkIdempotency(deployment);
      rows.push({ ...figures, engine: 'sqlite (unsafe: untenanted-idempotency)' });
      expect(figures.crossTenantReplays).toBe(1);
      expect(figures.violations.some((v) => v.includes("tenant B got tenant A's answer"))).toBe(true);
    } finally {
      await deployment.close();
    }
  });
});
