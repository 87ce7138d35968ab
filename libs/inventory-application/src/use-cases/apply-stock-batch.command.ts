import { DomainErrorCodes, type DomainError, type LineStatus, type Result, type StockWrite } from '@tally/inventory-domain';
import type { UseCaseErrorCode } from '../errors/application-error';
import type { ExternalItemId, ItemReference, LocationKind } from '../model/catalog.model';
import type { Connection, UnknownItemPolicy } from '../model/tenancy.model';

/** A line as a caller (an adapter or the canonical API) sends it: not yet resolved. */
export interface CanonicalLine {
  /** Position in the caller's document. */
  readonly lineNo: number;
  readonly item: ItemReference;
  readonly location: { readonly locationId: string } | { readonly code: string };
  readonly write: StockWrite;
  readonly sourceTimestamp: string | null;
  /** A name for the item, used when the line creates it. */
  readonly itemName?: string | null;
  /**
   * Further identifiers of the same item: the line matches the item any of its identifiers
   * names, and the ones not known yet are attached to it (or given to the item it creates).
   */
  readonly itemIdentifiers?: {
    readonly sku?: string;
    readonly gtin?: string;
    readonly partNumber?: string;
    readonly external?: readonly ExternalItemId[];
  };
  /** Kind the line's location is created as when unknown; overrides the command's `createLocationsAs`. */
  readonly createLocationAs?: LocationKind;
}

/** Idempotency of one request (docs/architecture.md §4.4). `render` turns a report into the answer kept. */
export interface IdempotencyRequest {
  readonly scope: string;
  readonly key: string;
  readonly requestHash: string;
  readonly render: (report: BatchReport) => { status: number; body: unknown };
  /**
   * Decide only: an earlier answer is replayed and a reused key refused as usual, but a batch
   * that runs stores no answer. For a request applied as several batches: its first batch checks,
   * its last one stores the answer of the whole request.
   */
  readonly checkOnly?: boolean;
}

/** Apply a batch of canonical updates. */
export interface ApplyBatchCommand {
  readonly tenantId: string;
  /** The reporting connection, or null for a direct write through the canonical API. */
  readonly connection: Connection | null;
  readonly actor: string;
  readonly reference: string | null;
  readonly lines: readonly CanonicalLine[];
  /** Overrides the connection's policy; defaults to it, or `reject` without a connection. */
  readonly unknownItemPolicy?: UnknownItemPolicy;
  /** Kind of the locations the batch may create (a line may name its own); without either, unknown location codes are rejected. */
  readonly createLocationsAs?: LocationKind;
  /** Set for a location refresh; every line's location must then be that location. */
  readonly refresh?: { readonly mode: 'partial' | 'full'; readonly location: { locationId: string } | { code: string } };
  /**
   * Set when each line's item is reported whole by the connection (ADR 0031): the places where
   * the connection has a present observation of an item of the batch and that no line names
   * are zeroed in the same transaction (cause `snapshot_zeroed`). Needs a connection.
   */
  readonly snapshot?: boolean;
  readonly idempotency?: IdempotencyRequest;
  /**
   * Validates, resolves and reconciles against the current levels, and writes nothing: no item,
   * location, identifier, level, ledger entry or idempotency record. Items and locations the
   * batch would create get provisional ids in the report. Not with `refresh` or `snapshot`.
   */
  readonly dryRun?: boolean;
}

/** The report of one line, in document order. */
export interface LineReport {
  readonly lineNo: number;
  readonly status: LineStatus;
  readonly itemId: string | null;
  readonly locationId: string | null;
  readonly error?: DomainError | { code: UseCaseErrorCode; message: string; field?: string };
  readonly current?: number | null;
  readonly warnings: readonly { code: UseCaseErrorCode; message: string }[];
}

/**
 * The error of a refused line (stale, conflict, rejected). The domain always sets one; a line
 * without it is named as the canonical API names it: `INVENTORY.STALE_UPDATE` when stale,
 * `INVENTORY.EXPECTED_MISMATCH` otherwise.
 */
export function errorOfLine(line: LineReport): NonNullable<LineReport['error']> {
  return line.error ?? { code: line.status === 'stale' ? DomainErrorCodes.staleUpdate : DomainErrorCodes.expectedMismatch, message: line.status };
}

/** What a batch did. */
export interface BatchReport {
  readonly lines: readonly LineReport[];
  readonly counts: Readonly<Record<LineStatus, number>>;
  /** Ids of the items the batch created. */
  readonly createdItemIds: readonly string[];
}

/** Either the batch ran now, or an earlier answer to the same idempotent request is replayed. */
export type BatchExecution =
  | { readonly kind: 'executed'; readonly report: BatchReport; readonly response?: { status: number; body: unknown } }
  | { readonly kind: 'replayed'; readonly status: number; readonly body: unknown };

/** What one command of a group came to: its execution, or the error it alone threw (ADR 0046). */
export type GroupedExecution = Result<BatchExecution, unknown>;

/**
 * What writes one batch and answers its execution: `ApplyStockBatch` itself, or a
 * group-committing front of it that joins concurrent commands of a tenant into one
 * transaction (vendor-kit, ADR 0046). An abstract class so that it serves as an injection token.
 */
export abstract class StockBatchWriter {
  /** Applies one command; answers once it committed. Throws what the command alone threw. */
  abstract execute(command: ApplyBatchCommand): Promise<BatchExecution>;
}
