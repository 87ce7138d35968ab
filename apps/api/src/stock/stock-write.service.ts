import { Injectable } from '@nestjs/common';
import {
  ApplicationError,
  ApplyStockBatch,
  ConnectionRepository,
  InventoryReader,
  type BatchReport,
  type CanonicalLine,
  type Connection,
  type LineReport,
  type Principal,
} from '@tally/inventory-application';
import { AppConfig } from '../config/app.config';
import { actorOf } from '../http/auth/auth.decorators';
import type { IdempotencyContext } from '../http/idempotency/idempotency-key.decorator';
import { RequestValidationError } from '../http/validation/request-validation.error';
import { LineInputError, toCanonicalLine } from './stock-line.mapper';
import type { LineTargetDto } from './stock-line.dto';
import type { StockBatchRequestDto, WriteOp, WriteOptionsDto } from './stock-write-request.dto';
import { mergeRejected, renderBatch, renderSingle, type RenderedAnswer } from './stock-write.renderer';

/** An answer to a write, and whether it replays an earlier one. */
export interface WriteAnswer extends RenderedAnswer {
  readonly replayed: boolean;
}

/** Runs single and batch writes of the canonical API through the batch use case. */
@Injectable()
export class StockWriteService {
  /** Only filled under the `untenanted-idempotency` negative control. */
  private readonly untenantedAnswers = new Map<string, RenderedAnswer>();

  constructor(
    private readonly applyBatch: ApplyStockBatch,
    private readonly connections: ConnectionRepository,
    private readonly config: AppConfig,
    private readonly reader: InventoryReader,
  ) {}

  async single(principal: Principal, op: WriteOp, dto: LineTargetDto & WriteOptionsDto, idem: IdempotencyContext | null): Promise<WriteAnswer> {
    let line: CanonicalLine;
    try {
      line = toCanonicalLine(op, dto, 1);
    } catch (error) {
      if (error instanceof LineInputError) throw new ApplicationError(error.code, error.message, error.field);
      throw error;
    }
    return this.run(principal, dto, [line], [], renderSingle, idem);
  }

  async batch(principal: Principal, dto: StockBatchRequestDto, idem: IdempotencyContext | null): Promise<WriteAnswer> {
    if (dto.lines.length > this.config.batchMaxLines) {
      throw new RequestValidationError([{ field: 'lines', message: `a batch holds at most ${this.config.batchMaxLines} lines` }]);
    }
    const good: CanonicalLine[] = [];
    const rejected: LineReport[] = [];
    dto.lines.forEach((line, index) => {
      try {
        good.push(toCanonicalLine(line.op, line, index + 1, `lines[${index}].`));
      } catch (error) {
        if (!(error instanceof LineInputError)) throw error;
        const failure = { code: error.code, message: error.message, field: error.field };
        rejected.push({ lineNo: index + 1, status: 'rejected', itemId: null, locationId: null, error: failure, warnings: [] });
      }
    });
    return this.run(principal, dto, good, rejected, (report) => renderBatch(mergeRejected(report, rejected)), idem);
  }

  private async run(
    principal: Principal,
    options: WriteOptionsDto,
    lines: CanonicalLine[],
    rejected: LineReport[],
    render: (report: BatchReport) => RenderedAnswer,
    idem: IdempotencyContext | null,
  ): Promise<WriteAnswer> {
    const connection = await this.connectionOf(principal.tenantId, options.connectionId);
    if (this.config.unsafeTestMode) {
      lines = await this.unsafeLines(principal.tenantId, lines);
      if (this.config.unsafeTestMode === 'no-idempotency') idem = null;
    }
    if (lines.length === 0) {
      // Every line was refused on its own content: nothing to apply, and the same request always gets this answer.
      const empty: BatchReport = { lines: [], counts: { applied: 0, unchanged: 0, stale: 0, conflict: 0, rejected: 0 }, createdItemIds: [] };
      return { ...render(mergeRejected(empty, rejected)), replayed: false };
    }
    const command = {
      tenantId: principal.tenantId,
      connection,
      actor: actorOf(principal),
      reference: options.reference ?? null,
      lines,
      ...(options.unknownItemPolicy ? { unknownItemPolicy: options.unknownItemPolicy } : {}),
      ...(options.createLocationsAs ? { createLocationsAs: options.createLocationsAs } : {}),
      ...(idem ? { idempotency: { ...idem, render } } : {}),
    };
    if (this.config.unsafeTestMode === 'ack-before-commit') return this.acknowledgeFirst(command, render);
    // The `untenanted-idempotency` negative control (ADR 0020): a memo keyed without the tenant.
    const memoKey = this.config.unsafeTestMode === 'untenanted-idempotency' && idem ? `${idem.scope} ${idem.key} ${idem.requestHash}` : null;
    const memoized = memoKey ? this.untenantedAnswers.get(memoKey) : undefined;
    if (memoized) return { ...memoized, replayed: true };
    const execution = await this.applyBatch.execute(command);
    if (execution.kind === 'replayed') return { status: execution.status, body: execution.body, replayed: true };
    const answer = execution.response ?? render(execution.report);
    if (memoKey) this.untenantedAnswers.set(memoKey, answer);
    return { ...answer, replayed: false };
  }

  private async connectionOf(tenantId: string, connectionId: string | undefined): Promise<Connection | null> {
    if (connectionId === undefined) return null;
    const connection = await this.connections.get(tenantId, connectionId);
    if (!connection) throw new RequestValidationError([{ field: 'connectionId', message: `no connection ${connectionId}` }]);
    if (connection.status !== 'active') {
      throw new ApplicationError('CONNECTION.REVOKED', `connection ${connectionId} is revoked`, 'connectionId');
    }
    return connection;
  }

  /**
   * The `ack-before-commit` negative control (ADR 0020): answers every line as applied at once and
   * writes a second later, so a crash in between loses acknowledged writes.
   */
  private acknowledgeFirst(command: Parameters<ApplyStockBatch['execute']>[0], render: (report: BatchReport) => RenderedAnswer): WriteAnswer {
    setTimeout(() => void this.applyBatch.execute(command).catch(() => undefined), 1000);
    const lines: LineReport[] = command.lines.map((_line, index) => ({ lineNo: index + 1, status: 'applied', itemId: null, locationId: null, warnings: [] }));
    const counts = { applied: lines.length, unchanged: 0, stale: 0, conflict: 0, rejected: 0 };
    return { ...render({ lines, counts, createdItemIds: [] }), replayed: false };
  }

  /**
   * The negative controls of the reliability suite (ADR 0020): only with TALLY_UNSAFE_TEST_MODE,
   * which boot refuses outside tests. `lost-updates` turns an adjust into a read-modify-write.
   */
  private async unsafeLines(tenantId: string, lines: CanonicalLine[]): Promise<CanonicalLine[]> {
    const mode = this.config.unsafeTestMode;
    if (mode === 'ignore-source-time') return lines.map((line) => ({ ...line, sourceTimestamp: null }));
    if (mode !== 'lost-updates') return lines;
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
