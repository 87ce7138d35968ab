import {
  MAX_CONNECTION_ERROR_CODE,
  MAX_CONNECTION_ERROR_MESSAGE,
  type ConnectionActivityRecord,
  type ConnectionActivityUpdate,
  type ConnectionError,
  type ConnectionErrorSource,
} from '../model/connection-activity.model';
import type { Clock } from '../ports/clock.port';
import type { ConnectionActivityStore } from '../ports/connection-activity-store.port';
import type { CommittedBatch } from '../ports/stock-write-observer.port';
import type { JobRunEvent } from './stock-jobs.use-case';

/** A refusal as a caller reports it; the recorder stamps, cuts and masks it. */
export interface ConnectionRefusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly source: ConnectionErrorSource;
}

/** How often a connection's last-seen time is written at most, per process, by default. */
export const CONNECTION_SEEN_EVERY_MS = 5_000;

const HOUR_MS = 3_600_000;
/** A request's refusal this soon after a refused line of its connection is taken for that line's answer. */
const REPEAT_WITHIN_MS = 1_000;

interface Pending {
  readonly tenantId: string;
  seenAt: string | null;
  lastError: ConnectionError | null;
  errors: number;
}

/**
 * Keeps what this process saw of connections (ADR 0063): each request is a map update in memory,
 * never a write; {@link flush} writes them all in one transaction. A connection's last-seen
 * time is written at most once per `seenEveryMs`; its refusals at each flush, the newest one
 * with the count. Messages are cut and credential-shaped words masked before they are kept.
 */
export class ConnectionActivityRecorder {
  private pending = new Map<string, Pending>();
  private readonly seenWritten = new Map<string, number>();
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: ConnectionActivityStore,
    private readonly clock: Clock,
    private readonly seenEveryMs = CONNECTION_SEEN_EVERY_MS,
  ) {}

  /** A request authenticated as the connection. */
  seen(tenantId: string, connectionId: string): void {
    const now = this.clock.now();
    const written = this.seenWritten.get(connectionId);
    if (written !== undefined && now.getTime() - written < this.seenEveryMs) return;
    this.entryOf(tenantId, connectionId).seenAt = now.toISOString();
  }

  /** The connection was refused `count` times (a request, lines of a batch, a job); the refusal is the newest. */
  refused(tenantId: string, connectionId: string, refusal: ConnectionRefusal, count = 1): void {
    if (count < 1) return;
    const entry = this.entryOf(tenantId, connectionId);
    const previous = entry.lastError;
    // A request refused for the lines it wrote (a single update of an unknown SKU) counts as
    // those lines, not once more: its answer, in the dialect's words, replaces the line's error.
    const now = this.clock.now().getTime();
    const repeats = refusal.source === 'request' && previous?.source === 'line' && now - Date.parse(previous.at) < REPEAT_WITHIN_MS;
    entry.lastError = {
      at: this.clock.now().toISOString(),
      status: refusal.status,
      code: cut(refusal.code, MAX_CONNECTION_ERROR_CODE),
      message: cut(maskCredentials(refusal.message), MAX_CONNECTION_ERROR_MESSAGE),
      source: refusal.source,
    };
    if (!repeats) entry.errors += count;
  }

  /** A committed batch: its connection was seen, and its refused lines are its refusals. */
  batchCommitted(batch: CommittedBatch): void {
    if (batch.connectionId === null) return;
    this.seen(batch.tenantId, batch.connectionId);
    const refused = batch.refused;
    if (refused) this.refused(batch.tenantId, batch.connectionId, { ...refused, source: 'line' }, refused.count);
  }

  /** A job's run: a failed job is a refusal of its connection. */
  jobEvent(event: JobRunEvent): void {
    if (event.connectionId === null || event.event !== 'failed') return;
    const code = event.code ?? 'JOB.FAILED';
    this.refused(event.tenantId, event.connectionId, { status: 500, code, message: `job ${event.jobNumber} (${event.kind}) failed: ${code}`, source: 'job' });
  }

  /** Writes what is pending; flushes run one after another, so a caller sees its own process's activity stored. */
  flush(): Promise<void> {
    this.writing = this.writing.catch(() => undefined).then(() => this.write());
    return this.writing;
  }

  /** The tenant's connections' activity, after writing this process's pending part; errors counted over the last 24 whole hours. */
  async activity(tenantId: string): Promise<ConnectionActivityRecord[]> {
    await this.flush();
    const hour = Math.floor(this.clock.now().getTime() / HOUR_MS) * HOUR_MS;
    return this.store.list(tenantId, new Date(hour - 23 * HOUR_MS).toISOString());
  }

  private async write(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const updates: ConnectionActivityUpdate[] = [...batch].map(([connectionId, p]) => ({ connectionId, ...p }));
    for (const u of updates) if (u.seenAt) this.seenWritten.set(u.connectionId, Date.parse(u.seenAt));
    // Activity is best effort: a failed write is not retried, the next one carries newer facts.
    await this.store.record(updates);
  }

  private entryOf(tenantId: string, connectionId: string): Pending {
    let entry = this.pending.get(connectionId);
    if (!entry) {
      entry = { tenantId, seenAt: null, lastError: null, errors: 0 };
      this.pending.set(connectionId, entry);
    }
    return entry;
  }
}

/** Hides what looks like a credential: a connection token (`con_….…`), an API key (`tly_…`), a bearer or token value. */
export function maskCredentials(text: string): string {
  return text
    .replace(/\bcon_[A-Za-z0-9_-]+\.[A-Za-z0-9_.-]+/g, 'con_…(masked)')
    .replace(/\btly_[A-Za-z0-9_-]{8,}/g, 'tly_…(masked)')
    .replace(/\b(Bearer|Token|Basic)\s+[^\s,;]+/gi, '$1 …(masked)');
}

function cut(text: string, max: number): string {
  // Control characters would garble a log line or a table cell.
  const clean = [...text]
    .map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? ' ' : c))
    .join('')
    .trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}
