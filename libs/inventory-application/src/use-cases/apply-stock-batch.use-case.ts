import {
  decideIdempotency,
  DomainErrorCodes,
  emptyLineCounts,
  expandRefresh,
  expandSnapshot,
  idempotencyExpiry,
  reconcileBatch,
  type StockLine,
  type WriteContext,
} from '@tally/inventory-domain';
import { ApplicationError, ApplicationErrorCodes, type UseCaseErrorCode } from '../errors/application-error';
import type { Clock, IdGenerator } from '../ports/clock.port';
import type { InventoryStore } from '../ports/inventory-store.port';
import type { ApplyBatchCommand, BatchExecution, BatchReport, LineReport } from './apply-stock-batch.command';
import type { LineResolver } from './line-resolution.service';

/**
 * Applies a batch of canonical updates (docs/architecture.md §4): resolves every line to an item and a
 * location with batch lookups, then, in one write transaction, checks idempotency, loads
 * the state of the places touched, reconciles in the domain and saves the outcome.
 * A bad line never blocks the good lines of the same batch.
 */
export class ApplyStockBatch {
  constructor(
    private readonly store: InventoryStore,
    private readonly resolver: LineResolver,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async execute(command: ApplyBatchCommand): Promise<BatchExecution> {
    const now = this.clock.now();
    const recordedAt = now.toISOString();
    const policy = command.unknownItemPolicy ?? command.connection?.settings.unknownItemPolicy ?? 'reject';
    const lines = command.refresh ? command.lines.map((l) => ({ ...l, location: command.refresh!.location })) : command.lines;
    const refreshLocationId = command.refresh
      ? await this.resolver.resolveLocation(command.tenantId, command.refresh.location, command.createLocationsAs, recordedAt)
      : null;
    if (command.refresh && !refreshLocationId) {
      throw new ApplicationError(DomainErrorCodes.unknownLocation, 'the refreshed location is unknown', 'location');
    }
    const resolution = await this.resolver.resolve(command.tenantId, lines, policy, command.createLocationsAs, recordedAt, {
      connectionId: command.connection?.id ?? null,
      attachIdentifiers: command.connection?.settings.attachIdentifiers !== false,
    });
    const stockLines: StockLine[] = [];
    for (const line of lines) {
      const ids = resolution.resolved.get(line.lineNo);
      if (!ids) continue;
      const sourceTimestamp = normalizeSourceTime(line.sourceTimestamp);
      if (sourceTimestamp === undefined) {
        resolution.failures.set(line.lineNo, {
          code: ApplicationErrorCodes.validation,
          message: `sourceTimestamp ${String(line.sourceTimestamp)} is not an ISO-8601 time`,
          field: 'sourceTimestamp',
        });
        continue;
      }
      stockLines.push({ itemId: ids.itemId, locationId: ids.locationId, lineNo: line.lineNo, write: line.write, sourceTimestamp });
    }
    const context: WriteContext = {
      connectionId: command.connection?.id ?? null,
      actor: command.actor,
      reference: command.reference ?? command.idempotency?.key ?? null,
      recordedAt,
      refresh: Boolean(command.refresh),
    };

    return this.store.inWriteTransaction(command.tenantId, async (tx) => {
      const idem = command.idempotency;
      if (idem) {
        const decision = decideIdempotency(await tx.findIdempotency(idem.scope, idem.key), idem.requestHash, now);
        if (decision.kind === 'replay') return { kind: 'replayed', status: decision.record.status, body: decision.record.body };
        if (decision.kind === 'reject') throw new ApplicationError(decision.error.code, decision.error.message, decision.error.field);
      }
      // Only a full refresh or a snapshot needs what the connection reported before; other batches never read it.
      let toReconcile: StockLine[] = stockLines;
      if (command.refresh?.mode === 'full' && refreshLocationId && command.connection) {
        toReconcile = expandRefresh(
          // Numbered past every line of the document: a rejected last line keeps its number.
          { locationId: refreshLocationId, mode: 'full', lines: stockLines, lastLineNo: lastLineNo(lines) },
          await tx.reportedItemIds(command.connection.id, refreshLocationId),
        );
      } else if (command.snapshot && command.connection && stockLines.length) {
        const itemIds = [...new Set(stockLines.map((l) => l.itemId))];
        toReconcile = expandSnapshot({ lines: stockLines, lastLineNo: lastLineNo(lines) }, await tx.observedPlaces(command.connection.id, itemIds));
      }
      const state = await tx.loadBatchState(toReconcile);
      const outcome = reconcileBatch(state, toReconcile, context, () => this.ids.newId());
      await tx.saveOutcome(outcome, context);
      const report = buildReport(outcome.results, resolution.failures, resolution.createdItemIds);
      if (!idem || idem.checkOnly) return { kind: 'executed', report } as const;
      const response = idem.render(report);
      await tx.saveIdempotency({
        scope: idem.scope,
        key: idem.key,
        requestHash: idem.requestHash,
        status: response.status,
        body: response.body,
        createdAt: recordedAt,
        expiresAt: idempotencyExpiry(now),
      });
      return { kind: 'executed', report, response } as const;
    });
  }
}

function lastLineNo(lines: readonly { lineNo: number }[]): number {
  let last = 0;
  for (const line of lines) if (line.lineNo > last) last = line.lineNo;
  return last;
}

/** One spelling per instant, so equal times compare equal; undefined when unparseable. */
function normalizeSourceTime(value: string | null): string | null | undefined {
  if (value === null) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function buildReport(
  results: ReturnType<typeof reconcileBatch>['results'],
  failures: Map<number, { code: UseCaseErrorCode; message: string; field: string }>,
  createdItemIds: string[],
): BatchReport {
  const byLine = new Map<number, LineReport>();
  for (const [lineNo, failure] of failures) {
    byLine.set(lineNo, { lineNo, status: 'rejected', itemId: null, locationId: null, error: failure, warnings: [] });
  }
  for (const r of results) {
    // Field by field (spreading the optional parts cost more than the rest of the report), in
    // the key order answers render.
    const line: { -readonly [K in keyof LineReport]?: LineReport[K] } = { lineNo: r.lineNo, status: r.status, itemId: r.itemId, locationId: r.locationId };
    if (r.error) line.error = r.error;
    if (r.current !== undefined) line.current = r.current;
    line.warnings = r.warnings.length === 0 ? [] : r.warnings.map((w) => ({ code: w.code, message: w.message }));
    byLine.set(r.lineNo, line as LineReport);
  }
  const ordered = [...byLine.values()].sort((a, b) => a.lineNo - b.lineNo);
  const counts = emptyLineCounts();
  for (const line of ordered) counts[line.status] += 1;
  return { lines: ordered, counts, createdItemIds };
}
