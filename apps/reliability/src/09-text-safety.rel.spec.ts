import fc from 'fast-check';
import {
  adminOf,
  jobsNotNamingTheRefusal,
  plainRequest,
  send,
  sendSpoiled,
  spoiledRequests,
  unsafeTextStored,
  type TextFigures,
} from './checks/text-safety.checker';
import { textTemplates } from './checks/text-safety.templates';
import { deploy, type Deployment } from './support/deployment.fixture';
import { report } from './support/figures.report';

const PER_TEMPLATE = Number(process.env['RELIABILITY_TEXT_PER_TEMPLATE'] ?? 100);
const CONTROL_PER_TEMPLATE = 30;
const SEED = Number(process.env['RELIABILITY_SEED'] ?? 20260101);
// Spoiled credentials are 401s: the throttle must not turn the rest of the run into 429s.
// The sign-in template is sent hundreds of times a minute with one key: the sign-in rate is check 11's and the e2e suite's.
const ENV = { AUTH_FAILURE_LIMIT: '1000000', SIGN_IN_LIMIT_PER_KEY: '1000000', SIGN_IN_LIMIT_PER_ADDRESS: '1000000', LOG_LEVEL: 'warn' };

/** What one run of the check found. */
interface RunFigures {
  engine: string;
  templates: number;
  requests: number;
  statusesSeen: string;
  serverErrors: number;
  notInDialect: number;
  acceptedUnrefused: number;
  kiboJobs: number;
  jobsNotNamingTheRefusal: number;
  columnsWithUnsafeText: string;
  errorLogLines: number;
}

/**
 * Seeds the deployment, checks that every template answers 2xx unspoiled, sends `perTemplate`
 * spoiled requests of each (of `dialects` only, when given), waits for the Kibo jobs they queued,
 * and scans the database.
 */
async function run(deployment: Deployment, engine: string, perTemplate: number, dialects?: readonly string[]) {
  const base = deployment.servers[0].baseUrl;
  const templates = (await textTemplates(deployment)).filter((t) => !dialects || dialects.includes(t.dialect));
  const unspoiledRefused: string[] = [];
  for (const template of templates) {
    const answer = await send(plainRequest(base, template));
    if (answer.status >= 300) unspoiledRefused.push(`${template.method} ${template.path} → ${answer.status} ${answer.text.slice(0, 200)}`);
  }
  const requests = templates.flatMap((template, i) => fc.sample(spoiledRequests(base, template), { numRuns: perTemplate, seed: SEED + i }));
  const { figures, jobs, samples } = await sendSpoiled(engine, requests, adminOf(deployment));
  const silentJobs = await jobsNotNamingTheRefusal(jobs);
  const stored = await unsafeTextStored(deployment);
  const sum = (key: keyof TextFigures) => figures.reduce((n, f) => n + (f[key] as number), 0);
  const statuses = new Map<string, number>();
  for (const f of figures) for (const [s, n] of f.byStatus.split(' ').map((p) => p.split(':'))) statuses.set(s, (statuses.get(s) ?? 0) + Number(n));
  const total: RunFigures = {
    engine,
    templates: templates.length,
    requests: requests.length,
    statusesSeen: [...statuses.entries()]
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([s, n]) => `${s}:${n}`)
      .join(' '),
    serverErrors: sum('serverErrors'),
    notInDialect: sum('notInDialect'),
    acceptedUnrefused: sum('acceptedUnrefused'),
    kiboJobs: jobs.length,
    jobsNotNamingTheRefusal: silentJobs.length,
    columnsWithUnsafeText: stored.length ? stored.join(' ') : '0',
    errorLogLines: deployment.servers[0]
      .transcript()
      .split('\n')
      .filter((line) => /\bERROR\b/.test(line)).length,
  };
  return { figures, total, samples, unspoiledRefused, stored };
}

describe('check 9: text Tally never accepts (NUL, lone surrogates)', () => {
  const rows: Record<string, unknown>[] = [];
  const totals: Record<string, unknown>[] = [];
  afterAll(() => {
    report('check 9: spoiled requests by dialect', rows);
    report('check 9: text safety', totals);
  });

  for (const kind of ['sqlite', 'postgres'] as const) {
    it(
      `${kind}: ${PER_TEMPLATE} spoiled requests per route family of every dialect, each a 4xx in its dialect or its line refused by name, nothing stored`,
      async () => {
        const deployment = await deploy('text-safety', kind, 1, ENV);
        try {
          const { figures, total, samples, unspoiledRefused, stored } = await run(deployment, kind, PER_TEMPLATE);
          rows.push(...(figures as unknown as Record<string, unknown>[]));
          totals.push(total as unknown as Record<string, unknown>);
          if (samples.length) console.log(samples.join('\n'));
          expect(unspoiledRefused).toEqual([]);
          expect(new Set(figures.map((f) => f.dialect))).toEqual(new Set(['canonical', 'kibo', 'crux', 'comestri', 'marketplacer', 'retailops']));
          expect(total).toMatchObject({ serverErrors: 0, notInDialect: 0, acceptedUnrefused: 0, jobsNotNamingTheRefusal: 0, errorLogLines: 0 });
          expect(stored).toEqual([]);
          // The refusals were of both kinds: whole requests (4xx) and lines alone (2xx naming why).
          expect(figures.reduce((n, f) => n + f.lineRefused2xx, 0)).toBeGreaterThan(0);
          expect(total.kiboJobs).toBeGreaterThan(0);
        } finally {
          await deployment.close();
        }
      },
      15 * 60_000,
    );
  }

  for (const kind of ['sqlite', 'postgres'] as const) {
    it(
      `negative control on ${kind}: with the text-safety rule skipped at the edge, the checker finds the canonical API failing`,
      async () => {
        const deployment = await deploy('text-safety-control', kind, 1, { ...ENV, TALLY_UNSAFE_TEST_MODE: 'skip-text-safety' });
        try {
          const { total, unspoiledRefused } = await run(deployment, `${kind} (unsafe: skip-text-safety)`, CONTROL_PER_TEMPLATE, ['canonical']);
          totals.push(total as unknown as Record<string, unknown>);
          expect(unspoiledRefused).toEqual([]);
          if (kind === 'postgres') {
            // PostgreSQL cannot take a NUL: what reaches it fails, as 5xx.
            expect(total.serverErrors).toBeGreaterThan(0);
          } else {
            // SQLite takes it: the checker finds it accepted without a refusal, and stored.
            expect(total.acceptedUnrefused).toBeGreaterThan(0);
            expect(total.columnsWithUnsafeText).not.toBe('0');
          }
        } finally {
          await deployment.close();
        }
      },
      10 * 60_000,
    );
  }
});
