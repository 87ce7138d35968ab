import type { Clock } from '../ports/clock.port';
import type { AddedJob, JobMessage, NewJob } from '../ports/job-queue.port';
import type { ConnectionRepository } from '../ports/tenancy-repository.port';
import type { CanonicalLine } from './apply-stock-batch.command';
import { activeConnectionOf, type ImportStockOptions, type ParsedStockLine } from './import-stock.use-case';
import type { StockJobs } from './stock-jobs.use-case';

/** How an import job runs: an import's options, without what only a direct run has. */
export type StockImportJobOptions = Omit<ImportStockOptions, 'dryRun' | 'chunkLines' | 'keptProblems'>;

/**
 * Accepts a stock file as a durable `IMPORT` job (ADR 0060): reads every record first, stores
 * the good lines in the job's payload and the bad ones as its first messages, and answers once
 * the queue holds the job. Workers apply it in chunks like any stock job, so it survives a
 * restart and runs on whichever worker claims it.
 */
export class SubmitStockImport {
  constructor(
    private readonly jobs: StockJobs,
    private readonly connections: ConnectionRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * @throws ApplicationError for a connection that is unknown or revoked, a header the reader
   * refuses, or `JOBS.QUOTA_EXCEEDED`; nothing is stored then.
   */
  async submit(lines: AsyncIterable<ParsedStockLine>, options: StockImportJobOptions): Promise<AddedJob> {
    await activeConnectionOf(this.connections, options.tenantId, options.connectionId);
    const parsed: ParsedStockLine[] = [];
    for await (const line of lines) parsed.push(line);
    return this.jobs.submit(importJobOf(parsed, options, this.clock.now().toISOString()));
  }
}

/** The ordering key of a tenant's imports: they run one at a time, in the order they came. */
export function importOrderingKey(tenantId: string): string {
  return `${tenantId}|import`;
}

/**
 * The job of a read file: its good lines (numbered by the file's lines) as the payload, every
 * record counted in `itemCount`, and the records that could not be read already handled, each a
 * message naming its line and field.
 */
export function importJobOf(parsed: readonly ParsedStockLine[], options: StockImportJobOptions, added: string): NewJob {
  const lines: CanonicalLine[] = [];
  const labels: string[] = [];
  const messages: JobMessage[] = [];
  for (const record of parsed) {
    if ('line' in record) {
      lines.push(record.line);
      labels[record.lineNo] = labelOf(record.line);
    } else {
      const { field, code, message } = record.problem;
      // A job message has no field of its own: it is named in the text, once.
      messages.push({ line: record.lineNo, item: null, code, message: message.startsWith(field) ? message : `${field}: ${message}` });
    }
  }
  return {
    kind: 'IMPORT',
    tenantId: options.tenantId,
    orderingKey: importOrderingKey(options.tenantId),
    locationCode: null,
    payload: {
      connectionId: options.connectionId ?? null,
      actor: options.actor,
      reference: options.reference ?? null,
      lines,
      // A file's line numbers leave holes (its header, bad records); stored JSON holds them as null.
      labels: Array.from(labels, (label) => label ?? ''),
      ...(options.createLocationsAs ? { createLocationsAs: options.createLocationsAs } : {}),
      ...(options.unknownItemPolicy ? { unknownItemPolicy: options.unknownItemPolicy } : {}),
    },
    itemCount: parsed.length,
    processed: messages.length,
    messages,
    added,
  };
}

/** How a job message names the line's item: `sku A1`, `gtin 0…`, `partNumber P`, `itemId …`. */
function labelOf(line: CanonicalLine): string {
  const ref = line.item;
  if ('sku' in ref) return `sku ${ref.sku}`;
  if ('gtin' in ref) return `gtin ${ref.gtin}`;
  if ('partNumber' in ref) return `partNumber ${ref.partNumber}`;
  if ('itemId' in ref) return `itemId ${ref.itemId}`;
  return `${ref.external.connectionId} ${ref.external.externalId}`;
}
