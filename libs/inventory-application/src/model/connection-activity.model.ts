/** Where a connection's refusal was seen: its request's answer, a line of a batch, or a job. */
export type ConnectionErrorSource = 'request' | 'line' | 'job';

/** A connection's refusal as kept: never a body, a header or a secret (ADR 0063). */
export interface ConnectionError {
  readonly at: string;
  /** The HTTP status answered, or the one a refused line or failed job would have had. */
  readonly status: number;
  /** The stable error code (`INVENTORY.UNKNOWN_ITEM`, a vendor's code, ...). */
  readonly code: string;
  /** At most {@link MAX_CONNECTION_ERROR_MESSAGE} characters, credentials masked. */
  readonly message: string;
  readonly source: ConnectionErrorSource;
}

/** A connection's last seen time, last error and recent error count, as every process wrote them. */
export interface ConnectionActivityRecord {
  readonly connectionId: string;
  readonly lastSeenAt: string | null;
  readonly lastError: ConnectionError | null;
  /** Refusals in the whole hours from 24 hours ago until now. */
  readonly errorsLastDay: number;
}

/** What one process saw of one connection since it last wrote: the newest of each, and how many refusals. */
export interface ConnectionActivityUpdate {
  readonly tenantId: string;
  readonly connectionId: string;
  readonly seenAt: string | null;
  readonly lastError: ConnectionError | null;
  readonly errors: number;
}

/** Longest message kept; longer ones are cut with an ellipsis. */
export const MAX_CONNECTION_ERROR_MESSAGE = 300;
/** Longest error code kept. */
export const MAX_CONNECTION_ERROR_CODE = 100;
