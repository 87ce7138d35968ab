import { Injectable } from '@nestjs/common';
import {
  ApplicationError,
  ApplicationErrorCodes,
  ConnectionRepository,
  StockBatchWriter,
  type BatchReport,
  type CanonicalLine,
  type Connection,
  type LineReport,
  type Principal,
} from '@tally/inventory-application';
import { emptyLineCounts } from '@tally/inventory-domain';
import { findUnsafeText, isSafeText } from '@tally/vendor-kit';
import { AppConfig } from '@tally/platform-node';
import { actorOf } from '../http/auth/auth.decorators';
import type { IdempotencyContext } from '../http/idempotency/idempotency-key.decorator';
import { RequestValidationError } from '../http/validation/request-validation.error';
import { LineInputError, toCanonicalLine } from './stock-line.mapper';
import type { LineTargetDto } from './stock-line.dto';
import type { StockBatchRequestDto, WriteOp, WriteOptionsDto } from './stock-write-request.dto';
import { mergeRejected, renderBatch, renderSingle, type RenderedAnswer } from './stock-write.renderer';

/** What the canonical write routes hand to the batch use case. */
export type WriteCommand = Parameters<StockBatchWriter['execute']>[0];

/** An answer to a write, and whether it replays an earlier one. */
export interface WriteAnswer extends RenderedAnswer {
  readonly replayed: boolean;
}

/**
 * Runs single and batch writes of the canonical API through the batch use case, group-committed
 * with the other single writes of the tenant (ADR 0046).
 */
@Injectable()
export class StockWriteService {
  constructor(
    protected readonly applyBatch: StockBatchWriter,
    private readonly connections: ConnectionRepository,
    protected readonly config: AppConfig,
  ) {}

  async single(principal: Principal, op: WriteOp, dto: LineTargetDto & WriteOptionsDto, idem: IdempotencyContext | null): Promise<WriteAnswer> {
    let line: CanonicalLine;
    const known = await this.knownConnections(principal.tenantId, [dto.item.connectionId]);
    try {
      requireKnownConnection(dto.item.connectionId, known, 'item.connectionId');
      line = toCanonicalLine(op, dto, 1);
    } catch (error) {
      if (error instanceof LineInputError) throw new ApplicationError(error.code, error.message, error.field);
      throw error;
    }
    return this.run(principal, dto, [line], renderSingle, idem);
  }

  async batch(principal: Principal, dto: StockBatchRequestDto, idem: IdempotencyContext | null): Promise<WriteAnswer> {
    if (dto.lines.length > this.config.batchMaxLines) {
      throw new RequestValidationError([{ field: 'lines', message: `a batch holds at most ${this.config.batchMaxLines} lines` }]);
    }
    const good: CanonicalLine[] = [];
    const rejected: LineReport[] = [];
    // The pipe leaves the lines' text to this loop, so that one bad line is refused alone.
    const checkText = this.config.unsafeTestMode !== 'skip-text-safety';
    const known = await this.knownConnections(
      principal.tenantId,
      dto.lines.map((line) => line.item.connectionId),
    );
    dto.lines.forEach((line, index) => {
      try {
        const unsafe = checkText ? findUnsafeText(line, `lines[${index}]`) : null;
        if (unsafe) throw new LineInputError(ApplicationErrorCodes.validation, unsafe.message, unsafe.field);
        requireKnownConnection(line.item.connectionId, known, `lines[${index}].item.connectionId`);
        good.push(toCanonicalLine(line.op, line, index + 1, `lines[${index}].`));
      } catch (error) {
        if (!(error instanceof LineInputError)) throw error;
        const failure = { code: error.code, message: error.message, field: error.field };
        rejected.push({ lineNo: index + 1, status: 'rejected', itemId: null, locationId: null, error: failure, warnings: [] });
      }
    });
    return this.run(principal, dto, good, (report) => renderBatch(mergeRejected(report, rejected)), idem);
  }

  private async run(
    principal: Principal,
    options: WriteOptionsDto,
    lines: CanonicalLine[],
    render: (report: BatchReport) => RenderedAnswer,
    idem: IdempotencyContext | null,
  ): Promise<WriteAnswer> {
    const connection = await this.connectionOf(principal.tenantId, options.connectionId);
    if (lines.length === 0) {
      // Every line was refused on its own content: nothing to apply, and the same request always gets this answer.
      // `render` adds the refused lines itself, as it does to a report of the lines applied.
      const empty: BatchReport = { lines: [], counts: emptyLineCounts(), createdItemIds: [] };
      return { ...render(empty), replayed: false };
    }
    const command: WriteCommand = {
      tenantId: principal.tenantId,
      connection,
      actor: actorOf(principal),
      reference: options.reference ?? null,
      lines,
      ...(options.unknownItemPolicy ? { unknownItemPolicy: options.unknownItemPolicy } : {}),
      ...(options.createLocationsAs ? { createLocationsAs: options.createLocationsAs } : {}),
      ...(idem ? { idempotency: { ...idem, render } } : {}),
    };
    return this.apply(command, render);
  }

  /** Runs one write command; the reliability suite's unsafe variant overrides it (ADR 0020). */
  protected async apply(command: WriteCommand, render: (report: BatchReport) => RenderedAnswer): Promise<WriteAnswer> {
    const execution = await this.applyBatch.execute(command);
    if (execution.kind === 'replayed') return { status: execution.status, body: execution.body, replayed: true };
    return { ...(execution.response ?? render(execution.report)), replayed: false };
  }

  /**
   * The ids among `ids` that name a connection of the tenant, read in one query whatever the
   * number of lines. An unsafe id (a batch line not checked yet) is never looked up: its line is
   * refused for its text first.
   */
  private async knownConnections(tenantId: string, ids: readonly (string | undefined)[]): Promise<ReadonlySet<string>> {
    const wanted = new Set(ids.filter((id): id is string => id !== undefined && isSafeText(id)));
    if (wanted.size === 0) return wanted;
    return new Set((await this.connections.list(tenantId)).map((c) => c.id).filter((id) => wanted.has(id)));
  }

  private async connectionOf(tenantId: string, connectionId: string | undefined): Promise<Connection | null> {
    if (connectionId === undefined) return null;
    const connection = await this.connections.get(tenantId, connectionId);
    if (!connection) throw new RequestValidationError([{ field: 'connectionId', message: `no connection ${connectionId}` }]);
    if (connection.status !== 'active') {
      throw new ApplicationError(ApplicationErrorCodes.connectionRevoked, `connection ${connectionId} is revoked`, 'connectionId');
    }
    return connection;
  }
}

/**
 * An external id belongs to a connection of the tenant: one it does not have (another tenant's
 * included, which must not be told apart from a missing one) is 404 naming the field, never an
 * identifier stored against nothing.
 * @throws LineInputError
 */
function requireKnownConnection(connectionId: string | undefined, known: ReadonlySet<string>, field: string): void {
  if (connectionId !== undefined && !known.has(connectionId)) {
    throw new LineInputError(ApplicationErrorCodes.notFound, `no connection ${connectionId}`, field);
  }
}
