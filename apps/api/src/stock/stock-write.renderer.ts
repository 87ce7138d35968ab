import { errorOfLine, type BatchReport, type LineReport } from '@tally/inventory-application';
import { emptyLineCounts } from '@tally/inventory-domain';
import { problemOf, statusOfCode } from '../http/problem/problem-details.model';

/** An HTTP answer: status and body. */
export interface RenderedAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** Adds lines refused before reconciliation to a report, in document order, and recounts. */
export function mergeRejected(report: BatchReport, rejected: readonly LineReport[]): BatchReport {
  if (rejected.length === 0) return report;
  const lines = [...report.lines, ...rejected].sort((a, b) => a.lineNo - b.lineNo);
  const counts = emptyLineCounts();
  for (const line of lines) counts[line.status] += 1;
  return { ...report, lines, counts };
}

/** A batch always answers 200 with its report: each line says what happened to it. */
export function renderBatch(report: BatchReport): RenderedAnswer {
  return { status: 200, body: report };
}

/**
 * A single write answers 200 when applied or unchanged, 202 when it was kept as the
 * connection's observation but not applied (the body says `observed`, with the reason in its
 * warnings), otherwise the problem of its line:
 * 409 for a stale line or a compare-and-set mismatch (with the current value), the code's
 * status for a refusal.
 */
export function renderSingle(report: BatchReport): RenderedAnswer {
  const line = report.lines[0];
  if (!line) throw new Error('a single write produced no line report');
  if (line.status === 'applied' || line.status === 'unchanged' || line.status === 'observed') {
    return {
      status: line.status === 'observed' ? 202 : 200,
      body: {
        status: line.status,
        itemId: line.itemId,
        locationId: line.locationId,
        itemCreated: line.itemId !== null && report.createdItemIds.includes(line.itemId),
        warnings: line.warnings,
      },
    };
  }
  const error = errorOfLine(line);
  const { code, message, field } = error;
  const details = (error as { details?: Record<string, unknown> }).details;
  const current = line.current !== undefined ? line.current : details?.['current'];
  const status = line.status === 'rejected' ? statusOfCode(code) : 409;
  const body = problemOf(status, code, message, field ? [{ field, message }] : [], {
    ...(current !== undefined ? { current } : {}),
    ...(line.itemId ? { itemId: line.itemId, locationId: line.locationId } : {}),
  });
  return { status, body };
}
