import { parentPort, workerData } from 'node:worker_threads';
import { IssueAccessTokens, ManageConnections, type StockWriteObserver } from '@tally/inventory-application';
import { createPersistence, UuidV7IdGenerator } from '@tally/persistence-sql';
import { CruxGroupRunner, cruxDialect, type CruxCall } from '@tally/vendor-crux';
import { DialectCatalog } from '../../dialects/dialect.catalog';
import { createApplyStockBatch, createSecretHasher, SystemClock } from '@tally/platform-node';
import type { CommittedLines } from '../../metrics/committed-lines.model';
import { threadErrorOf, type CruxWriteCommand, type CruxWriteReport, type CruxWriteThreadData } from './crux-write-thread.protocol';

/** PostgreSQL connections of the thread: two groups run at once, each with one token check and one transaction. */
const CRUX_THREAD_POOL_SIZE = 4;

/**
 * Entry of the Crux write thread (ADR 0026): its own database connection and the use cases a
 * group needs, no NestJS. Groups run as they come; `stop` lets those in flight commit and
 * answer, closes the connection and ends the thread.
 */
async function main(port: NonNullable<typeof parentPort>, data: CruxWriteThreadData): Promise<void> {
  const report = (message: CruxWriteReport) => port.postMessage(message);
  // Migrations and checkpoints are the main thread's; this connection only reads and writes.
  const persistence = await createPersistence(data.databaseUrl, { migrate: false, backgroundCheckpoints: false, poolSize: CRUX_THREAD_POOL_SIZE });
  const clock = new SystemClock();
  const ids = new UuidV7IdGenerator();
  const hasher = createSecretHasher(data.unsafeTestMode);
  // This thread only checks Crux tokens: it needs no other dialect.
  const connections = new ManageConnections(persistence.connections, hasher, clock, ids, new DialectCatalog([cruxDialect]));
  const tokens = new IssueAccessTokens(persistence.accessTokens, connections, hasher, clock, {
    tokensOutliveRotation: data.unsafeTestMode === 'tokens-outlive-rotation',
  });
  // Counted here, reported with the next answer: the metrics live on the main thread.
  let committed: CommittedLines[] = [];
  const observer: StockWriteObserver = { committed: (dialect, counts, batch) => committed.push({ dialect, counts, ...(batch ? { batch } : {}) }) };
  const takeCommitted = () => {
    const taken = committed;
    committed = [];
    return taken;
  };
  const runner = new CruxGroupRunner(createApplyStockBatch(persistence, clock, ids, observer), tokens);
  let inFlight = 0;
  let stopping = false;
  const endWhenIdle = () => {
    if (stopping && inFlight === 0) void persistence.close().finally(() => port.close());
  };
  port.on('message', (command: CruxWriteCommand) => {
    if (command.type === 'stop') {
      stopping = true;
      endWhenIdle();
      return;
    }
    inFlight++;
    runner
      .run(command.token, JSON.parse(command.calls) as CruxCall[])
      .then(
        (results) => report({ type: 'done', id: command.id, results: JSON.stringify(results), committed: takeCommitted() }),
        (error: unknown) => report({ type: 'failed', id: command.id, error: threadErrorOf(error) }),
      )
      .finally(() => {
        inFlight--;
        endWhenIdle();
      });
  });
}

if (parentPort) {
  const port = parentPort;
  main(port, workerData as CruxWriteThreadData).catch((error: unknown) => {
    port.postMessage({ type: 'error', message: `Crux write thread could not start: ${(error as Error).message}` } satisfies CruxWriteReport);
    process.exit(1);
  });
}
