import { StockBatchWriter, type ApplyBatchCommand, type ApplyStockBatch, type BatchExecution, type GroupedExecution } from '@tally/inventory-application';
import { GroupCommitQueue, type Defer, type GroupCommitOptions } from './group-commit.queue';

/**
 * The one write path of the single-write routes (canonical writes, Comestri, Marketplacer,
 * RetailOPS; ADR 0046): commands of one tenant that arrive while a group of that tenant runs
 * wait, then run together through {@link ApplyStockBatch.executeGroup}, one transaction for
 * all, in arrival order. Each caller gets its own execution, or the error its own command
 * threw, once the group committed; a group is bounded by its lines (`maxGroupSize`).
 */
export class GroupCommittedStockWriter extends StockBatchWriter {
  private readonly queue: GroupCommitQueue<ApplyBatchCommand, GroupedExecution>;

  constructor(apply: Pick<ApplyStockBatch, 'executeGroup'>, defer: Defer, options: GroupCommitOptions = {}) {
    super();
    this.queue = new GroupCommitQueue((_tenantId, commands) => apply.executeGroup(commands), defer, options);
  }

  async execute(command: ApplyBatchCommand): Promise<BatchExecution> {
    const outcome = await this.queue.submit(command.tenantId, command, Math.max(1, command.lines.length));
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }
}
