import {
  decideIdempotency,
  DomainErrorCodes,
  emptyLineCounts,
  err,
  expandRefresh,
  expandSnapshot,
  idempotencyExpiry,
  ok,
  reconcileBatch,
  type StockLine,
  type WriteContext,
} from '@tally/inventory-domain';
import { ApplicationError, ApplicationErrorCodes, type UseCaseErrorCode } from '../errors/application-error';
import type { Clock, IdGenerator } from '../ports/clock.port';
import type { InventoryStore, InventoryWriteTransaction } from '../ports/inventory-store.port';
import type { CommittedBatch, StockWriteObserver } from '../ports/stock-write-observer.port';
import {
  errorOfLine,
  type ApplyBatchCommand,
  type BatchExecution,
  type BatchReport,
  type CanonicalLine,
  type GroupedExecution,
  type LineReport,
  type StockBatchWriter,
} from './apply-stock-batch.command';
import type { LineResolver } from './line-resolution.service';

/**
 * Applies a batch of canonical updates (docs/architecture.md §4): resolves every line to an item and a
 * location with batch lookups, then, in one write transaction, checks idempotency, loads
 * the state of the places touched, reconciles in the domain and saves the outcome.
 * A bad line never blocks the good lines of the same batch.
 */
export class ApplyStockBatch implements StockBatchWriter {
  constructor(
    private readonly store: InventoryStore,
    private readonly resolver: LineResolver,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly observer: StockWriteObserver | null = null,
  ) {}

  async execute(command: ApplyBatchCommand): Promise<BatchExecution> {
    const prepared = await this.prepare(command);
    const execution = await this.store.inWriteTransaction(command.tenantId, (tx) => this.write(tx, prepared));
    this.observe(command, execution);
    return execution;
  }

  /**
   * Group commit (ADR 0046): applies commands of one tenant in one write transaction, in the
   * order given, answering each its own execution or the error it alone threw. Lines are
   * resolved per command before the transaction; inside it a later command sees what the
   * earlier ones wrote (the second of two with one idempotency key replays or refuses as if sent
   * after the first). Commands rarely throw (an idempotency key reused with another body), so
   * the group first runs without savepoints, which cost two round trips per command on
   * PostgreSQL; if a command throws, the group runs again with each command in a savepoint, so
   * the one that threw undoes only its own writes, and if that fails too, each command alone. A
   * lost race reruns the whole group; nothing is answered before the group committed.
   */
  async executeGroup(commands: readonly ApplyBatchCommand[]): Promise<GroupedExecution[]> {
    const tenantId = commands[0]?.tenantId;
    if (tenantId === undefined) return [];
    if (commands.some((c) => c.tenantId !== tenantId)) throw new Error('a group holds the commands of one tenant');
    const prepared = await Promise.all(commands.map((c) => this.prepare(c).then(ok, (error: unknown) => err(error))));
    const runnable = prepared.flatMap((p) => (p.ok ? [p.value] : []));
    let written: GroupedExecution[];
    try {
      written = await this.store.inWriteTransaction(tenantId, async (tx) => {
        if (runnable.length > 1) tx.holdSeveralCommands();
        const out: GroupedExecution[] = [];
        for (const p of runnable) out.push(ok(await this.write(tx, p)));
        return out;
      });
    } catch (error) {
      if (runnable.length <= 1) written = [err(error)];
      else written = await this.isolatedEach(tenantId, runnable);
    }
    let next = 0;
    const answers = prepared.map((p) => (p.ok ? written[next++] : p));
    answers.forEach((answer, n) => answer.ok && this.observe(commands[n], answer.value));
    return answers;
  }

  /** Tells the observer what a committed batch did; a replay wrote nothing. */
  private observe(command: ApplyBatchCommand, execution: BatchExecution): void {
    if (this.observer && execution.kind === 'executed' && !command.dryRun)
      this.observer.committed(command.connection?.dialect ?? 'canonical', execution.report.counts, {
        tenantId: command.tenantId,
        connectionId: command.connection?.id ?? null,
        refused: refusedOf(execution.report),
      });
  }

