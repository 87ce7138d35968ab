import { checkTenantIsolation } from './checks/tenant-isolation.checker';
import { deploy } from './support/deployment.fixture';
import { report } from './support/figures.report';

describe('check 6: tenant isolation', () => {
  it('every route of the OpenAPI document × every role × another tenant’s objects answers as the policy table says, without its data', async () => {
    const deployment = await deploy('isolation', 'sqlite', 1, { AUTH_FAILURE_LIMIT: '1000000' });
    try {
      const { rows, violations } = await checkTenantIsolation(deployment);
      const byRole = ['admin', 'read_only', 'anonymous', 'vendor'].map((role) => {
        const mine = rows.filter((r) => r.role === role);
        return {
          role,
          calls: mine.length,
          asPolicy: mine.filter((r) => r.expected.split('/').includes(String(r.status))).length,
          leaks: mine.filter((r) => r.leaked).length,
        };
      });
      report('check 6: tenant isolation (calls by role)', byRole);
      if (violations.length) console.log(violations.join('\n'));
      expect(new Set(rows.map((r) => r.route)).size).toBeGreaterThanOrEqual(50);
      expect(violations).toEqual([]);
    } finally {
      await deployment.close();
    }
  });

  it('negative control: with job look-ups unscoped by tenant, the checker finds the leak', async () => {
    const deployment = await deploy('isolation-control', 'sqlite', 1, { AUTH_FAILURE_LIMIT: '1000000', TALLY_UNSAFE_TEST_MODE: 'no-tenant-scope' });
    try {
      const { rows, violations } = await checkTenantIsolation(deployment);
      const leaks = rows.filter((r) => r.leaked);
      report('check 6: tenant isolation (unsafe: no-tenant-scope)', [
        {
          calls: rows.length,
          leaks: leaks.length,
          violations: violations.length,
          leakedRoutes: [...new Set(leaks.map((r) => `${r.route} as ${r.role}`))].join(', '),
        },
      ]);
      expect(leaks.some((r) => r.route === 'GET /api/v1/jobs/{jobId}')).toBe(true);
      expect(violations.some((v) => v.startsWith("GET /api/v1/jobs/{jobId} as admin showed tenant B's data"))).toBe(true);
    } finally {
      await deployment.close();
    }
  });
});
