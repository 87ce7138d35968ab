import type { SharedFailure } from '@tally/inventory-application';
import { FailureWindow } from './auth-failure.window';

/** A credential as the throttle counts it: a digest to key by, and words to log (never a secret). */
export interface ThrottledCredential {
  readonly key: string;
  readonly label: string;
}

/** Why a request is refused, and for how long. */
export interface ThrottleRefusal {
  /** `credential`: the credential itself is under attack; `address`: it already failed from this over-limit address. */
  readonly reason: 'credential' | 'address';
  readonly retryAfterSeconds: number;
}

/** A key that reached the limit: what the log line says. */
export interface ThrottleTrip {
  readonly what: 'address' | 'credential';
  /** The address, or the credential's label. */
  readonly subject: string;
  readonly failures: number;
  readonly windowSeconds: number;
  /** Distinct credentials that failed from the address, or addresses a credential failed from. */
  readonly distinct: number;
}

/** How the throttle keys failures: the safe default, or the unsafe mode of the reliability suite's negative control. */
export type ThrottleMode = 'address-and-credential' | 'address-only';

/** Options of {@link AuthFailureThrottle}. */
export interface ThrottleOptions {
  readonly mode?: ThrottleMode;
  readonly now?: () => number;
  /** Called once per window when an address or a credential reaches the limit. */
  readonly onTrip?: (trip: ThrottleTrip) => void;
  readonly maxKeys?: number;
  /** Told each failure this process counts, as other processes count it (ADR 0057). */
  readonly onFailure?: (failure: SharedFailure) => void;
}

const NO_CREDENTIAL = '';

/**
 * Counts failed authentications (401 answers) per client address and per presented credential
 * over a sliding window (ADR 0043). The policy:
 * - a credential with `limit` failures in the window, from any addresses, is refused everywhere
 *   until its oldest counted failure leaves the window: it is under attack;
 * - an address with `limit` failures is refused only for the credentials that already failed
 *   from it in the window; any other credential from it is checked as usual, so a valid key of a
 *   neighbour behind the same NAT or proxy still works;
 * - a request that presents no credential is never refused: it has nothing to guess with, and
 *   `/health` is such a request.
 * Refused requests are not counted, so an attacker cannot prolong a refusal. Decisions are taken
 * in memory; on PostgreSQL every process also counts the others' failures, pulled about once a
 * second ({@link AuthFailureThrottle.merge}, ADR 0057). It slows guessing down, it is not an
 * account lockout.
 */
export class AuthFailureThrottle {
  private readonly addresses: FailureWindow;
  private readonly credentials: FailureWindow;
  private readonly mode: ThrottleMode;
  private readonly onTrip: (trip: ThrottleTrip) => void;
  private readonly onFailure: ((failure: SharedFailure) => void) | undefined;
  private readonly now: () => number;

  constructor(
    limit: number,
    private readonly windowMs: number,
    options: ThrottleOptions = {},
  ) {
    const now = (this.now = options.now ?? Date.now);
    this.addresses = new FailureWindow(limit, windowMs, now, options.maxKeys);
    this.credentials = new FailureWindow(limit, windowMs, now, options.maxKeys);
    this.mode = options.mode ?? 'address-and-credential';
    this.onTrip = options.onTrip ?? (() => undefined);
    this.onFailure = options.onFailure;
  }

  /** Records a failed authentication from `address`, presenting `credential` (null when it presented none). */
  record(address: string, credential: ThrottledCredential | null): void {
    const keyed = this.mode === 'address-only' ? null : credential;
    this.onFailure?.({ address, credential: keyed?.key ?? null, at: this.now() });
    const byAddress = this.addresses.add(address, keyed?.key ?? NO_CREDENTIAL);
    if (byAddress.tripped) this.trip('address', address, byAddress.failures, distinctCredentials(byAddress.tags));
    if (!keyed) return;
    const byCredential = this.credentials.add(keyed.key, address, keyed.label);
    if (byCredential.tripped) this.trip('credential', keyed.label, byCredential.failures, byCredential.tags.length);
  }

  /**
   * Counts failures other processes counted. A limit they complete is logged here only when this
   * process's own failure is the newest of the count (the others log it otherwise), so one trip
   * is logged once, unless processes reach it on their own within one pull of each other.
   */
  merge(failures: readonly SharedFailure[]): void {
    const inOrder = [...failures].sort((a, b) => a.at - b.at);
    const byAddress = this.addresses.merge(inOrder.map((f) => ({ key: f.address, tag: f.credential ?? NO_CREDENTIAL, at: f.at })));
    for (const trip of byAddress) this.trip('address', trip.key, trip.failures, distinctCredentials(trip.tags));
    const credentialed = inOrder.flatMap((f) => (f.credential === null ? [] : [{ key: f.credential, tag: f.address, at: f.at }]));
    for (const trip of this.credentials.merge(credentialed)) this.trip('credential', trip.label, trip.failures, trip.tags.length);
  }

  /** Whether a request from `address` presenting `credential` is refused, and for how long; null when it may be checked. */
  refusal(address: string, credential: ThrottledCredential | null): ThrottleRefusal | null {
    if (this.mode === 'address-only') return this.refused('address', this.addresses.retryAfterSeconds(address));
    // Nothing failed in the window: refuse nothing, and leave the credential's digest uncomputed.
    if (!credential || (this.credentials.isQuiet() && this.addresses.isQuiet())) return null;
    const byCredential = this.refused('credential', this.credentials.retryAfterSeconds(credential.key));
    if (byCredential) return byCredential;
    if (!this.addresses.hasTag(address, credential.key)) return null;
    return this.refused('address', this.addresses.retryAfterSeconds(address));
  }

  private refused(reason: ThrottleRefusal['reason'], retryAfterSeconds: number | null): ThrottleRefusal | null {
    return retryAfterSeconds === null ? null : { reason, retryAfterSeconds };
  }

  private trip(what: ThrottleTrip['what'], subject: string, failures: number, distinct: number): void {
    this.onTrip({ what, subject, failures, windowSeconds: Math.round(this.windowMs / 1000), distinct });
  }
}

function distinctCredentials(tags: readonly string[]): number {
  return tags.filter((tag) => tag !== NO_CREDENTIAL).length;
}

/** The log line of a trip: what reached the limit, and what is refused now. */
export function describeTrip(trip: ThrottleTrip): string {
  const head = 'failed-authentication throttle tripped: client';
  if (trip.what === 'address') {
    return (
      `${head} ${trip.subject} had ${trip.failures} failed authentications in ${trip.windowSeconds} s (${trip.distinct} credentials presented); ` +
      'the credentials that failed from it are refused until the window clears, any other is still checked'
    );
  }
  return (
    `failed-authentication throttle tripped: ${trip.subject} had ${trip.failures} failed authentications in ${trip.windowSeconds} s ` +
    `from ${trip.distinct} addresses; it is refused from everywhere until the window clears`
  );
}
