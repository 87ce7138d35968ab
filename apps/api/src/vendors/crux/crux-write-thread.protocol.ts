import { ApplicationError, type UseCaseErrorCode } from '@tally/inventory-application';
import type { CommittedLines } from '../../metrics/committed-lines.model';
import type { UnsafeTestMode } from '@tally/platform-node';

/** What the main thread hands the Crux write thread. */
export interface CruxWriteThreadData {
  readonly databaseUrl: string;
  readonly unsafeTestMode: UnsafeTestMode | null;
}

/** An error as it crosses threads: an {@link ApplicationError} keeps its code, so it renders the same. */
export interface ThreadError {
  readonly message: string;
  readonly code?: UseCaseErrorCode;
  readonly field?: string;
  readonly details?: Record<string, unknown>;
}

/**
 * Main thread to write thread: run one group, or finish what is in flight and end. The calls
 * travel as JSON text (`CruxCall[]`, plain data): one string is copied at once, where the
 * structured clone of a group's many small objects cost the event loop as much as writing the
 * answers.
 */
export type CruxWriteCommand = { readonly type: 'run'; readonly id: number; readonly token: string; readonly calls: string } | { readonly type: 'stop' };

/** Write thread to main thread: a group's results (JSON text of `CruxCallResult[]`) or its error, or a failure outside any group. */
export type CruxWriteReport =
  | { readonly type: 'done'; readonly id: number; readonly results: string; readonly committed?: readonly CommittedLines[] }
  | { readonly type: 'failed'; readonly id: number; readonly error: ThreadError }
  | { readonly type: 'error'; readonly message: string };

/** The cloneable form of an error thrown by a group. */
export function threadErrorOf(error: unknown): ThreadError {
  if (error instanceof ApplicationError) return { message: error.message, code: error.code, field: error.field, details: error.details };
  return { message: error instanceof Error ? error.message : String(error) };
}

/** The error to rethrow on the main thread. */
export function errorOfThread(error: ThreadError): Error {
  return error.code === undefined ? new Error(error.message) : new ApplicationError(error.code, error.message, error.field, error.details);
}
