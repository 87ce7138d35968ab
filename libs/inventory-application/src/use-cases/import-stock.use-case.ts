import { emptyLineCounts, type LineStatus } from '@tally/inventory-domain';
import { ApplicationError, ApplicationErrorCodes, type UseCaseErrorCode } from '../errors/application-error';
import type { LocationKind } from '../model/catalog.model';
import type { Connection, UnknownItemPolicy } from '../model/tenancy.model';
import type { ConnectionRepository } from '../ports/tenancy-repository.port';
import { errorOfLine, type CanonicalLine, type StockBatchWriter } from './apply-stock-batch.command';

/** Lines applied per batch unless the caller says otherwise. */
export const IMPORT_CHUNK_LINES = 1000;
/** Bad lines kept in the report unless the caller says otherwise; the rest are counted. */
export const IMPORT_KEPT_PROBLEMS = 10_000;

/** Why one line of an imported document was not applied. */
export interface ImportProblem {
  /** The line of the document the record starts on (1-based). */
  readonly lineNo: number;
  readonly field: string;
  readonly code: UseCaseErrorCode;
  readonly message: string;
}

/** One record read from a document: a line to apply, or why it cannot be one. */
export type ParsedStockLine =
  { readonly lineNo: number; readonly line: CanonicalLine } | { readonly lineNo: number; readonly problem: Omit<ImportProblem, 'lineNo'> };

/** How an import runs; the same for every line. */
export interface ImportStockOptions {
  readonly tenantId: string;
  /** Who imports, kept in the ledger (`cli:<user>`, `api-key:<id>`). */
  readonly actor: string;
  /** Kept in the ledger with every change (the file's name, say). */
  readonly reference?: string | null;
  /** Validates and reconciles against the current levels; writes nothing. */
  readonly dryRun?: boolean;
  /** Report as this connection of the tenant (its unknown-item policy applies). */
  readonly connectionId?: string;
  /** Overrides the connection's policy; without either, unknown items are rejected (as in batches). */
  readonly unknownItemPolicy?: UnknownItemPolicy;
  /** Unknown location codes are created as this kind (a line may name its own); else rejected. */
  readonly createLocationsAs?: LocationKind;
  /** Lines per batch. Default {@link IMPORT_CHUNK_LINES}. */
  readonly chunkLines?: number;
  /** Bad lines kept in the report. Default {@link IMPORT_KEPT_PROBLEMS}. */
  readonly keptProblems?: number;
}

/** What an import did, or (dry run) would do. */
export interface ImportReport {
  readonly dryRun: boolean;
  /** Records read (a header and blank lines are not records). */
  readonly linesRead: number;
  /** Lines per outcome; `rejected` includes the lines that could not be read. */
  readonly counts: Readonly<Record<LineStatus, number>>;
  /** Each bad line, stale or conflicting line, in document order, up to the kept number. */
  readonly problems: readonly ImportProblem[];
  /** Bad lines past the kept number, counted only. */
  readonly problemsOmitted: number;
  /**
   * Items the import created (a dry run: would create). Each chunk counts its own, so an item
   * first named in two chunks of a dry run counts twice; the real import creates it once.
   */
  readonly itemsCreated: number;
}

/** Told after each chunk: the report so far and the problems of that chunk. */
export type ImportProgress = (report: ImportReport, chunkProblems: readonly ImportProblem[]) => void;

/**
 * Imports a document of stock lines read by a file adapter: applies them in chunks through the
 * batch write use case (docs/architecture.md §4.6: a bad line never blocks the good lines of
 * its chunk), so memory holds one chunk whatever the document's size (ADR 0056).
 */
export class ImportStock {
  constructor(
    private readonly writer: StockBatchWriter,
    private readonly connections: ConnectionRepository,
  ) {}

