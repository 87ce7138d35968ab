import { checkSessionFlood, type SessionFloodFigures } from './checks/session-flood.checker';
import { deploy } from './support/deployment.fixture';
import { report } from './support/figures.report';

const MAX_PER_KEY = 20;
const MAX_PER_TENANT = 200;
const FLOOD = 400;
const VICTIMS = 10;
// The flood stands for an attacker patient enough to stay under the sign-in rate: the limits are
// out of reach here, so the caps alone must protect the other sessions.
const ENV = {
  SESSION_MAX_PER_KEY: String(MAX_PER_KEY),
  SESSION_MAX_PER_TENANT: String(MAX_PER_TENANT),
  SIGN_IN_LIMIT_PER_KEY: '1000000',
  SIGN_IN_LIMIT_PER_ADDRESS: '1000000',
  AUTH_FAILURE_LIMIT: '1000000',
  LOG_LEVEL: 'warn',
};
const OPTIONS = { floodSignIns: FLOOD, victims: VICTIMS, maxPerKey: MAX_PER_KEY };

describe('check 11: console sessions survive another tenant’s sign-in flood', () => {
  const rows: Record<string, unknown>[] = [];
  afterAll(() => report('check 11: session flood', rows));

  it.each([
    ['sqlite', 1],
    ['postgres', 2],
  ] as const)(
    'on %s (%i processes): a read-only key signing in 400 times keeps only its 20 newest sessions and signs no one else out',
    async (engine, processes) => {
      const deployment = await deploy(`sessions-${engine}`, engine, processes, ENV);
      try {
        const { figures, violations } = await checkSessionFlood(deployment, OPTIONS);
        rows.push({ engine, ...figures });
        expect(violations).toEqual([]);
        expect(figures).toMatchObject<Partial<SessionFloodFigures>>({
          floodAccepted: FLOOD,
          floodAlive: MAX_PER_KEY,
          newestSurvive: true,
          victimsSignedOut: 0,
          siblingSignedOut: 0,
        });
      } finally {
        await deployment.close();
      }
    },
    5 * 60_000,
  );

  it(
    'negative control: one cap over every tenant’s sessions is caught signing other tenants out',
    async () => {
      const deployment = await deploy('sessions-control', 'sqlite', 1, { ...ENV, TALLY_UNSAFE_TEST_MODE: 'global-session-cap' });
      try {
        const { figures, violations } = await checkSessionFlood(deployment, OPTIONS);
        rows.push({ engine: 'sqlite (unsafe: global-session-cap)', ...figures });
        expect(figures.victimsSignedOut).toBe(VICTIMS);
        expect(violations).toEqual(expect.arrayContaining([`${VICTIMS} of ${VICTIMS} other tenants' sessions were signed out by the flood`]));
      } finally {
        await deployment.close();
      }
    },
    5 * 60_000,
  );
});
