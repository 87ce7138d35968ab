import { createHmac, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { ChosenSecretHasher } from '@tally/inventory-application';

const SCHEME = 'scrypt';
/** Cost, block size, parallelism: 32 MiB and a tenth of a second or more per guess (ADR 0045). */
export const SCRYPT_PARAMETERS = { N: 2 ** 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const HASH_BYTES = 32;
// Verified pairs remembered per process, so a supplied key costs the slow hash once, not per request.
const VERIFIED_CACHE_SIZE = 256;

/**
 * The verifier of secrets people choose: scrypt with a random salt, stored as
 * `scrypt:<N>:<r>:<p>:<salt>:<hash>` (base64url). The row is found by an HMAC-SHA-256 of the
 * whole secret under a key derived from the secrets key, never stored with the rows, so a copy of
 * the table alone can neither find a key nor test a guess cheaply. A successful check is
 * remembered in memory under a per-process random key, so repeated requests with one key pay the
 * slow hash once (and requests arriving together share it); a changed stored verifier (a
 * rotation) is checked afresh.
 */
export class ScryptChosenSecretHasher extends ChosenSecretHasher {
  private readonly verified = new Map<string, Buffer>();
  private readonly checking = new Map<string, Promise<boolean>>();
  private readonly processKey = randomBytes(32);

  /** @param lookupKeys the current lookup key first, then older ones still accepted. */
  constructor(private readonly lookupKeys: readonly Buffer[]) {
    super();
    if (lookupKeys.length === 0) throw new Error('a chosen-secret hasher needs a lookup key');
  }

  async hash(secret: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const { N, r, p } = SCRYPT_PARAMETERS;
    const hash = await derive(secret, salt, { N, r, p });
    return [SCHEME, N, r, p, salt.toString('base64url'), hash.toString('base64url')].join(':');
  }

  async verify(secret: string, storedHash: string): Promise<boolean> {
    const stored = parse(storedHash);
    if (!stored) return false;
    const mark = createHmac('sha256', this.processKey).update(secret, 'utf8').digest();
    const known = this.verified.get(storedHash);
    if (known) return timingSafeEqual(known, mark);
    // Requests that arrive together with one key (a client's first burst) share one derivation.
    const inFlight = `${storedHash}|${mark.toString('base64url')}`;
    let check = this.checking.get(inFlight);
    if (!check) {
      check = derive(secret, stored.salt, stored.options).then((actual) => actual.length === stored.hash.length && timingSafeEqual(actual, stored.hash));
      this.checking.set(inFlight, check);
    }
    try {
      const ok = await check;
      if (ok) this.remember(storedHash, mark);
      return ok;
    } finally {
      this.checking.delete(inFlight);
    }
  }

  lookupDigests(secret: string): readonly string[] {
    return this.lookupKeys.map((key) => createHmac('sha256', key).update(secret, 'utf8').digest('base64url'));
  }

  private remember(storedHash: string, mark: Buffer): void {
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(storedHash, mark);
  }
}

/** Whether a stored verifier is this hasher's (scrypt). */
export function isScryptVerifier(storedHash: string): boolean {
  return parse(storedHash) !== null;
}

function parse(storedHash: string): { options: ScryptOptions; salt: Buffer; hash: Buffer } | null {
  const parts = storedHash.split(':');
  if (parts.length !== 6 || parts[0] !== SCHEME) return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0)) return null;
  return { options: { N, r, p }, salt: Buffer.from(parts[4], 'base64url'), hash: Buffer.from(parts[5], 'base64url') };
}

function derive(secret: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  // Room for the cost the verifier names (128 * N * r bytes) plus margin.
  const maxmem = 256 * (options.N ?? 1) * (options.r ?? 1);
  return new Promise((resolve, reject) => scrypt(secret, salt, HASH_BYTES, { ...options, maxmem }, (error, key) => (error ? reject(error) : resolve(key))));
}
