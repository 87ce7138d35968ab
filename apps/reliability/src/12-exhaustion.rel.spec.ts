import { checkExhaustion, type ExhaustionFigures } from './checks/exhaustion.checker';
import { deploy } from './support/deployment.fixture';
import { report } from './support/figures.report';

const SIZE = { connections: 16, declaredMb: 29, sentMb: 8 };
// The unsafe server holds each body until this timeout and then answers 408; the safe one answers 401 at once.
const ENV = { HTTP_REQUEST_TIMEOUT_MS: '20000', HTTP_HEADERS_TIMEOUT_MS: '10000', LOG_LEVEL: 'warn' };

describe('check 12: no unauthenticated resource exhaustion', () => {
  const rows: Record<string, unknown>[] = [];
  afterAll(() => report('check 12: unfinished Kibo bodies with a bad bearer token (MB)', rows));

  it.each(['sqlite', 'postgres'] as const)(
    'on %s: 16 unfinished 29 MB bodies with a bad token are refused 401 before they are read; the memory kept stays flat and /health answers',
    async (engine) => {
      const deployment = await deploy(`exhaustion-${engine}`, engine, 1, ENV, { inspect: true });
      try {
        const { figures, violations } = await checkExhaustion(deployment, SIZE);
        rows.push({ engine, ...figures });
        expect(violations).toEqual([]);
        expect(figures).toMatchObject<Partial<ExhaustionFigures>>({ refused401: SIZE.connections, health200: figures.healthCalls });
      } finally {
        await deployment.close();
      }
    },
    3 * 60_000,
  );

  it(
    'negative control: a server that reads bodies before checking credentials is caught holding them',
    async () => {
      const deployment = await deploy('exhaustion-control', 'sqlite', 1, { ...ENV, TALLY_UNSAFE_TEST_MODE: 'parse-before-auth' }, { inspect: true });
      try {
        const { figures, violations } = await checkExhaustion(deployment, SIZE);
        rows.push({ engine: 'sqlite (unsafe: parse-before-auth)', ...figures });
        expect(figures.refused401).toBe(0);
        expect(violations).toEqual(
          expect.arrayContaining([`${SIZE.connections} of ${SIZE.connections} unfinished bodies were not refused 401 before being read`]),
        );
        expect(figures.keptRiseMb).toBeGreaterThan((SIZE.connections * SIZE.sentMb) / 2);
      } finally {
        await deployment.close();
      }
    },
    3 * 60_000,
  );
});