  /** @throws ApplicationError when `connectionId` names no active connection of the tenant. */
  async run(lines: AsyncIterable<ParsedStockLine>, options: ImportStockOptions, onProgress?: ImportProgress): Promise<ImportReport> {
    const connection = await this.connectionOf(options);
    const chunkLines = Math.max(1, options.chunkLines ?? IMPORT_CHUNK_LINES);
    const tally = new ImportTally(options.dryRun === true, options.keptProblems ?? IMPORT_KEPT_PROBLEMS);
    let chunk: ParsedStockLine[] = [];
    const flush = async () => {
      const problems = await this.applyChunk(chunk, options, connection);
      tally.add(chunk.length, problems.counts, problems.problems, problems.itemsCreated);
      chunk = [];
      onProgress?.(tally.report(), problems.problems);
    };
    for await (const parsed of lines) {
      chunk.push(parsed);
      if (chunk.length >= chunkLines) await flush();
    }
    if (chunk.length > 0) await flush();
    return tally.report();
  }

  private async applyChunk(
    chunk: readonly ParsedStockLine[],
    options: ImportStockOptions,
    connection: Connection | null,
  ): Promise<{ counts: Record<LineStatus, number>; problems: ImportProblem[]; itemsCreated: number }> {
    const counts = emptyLineCounts();
    let itemsCreated = 0;
    const problems: ImportProblem[] = [];
    const good: CanonicalLine[] = [];
    for (const parsed of chunk) {
      if ('line' in parsed) good.push(parsed.line);
      else {
        counts.rejected += 1;
        problems.push({ lineNo: parsed.lineNo, ...parsed.problem });
      }
    }
    if (good.length > 0) {
      const execution = await this.writer.execute({
        tenantId: options.tenantId,
        connection,
        actor: options.actor,
        reference: options.reference ?? null,
        lines: good,
        ...(options.unknownItemPolicy ? { unknownItemPolicy: options.unknownItemPolicy } : {}),
        ...(options.createLocationsAs ? { createLocationsAs: options.createLocationsAs } : {}),
        ...(options.dryRun ? { dryRun: true } : {}),
      });
      // Without an idempotency key a batch always runs.
      if (execution.kind !== 'executed') throw new Error('an import batch was replayed');
      itemsCreated = execution.report.createdItemIds.length;
      for (const line of execution.report.lines) {
        counts[line.status] += 1;
        if (line.status === 'rejected' || line.status === 'stale' || line.status === 'conflict') {
          const error = errorOfLine(line);
          problems.push({ lineNo: line.lineNo, field: ('field' in error && error.field) || 'line', code: error.code, message: error.message });
        }
      }
    }
    problems.sort((a, b) => a.lineNo - b.lineNo);
    return { counts, problems, itemsCreated };
  }

  private connectionOf(options: ImportStockOptions): Promise<Connection | null> {
    return activeConnectionOf(this.connections, options.tenantId, options.connectionId);
  }
}

/**
 * The connection an import reports as, or null without one.
 * @throws ApplicationError `RESOURCE.NOT_FOUND` or `CONNECTION.REVOKED` (field `connectionId`).
 */
export async function activeConnectionOf(connections: ConnectionRepository, tenantId: string, connectionId: string | undefined): Promise<Connection | null> {
  if (connectionId === undefined) return null;
  const connection = await connections.get(tenantId, connectionId);
  if (!connection) throw new ApplicationError(ApplicationErrorCodes.notFound, `no connection ${connectionId}`, 'connectionId');
  if (connection.status !== 'active') {
    throw new ApplicationError(ApplicationErrorCodes.connectionRevoked, `connection ${connectionId} is revoked`, 'connectionId');
  }
  return connection;
}

/** The running totals of an import. */
class ImportTally {
  private linesRead = 0;
  private readonly counts = emptyLineCounts();
  private readonly problems: ImportProblem[] = [];
  private omitted = 0;
  private itemsCreated = 0;

  constructor(
    private readonly dryRun: boolean,
    private readonly kept: number,
  ) {}

  add(lines: number, counts: Readonly<Record<LineStatus, number>>, problems: readonly ImportProblem[], itemsCreated: number): void {
    this.linesRead += lines;
    this.itemsCreated += itemsCreated;
    for (const status of Object.keys(counts) as LineStatus[]) this.counts[status] += counts[status];
    for (const problem of problems) {
      if (this.problems.length < this.kept) this.problems.push(problem);
      else this.omitted += 1;
    }
  }

  report(): ImportReport {
    return {
      dryRun: this.dryRun,
      linesRead: this.linesRead,
      counts: { ...this.counts },
      problems: [...this.problems],
      problemsOmitted: this.omitted,
      itemsCreated: this.itemsCreated,
    };
  }
}