  /**
   * The group again after one of its commands threw: one transaction, each command in a
   * savepoint, so the one that threw undoes only its own writes; if that transaction fails too,
   * each command alone.
   */
  private async isolatedEach(tenantId: string, runnable: readonly PreparedBatch[]): Promise<GroupedExecution[]> {
    try {
      return await this.store.inWriteTransaction(tenantId, async (tx) => {
        const out: GroupedExecution[] = [];
        for (const p of runnable) out.push(await tx.isolated(() => this.write(tx, p)));
        return out;
      });
    } catch {
      return this.oneByOne(runnable);
    }
  }

  private async oneByOne(runnable: readonly PreparedBatch[]): Promise<GroupedExecution[]> {
    const out: GroupedExecution[] = [];
    for (const p of runnable) {
      out.push(await this.store.inWriteTransaction(p.command.tenantId, (tx) => this.write(tx, p)).then(ok, (error: unknown) => err(error)));
    }
    return out;
  }

  /** Resolves the lines of a command to items and locations, outside the write transaction. */
  private async prepare(command: ApplyBatchCommand): Promise<PreparedBatch> {
    const now = this.clock.now();
    const recordedAt = now.toISOString();
    const policy = command.unknownItemPolicy ?? command.connection?.settings.unknownItemPolicy ?? 'reject';
    if (command.dryRun && (command.refresh || command.snapshot || command.idempotency)) {
      throw new Error('a dry run applies a plain batch: no refresh, snapshot or idempotency');
    }
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
      ...(command.dryRun ? { provisionalId: () => this.ids.newId() } : {}),
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
    return { command, now, lines, refreshLocationId, stockLines, failures: resolution.failures, createdItemIds: resolution.createdItemIds, context };
  }

  /** Checks idempotency, reconciles and saves one prepared command in the transaction `tx`. */
  private async write(tx: InventoryWriteTransaction, prepared: PreparedBatch): Promise<BatchExecution> {
    const { command, now, lines, refreshLocationId, stockLines, context } = prepared;
    const idem = command.idempotency;
    if (idem) {
      const decision = decideIdempotency(await tx.findIdempotency(idem.scope, idem.key), idem.requestHash, now);
      if (decision.kind === 'replay') return { kind: 'replayed', status: decision.record.status, body: decision.record.body };
      if (decision.kind === 'reject') throw new ApplicationError(decision.error.code, decision.error.message, decision.error.field);
    }
    // Only a full refresh or a snapshot needs what the connection reported before; other batches never read it.
    let toReconcile: readonly StockLine[] = stockLines;
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
    if (!command.dryRun) await tx.saveOutcome(outcome, context);
    const report = buildReport(outcome.results, prepared.failures, prepared.createdItemIds);
    if (!idem || idem.checkOnly) return { kind: 'executed', report } as const;
    const response = idem.render(report);
    await tx.saveIdempotency({
      scope: idem.scope,
      key: idem.key,
      requestHash: idem.requestHash,
      status: response.status,
      body: response.body,
      createdAt: context.recordedAt,
      expiresAt: idempotencyExpiry(now),
    });
    return { kind: 'executed', report, response } as const;
  }
}

/** A command with its lines resolved, ready for the write transaction. */
interface PreparedBatch {
  readonly command: ApplyBatchCommand;
  readonly now: Date;
  readonly lines: readonly CanonicalLine[];
  readonly refreshLocationId: string | null;
  readonly stockLines: readonly StockLine[];
  readonly failures: ReadonlyMap<number, { code: UseCaseErrorCode; message: string; field: string }>;
  readonly createdItemIds: string[];
  readonly context: WriteContext;
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
  failures: ReadonlyMap<number, { code: UseCaseErrorCode; message: string; field: string }>,
  createdItemIds: readonly string[],
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

/** The lines a connection should hear about: rejected or in conflict (a stale line is an older report, not a fault). */
function refusedOf(report: BatchReport): CommittedBatch['refused'] {
  const count = report.counts.rejected + report.counts.conflict;
  const first = count > 0 ? report.lines.find((l) => l.status === 'rejected' || l.status === 'conflict') : undefined;
  if (!first) return null;
  const error = errorOfLine(first);
  // The status the canonical batch would give the line alone.
  return { count, status: first.status === 'conflict' ? 409 : 422, code: error.code, message: `line ${first.lineNo}: ${error.message}` };
}
