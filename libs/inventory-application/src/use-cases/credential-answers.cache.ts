import type { Clock } from '../ports/clock.port';
import type { CredentialChanges } from '../ports/credential-changes.port';

/** How long and how many authentication answers are kept. */
export interface CredentialCacheOptions {
  /** Upper lifetime of an answer, in milliseconds; 0 keeps nothing (every check reads the database). */
  readonly ttlMs: number;
  /** Answers kept at most; the oldest goes first. */
  readonly maxEntries: number;
}

/** The defaults: a minute, fifty thousand answers. */
export const CREDENTIAL_CACHE_DEFAULTS: CredentialCacheOptions = { ttlMs: 60_000, maxEntries: 50_000 };

/** A positive answer of a credential check, and when it stops being valid on its own (a token's expiry). */
export interface CheckedCredential<V> {
  readonly value: V;
  /** Epoch milliseconds after which the answer is no longer true whatever happens; none when unbounded. */
  readonly validUntil?: number;
}

interface Entry {
  readonly value: unknown;
  readonly until: number;
}

/**
 * Positive authentication answers kept in memory (ADR 0048): the principal of an API key, the
 * connection of an issued token or of a credential id and secret, so a client sending many
 * requests costs no database read per request. Keys are digests of what was presented, never the
 * secret in clear. Refusals are never kept. Everything kept is forgotten the moment
 * {@link CredentialChanges} reports a change from any process, or loses track of changes; while it
 * is not live, every check reads the database.
 *
 * A check that started before a change and ends after it was announced would bring back what
 * the change ended: a generation counter, bumped at every change, keeps such an answer out.
 */
export class CredentialCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly changes: CredentialChanges,
    private readonly clock: Clock,
    private readonly options: CredentialCacheOptions = CREDENTIAL_CACHE_DEFAULTS,
  ) {
    this.unsubscribe = changes.subscribe(() => this.forgetAll());
  }

  /** Answers kept now (for tests and figures). */
  get size(): number {
    return this.entries.size;
  }

  /**
   * The answer kept for `key`, or else `check`'s, kept when it is positive and nothing changed
   * while it ran.
   */
  async answer<V>(key: string, check: () => Promise<CheckedCredential<V> | null>): Promise<V | null> {
    if (this.options.ttlMs <= 0 || !this.changes.live) return (await check())?.value ?? null;
    const now = this.clock.now().getTime();
    const kept = this.entries.get(key);
    if (kept) {
      if (kept.until > now) return kept.value as V;
      this.entries.delete(key);
    }
    const generation = this.generation;
    const checked = await check();
    if (checked === null) return null;
    const until = Math.min(now + this.options.ttlMs, checked.validUntil ?? Infinity);
    if (generation === this.generation && this.changes.live && until > now) this.keep(key, { value: checked.value, until });
    return checked.value;
  }

  /** Forgets every answer; checks already running keep theirs to themselves. */
  forgetAll(): void {
    this.generation++;
    this.entries.clear();
  }

  /** Stops listening to changes (the owner is shutting down). */
  close(): void {
    this.unsubscribe();
    this.forgetAll();
  }

  private keep(key: string, entry: Entry): void {
    this.entries.delete(key);
    if (this.entries.size >= this.options.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, entry);
  }
}

/**
 * What the use cases that authenticate or change credentials are given (ADR 0048): the changes to
 * announce, and the answers to keep. Without it nothing is kept and nothing is announced.
 */
export interface CredentialCaching {
  readonly changes: CredentialChanges;
  /** Null keeps nothing in this process (it still announces its changes to the others). */
  readonly cache: CredentialCache | null;
}
