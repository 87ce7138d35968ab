import { checkLockOut, type LockOutFigures } from './checks/lock-out.checker';
import { deploy } from './support/deployment.fixture';
import { report } from './support/figures.report';

const LIMIT = 20;
// The proxy is the suite itself, on 127.0.0.1; the window outlasts the check, so nothing is forgotten mid-way.
const ENV = { TRUST_PROXY: '127.0.0.1', AUTH_FAILURE_LIMIT: String(LIMIT), AUTH_FAILURE_WINDOW_SECONDS: '600', LOG_LEVEL: 'warn' };

describe('check 10: no lock-out of the innocent behind a trusted proxy', () => {
  const rows: Record<string, unknown>[] = [];
  afterAll(() => report('check 10: failed-authentication lock-out matrix', rows));

  it.each(['sqlite', 'postgres'] as const)(
    'on %s: an attacker sharing an address locks out none of its valid neighbours nor /health, rotating addresses do not help it, spoofed addresses are not believed',
    async (engine) => {
      const deployment = await deploy(`lock-out-${engine}`, engine, 1, ENV);
      try {
        const { figures, violations } = await checkLockOut(deployment, LIMIT);
        rows.push({ engine, ...figures });
        expect(violations).toEqual([]);
        expect(figures).toMatchObject<Partial<LockOutFigures>>({
          guessesChecked: 3 * LIMIT,
          repeatsRefused: `${LIMIT}/${LIMIT}`,
          innocentRefused: 0,
          health429: 0,
          rotatingChecked: LIMIT,
          ownerWhileUnderAttack: 429,
          spoofedBelieved: 0,
        });
        expect(figures.tripLogLines).toBeGreaterThanOrEqual(3);
      } finally {
        await deployment.close();
      }
    },
    5 * 60_000,
  );

  it(
    'negative control: a throttle keyed by address only is caught locking out valid keys and /health, and letting rotating addresses guess on',
    async () => {
      const deployment = await deploy('lock-out-control', 'sqlite', 1, { ...ENV, TALLY_UNSAFE_TEST_MODE: 'throttle-by-address' });
      try {
        const { figures, violations } = await checkLockOut(deployment, LIMIT);
        rows.push({ engine: 'sqlite (unsafe: throttle-by-address)', ...figures });
        expect(figures.innocentRefused).toBeGreaterThan(0);
        expect(figures.health429).toBeGreaterThan(0);
        expect(figures.rotatingChecked).toBeGreaterThan(LIMIT);
        expect(violations).toEqual(
          expect.arrayContaining(['admin key from the over-limit address answered 429', `/health answered 429 ${figures.health429} times`]),
        );
      } finally {
        await deployment.close();
      }
    },
    5 * 60_000,
  );
});
