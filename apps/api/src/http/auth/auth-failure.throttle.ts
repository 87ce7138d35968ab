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
 * Refused requests are not counted, so an attacker cannot prolong a refusal. In memory and per
 * process: it slows guessing down, it is not an account lockout.
 */
export class AuthFailureThrottle {
  private readonly addresses: FailureWindow;
  private readonly credentials: FailureWindow;
  private readonly mode: ThrottleMode;
  private readonly onTrip: (trip: ThrottleTrip) => void;

  constructor(
    limit: number,
    private readonly windowMs: number,
    options: ThrottleOptions = {},
  ) {
    const now = options.now ?? Date.now;
    this.addresses = new FailureWindow(limit, windowMs, now, options.maxKeys);
    this.credentials = new FailureWindow(limit, windowMs, now, options.maxKeys);
    this.mode = options.mode ?? 'address-and-credential';
    this.onTrip = options.onTrip ?? (() => undefined);
  }

  /** Records a failed authentication from `address`, presenting `credential` (null when it presented none). */
  record(address: string, credential: ThrottledCredential | null): void {
    const keyed = this.mode === 'address-only' ? null : credential;
    const byAddress = this.addresses.add(address, keyed?.key ?? NO_CREDENTIAL);
    if (byAddress.tripped) this.trip('address', address, byAddress.failures, byAddress.tags.filter((tag) => tag !== NO_CREDENTIAL).length);
    if (!keyed) return;
    const byCredential = this.credentials.add(keyed.key, address);
    if (byCredential.tripped) this.trip('credential', keyed.label, byCredential.failures, byCredential.tags.length);
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
