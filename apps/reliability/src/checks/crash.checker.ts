import Database from 'better-sqlite3';
import { client, kiboToken, type Client } from '@tally/test-support';
import { inParallel, listAll, unique, type Deployment } from '../support/deployment.fixture';
import { recordSecret } from '../support/run-dir';
import type { RunningServer } from '../support/server.process';

const pause = (ms: number) => new Promise((wait) => setTimeout(wait, ms));

/** Figures of the Kibo job killed mid-way. */
export interface KiboCrashFigures {
  items: number;
  kills: number;
  killedAtProcessed: string;
  status: string;
  processedCount: number;
  ledgerEntries: number;
  distinctItemsInLedger: number;
  wrongLevels: number;
}

/**
 * Check 4, first part: a Kibo refresh of `count` items is accepted by an HTTP-only process; its
 * worker process is killed with SIGKILL `kills` times at random points; a new worker resumes each
 * time. The job must succeed with every item applied exactly once.
 */
export async function checkKiboJobCrashes(deployment: Deployment, count: number, kills: number, workerEnv: Record<string, string>): Promise<KiboCrashFigures> {
  const admin = deployment.admin();
  const kibo = await admin('POST', '/api/v1/connections', { json: { dialect: 'kibo', name: unique('kibo'), settings: {} } });
  recordSecret(kibo.body.credentials.secret);
  const http = deployment.servers[0];
  const token = await kiboToken(http.baseUrl, kibo.body.credentials.credentialId, kibo.body.credentials.secret);
  recordSecret(token);
  const call = client(http.baseUrl, token);
  const location = unique('crash');
  const items = Array.from({ length: count }, (_, n) => ({ sku: `K-${String(n).padStart(6, '0')}`, quantity: (n % 7) + 1 }));
  const submitted = await call('POST', '/kibo/api/v5/inventory/refresh', { json: { locationName: location, items } });
  if (submitted.status !== 200) throw new Error(`refresh answered ${submitted.status}: ${JSON.stringify(submitted.body).slice(0, 300)}`);
  const jobId: number = submitted.body.jobID;
  const processed = async () => (await admin('GET', `/api/v1/jobs/${jobId}`)).body as { status: string; processed: number };

  // Random kill points, in order, spread over the job.
  const points = Array.from({ length: kills }, () => Math.floor(count * (0.05 + Math.random() * 0.85))).sort((a, b) => a - b);
  const killedAt: number[] = [];
  let worker: RunningServer = await deployment.addServer(workerEnv);
  for (const point of points) {
    for (;;) {
      const job = await processed();
      if (job.status === 'SUCCESS' || job.status === 'FAILED')
        throw new Error(`job finished (${job.status}, ${job.processed} processed) before kill ${killedAt.length + 1} at ${point}`);
      if (job.processed >= point) break;
      await pause(20);
    }
    await worker.kill();
    killedAt.push((await processed()).processed);
    worker = await deployment.addServer(workerEnv);
  }
  let final: Record<string, unknown> = {};
  for (;;) {
    final = (await call('GET', `/kibo/inv/api/v1/queue/${jobId}`)).body;
    if (final['status'] === 'SUCCESS' || final['status'] === 'FAILED') break;
    await pause(200);
  }
  const ledger = await listAll<{ itemId: string }>(admin, '/api/v1/ledger');
  const levels = await listAll<{ itemId: string; figures: { onHand: number } }>(admin, '/api/v1/stock-levels');
  const itemsById = new Map((await listAll<{ id: string; sku: string }>(admin, '/api/v1/items')).map((i) => [i.id, i.sku]));
  const wrongLevels = levels.filter((l) => {
    const n = Number((itemsById.get(l.itemId) ?? 'K-x').slice(2));
    return l.figures.onHand !== (n % 7) + 1;
  }).length;
  return {
    items: count,
    kills: killedAt.length,
    killedAtProcessed: killedAt.join(' '),
    status: String(final['status']),
    processedCount: Number(final['processedCount']),
    ledgerEntries: ledger.length,
    distinctItemsInLedger: new Set(ledger.map((e) => e.itemId)).size,
    wrongLevels: wrongLevels + (count - levels.length),
  };
}

/** Figures of the API killed during write bursts. */
export interface BurstCrashFigures {
  kills: number;
  sent: number;
  acknowledged: number;
  interrupted: number;
  acknowledgedMissing: number;
  integrityCheck: string;
}

/**
 * Check 4, second part: `kills` times, a SQLite API process gets a burst of writes (each a set of
 * a SKU of its own) and is killed with SIGKILL in the middle; every write it acknowledged must be
 * there afterwards and `PRAGMA integrity_check` must answer ok.
 */
export async function checkBurstCrashes(deployment: Deployment, kills: number, file: string): Promise<BurstCrashFigures> {
  const acknowledged = new Map<string, number>();
  const figures: BurstCrashFigures = { kills: 0, sent: 0, acknowledged: 0, interrupted: 0, acknowledgedMissing: 0, integrityCheck: '' };
  let server = deployment.servers[0];
  for (let round = 0; round < kills; round++) {
    const api: Client = client(server.baseUrl, deployment.adminKey);
    let stop = false;
    const writers = inParallel(
      Array.from({ length: 8 }, (_, w) => w),
      8,
      async (w) => {
        for (let n = 0; !stop; n++) {
          const sku = `B${round}-${w}-${n}`;
          const onHand = (round * 31 + w * 7 + n) % 1000;
          figures.sent++;
          const answer = await api('POST', '/api/v1/stock-levels/set', {
            json: { item: { sku }, location: { code: 'WH-BURST' }, onHand, unknownItemPolicy: 'create', createLocationsAs: 'warehouse' },
          }).catch(() => null);
          if (answer?.status === 200 && answer.body.status === 'applied') acknowledged.set(sku, onHand);
          else if (!answer) {
            figures.interrupted++;
            return;
          }
        }
      },
    );
    await pause(100 + Math.random() * 400);
    await server.kill();
    figures.kills++;
    stop = true;
    await writers;
    server = await deployment.addServer();
  }
  const api = client(server.baseUrl, deployment.adminKey);
  const skus = new Map((await listAll<{ id: string; sku: string }>(api, '/api/v1/items')).map((i) => [i.id, i.sku]));
  const stored = new Map(
    (await listAll<{ itemId: string; figures: { onHand: number } }>(api, '/api/v1/stock-levels')).map((l) => [skus.get(l.itemId), l.figures.onHand]),
  );
  figures.acknowledged = acknowledged.size;
  for (const [sku, onHand] of acknowledged) if (stored.get(sku) !== onHand) figures.acknowledgedMissing++;
  await server.kill();
  const db = new Database(file, { readonly: true });
  try {
    figures.integrityCheck = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join(',');
  } finally {
    db.close();
  }
  return figures;
}
