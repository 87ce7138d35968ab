import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { CredentialChanges } from '@tally/inventory-application';
import type { SqlGate } from '../sql/sql-gate';

/** The PostgreSQL channel credential changes are announced on; notifications stay within one database. */
export const CREDENTIAL_CHANGES_CHANNEL = 'tally_credential_changes';

/** The `application_name` of the listening connection, so operators can tell it in `pg_stat_activity`. */
export const CREDENTIAL_LISTENER_NAME = 'tally-credential-listener';

/** Timings of {@link PgCredentialChanges}. */
export interface PgCredentialChangesOptions {
  /** First wait before reconnecting a lost listener; doubles up to `reconnectMaxMs`. */
  readonly reconnectMinMs?: number;
  readonly reconnectMaxMs?: number;
  /** How often the listener's connection is checked, and how long a check may take before it counts as lost. */
  readonly heartbeatMs?: number;
  /** How long {@link PgCredentialChanges.publish} waits for its own notification to come back. */
  readonly echoWaitMs?: number;
  /** Told when the listener's connection fails (it reconnects by itself). */
  readonly onError?: (message: string) => void;
}

const DEFAULTS: Required<Omit<PgCredentialChangesOptions, 'onError'>> = { reconnectMinMs: 100, reconnectMaxMs: 5_000, heartbeatMs: 5_000, echoWaitMs: 1_000 };

/**
 * Credential changes between the API processes of one PostgreSQL database (ADR 0048): `NOTIFY`
 * on a pool connection right after the change commits, `LISTEN` on a connection of its own,
 * opened at the first subscription. Live only while that connection is listening: when it fails
 * or misses a heartbeat, listeners are told (their caches empty and are bypassed), and it
 * reconnects with a growing pause; back up, listeners are told again, since notifications sent
 * meanwhile were lost.
 */
export class PgCredentialChanges extends CredentialChanges {
  private readonly listeners = new Set<() => void>();
  private readonly options: Required<Omit<PgCredentialChangesOptions, 'onError'>> & PgCredentialChangesOptions;
  /** Marks this instance's notifications, so it knows when its own came back. */
  private readonly origin = randomUUID();
  private sequence = 0;
  private readonly echoes = new Map<string, () => void>();
  private client: Client | null = null;
  private listening = false;
  private started = false;
  private closed = false;
  private failures = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly gate: SqlGate,
    options: PgCredentialChangesOptions = {},
  ) {
    super();
    this.options = { ...DEFAULTS, ...options };
  }

  get live(): boolean {
    return this.listening;
  }

  /**
   * Tells this process's listeners at once, then every process through `NOTIFY`, and waits (a
   * bounded time) until the notification came back to this process's own listener: by then the
   * server has handed it to every listening connection, so a client told the change is done
   * meets it on any process.
   */
  async publish(): Promise<void> {
    this.tell();
    const payload = `${this.origin}:${++this.sequence}`;
    const echoed = this.listening ? new Promise<void>((resolve) => this.echoes.set(payload, resolve)) : null;
    try {
      await this.gate.session((s) => s.all('SELECT pg_notify(?, ?)', [CREDENTIAL_CHANGES_CHANNEL, payload]));
      if (echoed) await withinMs(echoed, this.options.echoWaitMs);
    } finally {
      this.echoes.delete(payload);
    }
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    if (!this.started) {
      this.started = true;
      void this.connect();
    }
    return () => this.listeners.delete(listener);
  }

  /** Stops listening for good. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    this.setListening(false);
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new Client({ connectionString: this.url, keepAlive: true, application_name: CREDENTIAL_LISTENER_NAME });
    this.client = client;
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('the connection ended')));
    client.on('notification', (message) => {
      if (message.channel === CREDENTIAL_CHANGES_CHANNEL && this.client === client) this.heard(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CREDENTIAL_CHANGES_CHANNEL}`);
    } catch (error) {
      this.lost(client, error as Error);
      return;
    }
    if (this.client !== client) return;
    this.failures = 0;
    this.setListening(true);
    this.schedule(() => this.heartbeat(client), this.options.heartbeatMs);
  }

  /** A connection that stopped answering may never report an error: a query checks it. */
  private async heartbeat(client: Client): Promise<void> {
    if (this.client !== client) return;
    try {
      await withinMs(client.query('SELECT 1'), this.options.heartbeatMs, true);
    } catch (error) {
      this.lost(client, error as Error);
      return;
    }
    if (this.client === client) this.schedule(() => this.heartbeat(client), this.options.heartbeatMs);
  }

  private lost(client: Client, error: Error): void {
    if (this.client !== client) return;
    this.client = null;
    if (this.timer) clearTimeout(this.timer);
    this.setListening(false);
    void client.end().catch(() => undefined);
    if (this.closed) return;
    this.options.onError?.(`credential change listener lost its connection (${error.message}); reconnecting, answers are not kept meanwhile`);
    const pause = Math.min(this.options.reconnectMaxMs, this.options.reconnectMinMs * 2 ** this.failures++);
    this.schedule(() => this.connect(), pause);
  }

  private heard(payload: string | undefined): void {
    this.tell();
    const echo = payload === undefined ? undefined : this.echoes.get(payload);
    echo?.();
  }

  private setListening(listening: boolean): void {
    if (listening === this.listening) return;
    this.listening = listening;
    // Whatever was published meanwhile is unknown: listeners forget what they kept.
    this.tell();
    if (!listening) for (const echo of this.echoes.values()) echo();
  }

  private tell(): void {
    for (const listener of this.listeners) listener();
  }

  private schedule(work: () => Promise<void>, ms: number): void {
    this.timer = setTimeout(() => void work(), ms);
    this.timer.unref();
  }
}

/** Settles with `promise`, or after `ms`: quietly, or with an error when `rejectLate`. */
function withinMs<T>(promise: Promise<T>, ms: number, rejectLate = false): Promise<T | void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve, reject) => {
    timer = setTimeout(() => (rejectLate ? reject(new Error(`no answer within ${ms} ms`)) : resolve()), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
