import type { SessionSettings } from '@tally/platform-node';
import { apiKeyCounted } from '../../http/auth/api-key.credential';
import { FailureWindow } from '../../http/auth/auth-failure.window';

const MINUTE_MS = 60_000;

/**
 * Sign-ins per API key and per client address over a sliding minute, in this process's memory:
 * signing in over and over can neither fill the sessions table nor guess keys fast. Every
 * attempt counts, valid or not; a refused one does not.
 */
export class SignInLimiter {
  private readonly byKey: FailureWindow;
  private readonly byAddress: FailureWindow;

  constructor(settings: SessionSettings, now: () => number = Date.now) {
    this.byKey = new FailureWindow(settings.signInsPerKey, MINUTE_MS, now);
    this.byAddress = new FailureWindow(settings.signInsPerAddress, MINUTE_MS, now);
  }

  /** Counts a sign-in with `apiKey` from `address`; answers the seconds to wait when it is one too many, else null. */
  attempt(apiKey: string, address: string): number | null {
    // A generated key's public id names it; a supplied key is named by a per-process digest. No secret is kept.
    const key = apiKeyCounted(apiKey).id;
    const wait = Math.max(this.byKey.retryAfterSeconds(key) ?? 0, this.byAddress.retryAfterSeconds(address) ?? 0);
    if (wait > 0) return wait;
    this.byKey.add(key, address);
    this.byAddress.add(address, key);
    return null;
  }
}
