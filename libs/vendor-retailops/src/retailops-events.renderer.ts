import type { BatchReport } from '@tally/inventory-application';
import type { CanonicalErrorCode } from '@tally/vendor-kit';
import type { PushShape } from './retailops-push.model';

/** Stable codes of the events and errors this dialect answers. */
export const RetailopsCodes = {
  invalidField: 'RETAILOPS.INVALID_FIELD',
  malformed: 'RETAILOPS.MALFORMED',
  unauthenticated: 'RETAILOPS.UNAUTHENTICATED',
  unknownAction: 'RETAILOPS.UNKNOWN_ACTION',
  unknownVersion: 'RETAILOPS.UNKNOWN_VERSION',
  clientMismatch: 'RETAILOPS.CLIENT_MISMATCH',
  breakdownMismatch: 'RETAILOPS.BREAKDOWN_MISMATCH',
  oversold: 'RETAILOPS.OVERSOLD',
  staleLine: 'RETAILOPS.STALE',
  /** The SDK's public test key was used: the push was checked and answered, nothing was stored. */
  testKeyDryRun: 'RETAILOPS.TEST_KEY_DRY_RUN',
} as const;

/** A code of the RetailOPS dialect's own, such as `RETAILOPS.OVERSOLD`. */
export type RetailopsOwnCode = (typeof RetailopsCodes)[keyof typeof RetailopsCodes];

/** Every code a RetailOPS event may carry: its own, or a canonical code passed through. */
export type RetailopsCode = RetailopsOwnCode | CanonicalErrorCode;

/** One event of an answer, before it is spelled in the request's shape. */
export interface PushEvent {
  readonly level: 'error' | 'warning' | 'info';
  readonly code: RetailopsCode;
  readonly message: string;
  /** The JSON path of the field at fault, if any. */
  readonly field?: string;
  /** The SKU the event is about, named in its associations. */
  readonly sku: string | null;
}

/**
 * The body of an answer: `{"events": [...]}` with the field names of the request's shape. The
 * document's draft spells `status` / `error_code` / `error_message` and associations `{type, identity}`
 * with `diagnostic_data` a list; the SDK spells `event_type` / `code` / `message` and associations
 * `{identifier_type, identifier}` with `diagnostic_data` a string.
 */
export function renderEvents(shape: PushShape, events: readonly PushEvent[]): { events: unknown[] } {
  return { events: events.map((e) => (shape === 'documented' ? documentedEvent(e) : sdkEvent(e))) };
}

function documentedEvent(e: PushEvent): Record<string, unknown> {
  return {
    status: e.level,
    error_code: e.code,
    error_message: e.message,
    diagnostic_data: e.field ? [e.field] : [],
    associations: e.sku === null ? [] : [{ type: 'sku', identity: e.sku }],
  };
}

function sdkEvent(e: PushEvent): Record<string, unknown> {
  return {
    event_type: e.level,
    code: e.code,
    message: e.message,
    diagnostic_data: e.field ?? '',
    associations: e.sku === null ? [] : [{ identifier_type: 'sku_number', identifier: e.sku }],
  };
}

/**
 * The events of one applied batch: an error per rejected or conflicting line, a warning per stale
 * line and per warning of the domain. Lines of the same SKU that fail for the same reason (an
 * unknown item fails at each of its locations) give one event.
 */
export function eventsOfReport(report: BatchReport, skuOfLine: ReadonlyMap<number, string>, placeOfLine: ReadonlyMap<number, string> = new Map()): PushEvent[] {
  const events: PushEvent[] = [];
  // Lines the batch added (a snapshot's zeroing lines) are named by their item's SKU.
  const skuOfItem = new Map<string, string>();
  for (const line of report.lines) {
    const sku = skuOfLine.get(line.lineNo);
    if (sku !== undefined && line.itemId) skuOfItem.set(line.itemId, sku);
  }
  for (const line of report.lines) {
    const sku = skuOfLine.get(line.lineNo) ?? (line.itemId ? skuOfItem.get(line.itemId) : undefined) ?? null;
    if (line.error && (line.status === 'rejected' || line.status === 'conflict')) {
      const field = 'field' in line.error && line.error.field ? { field: line.error.field } : {};
      events.push({ level: 'error', code: line.error.code, message: line.error.message, sku, ...field });
    }
    if (line.status === 'stale')
      events.push({ level: 'warning', code: RetailopsCodes.staleLine, message: 'an update newer than this one was already applied', sku });
    // A SKU is several places: say which one was not applied (the others may have been).
    const at = line.status === 'observed' && placeOfLine.has(line.lineNo) ? `at ${placeOfLine.get(line.lineNo)}: ` : '';
    for (const w of line.warnings) events.push({ level: 'warning', code: w.code, message: `${at}${w.message}`, sku });
  }
  return distinctEvents(events);
}

/** The events without repeats, first occurrence first: a SKU failing at each of its locations is one event. */
export function distinctEvents(events: readonly PushEvent[]): PushEvent[] {
  const seen = new Set<string>();
  return events.filter((event) => {
    const key = `${event.level}|${event.code}|${event.sku}|${event.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
