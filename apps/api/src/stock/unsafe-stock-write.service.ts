import { Injectable } from '@nestjs/common';
import { ConnectionRepository, InventoryReader, StockBatchWriter, type BatchReport, type CanonicalLine, type LineReport } from '@tally/inventory-application';
import { AppConfig } from '@tally/platform-node';
import type { RenderedAnswer } from './stock-write.renderer';
import { StockWriteService, type WriteAnswer, type WriteCommand } from './stock-write.service';

/**
 * The canonical writes as the reliability suite's negative controls need them (ADR 0020): bound
 * only when TALLY_UNSAFE_TEST_MODE is set, which boot refuses outside tests, so the production
 * service carries none of it.
 */
@Injectable()
export class UnsafeStockWriteService extends StockWriteService {
  /** `untenanted-idempotency`: answers memoized by key and body, without the tenant. */
  private readonly untenantedAnswers = new Map<string, RenderedAnswer>();

  constructor(
    applyBatch: StockBatchWriter,
    connections: ConnectionRepository,
    config: AppConfig,
    private readonly reader: InventoryReader,
  ) {
    super(applyBatch, connections, config);
  }

  protected override async apply(command: WriteCommand, render: (report: BatchReport) => RenderedAnswer): Promise<WriteAnswer> {
    const mode = this.config.unsafeTestMode;
    const lines = await this.unsafeLines(command.tenantId, command.lines);
    const unsafe: WriteCommand = { ...command, lines, ...(mode === 'no-idempotency' ? { idempotency: undefined } : {}) };
    if (mode === 'ack-before-commit') return this.acknowledgeFirst(unsafe, render);
    const idem = unsafe.idempotency;
    const memoKey = mode === 'untenanted-idempotency' && idem ? `${idem.scope} ${idem.key} ${idem.requestHash}` : null;
    const memoized = memoKey ? this.untenantedAnswers.get(memoKey) : undefined;
    if (memoized) return { ...memoized, replayed: true };
    const answer = await super.apply(unsafe, render);
    if (memoKey && !answer.replayed) this.untenantedAnswers.set(memoKey, answer);
    return answer;
  }

  /** `ack-before-commit`: every line answered as applied at once, written a second later. */
  private acknowledgeFirst(command: WriteCommand, render: (report: BatchReport) => RenderedAnswer): WriteAnswer {
    setTimeout(() => void this.applyBatch.execute(command).catch(() => undefined), 1000);
    const lines: LineReport[] = command.lines.map((_line, index) => ({ lineNo: index + 1, status: 'applied', itemId: null, locationId: null, warnings: [] }));
    const counts = { applied: lines.length, unchanged: 0, observed: 0, stale: 0, conflict: 0, rejected: 0 };
    return { ...render({ lines, counts, createdItemIds: [] }), replayed: false };
  }

  /** `ignore-source-time` drops source times; `lost-updates` turns an adjust into a read-modify-write. */
  private async unsafeLines(tenantId: string, lines: readonly CanonicalLine[]): Promise<CanonicalLine[]> {
    const mode = this.config.unsafeTestMode;
    if (mode === 'ignore-source-time') return lines.map((line) => ({ ...line, sourceTimestamp: null }));
    if (mode !== 'lost-updates') return [...lines];
    return Promise.all(
      lines.map(async (line) => {
        const { item, location, write } = line;
        if (write.kind !== 'adjust' || !('itemId' in item) || !('locationId' in location)) return line;
        const page = await this.reader.listLevels(tenantId, { itemId: item.itemId, locationId: location.locationId }, { limit: 1, cursor: null });
        const field = write.figure === 'on_hand' ? 'onHand' : 'availableReported';
        const value = (page.items[0]?.figures[field] ?? 0) + write.delta;
        // Widens the window between the read and the write, as a slow client would.
        await new Promise((resolveLater) => setTimeout(resolveLater, 5));
        return { ...line, write: { kind: 'set' as const, patch: { [field]: value } } };
      }),
    );
  }
}
