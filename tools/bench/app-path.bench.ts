import { randomUUID } from 'node:crypto';
import { reconcileBatch, type StockLine, type WriteContext } from '@tally/inventory-domain';
import type { Persistence } from '@tally/persistence-sql';
import { valueOf, type Workload } from './workload';

/**
 * Writes every batch through the application path: one write transaction per batch that
 * loads the state, reconciles it in the domain and saves the outcome. Answers the seconds taken.
 */
export async function runAppPhase(p: Persistence, workload: Workload, phase: 'insert' | 'update'): Promise<number> {
  const started = process.hrtime.bigint();
  let index = 0;
  for (const batch of workload.batches) {
    const lines: StockLine[] = batch.map((place, n) => ({
      ...place,
      lineNo: n + 1,
      write: { kind: 'set', patch: { onHand: valueOf(phase, index + n) } },
      sourceTimestamp: null,
    }));
    index += batch.length;
    const context: WriteContext = { connectionId: null, actor: 'bench', reference: null, recordedAt: new Date().toISOString() };
    await p.store.inWriteTransaction(workload.tenantId, async (tx) => {
      const state = await tx.loadBatchState(lines);
      const outcome = reconcileBatch(state, lines, context, randomUUID);
      if (outcome.changedLevels.length !== lines.length) throw new Error(`expected ${lines.length} changes, got ${outcome.changedLevels.length}`);
      await tx.saveOutcome(outcome, context);
    });
  }
  return Number(process.hrtime.bigint() - started) / 1e9;
}
