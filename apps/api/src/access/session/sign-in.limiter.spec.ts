import { SessionSettings } from '@tally/platform-node';
import { SignInLimiter } from './sign-in.limiter';

describe('the sign-in limiter', () => {
  // Generated keys: `tly_`, a 12-character id, `_`, 32 secret characters.
  const key = (n: number) => `tly_key${n}prefix00_${'secret-part-'.padEnd(32, String(n))}`;

  it('refuses a key beyond its sign-ins in a minute, whatever the address, and tells how long to wait', () => {
    let now = 0;
    const limiter = new SignInLimiter(new SessionSettings(undefined, undefined, undefined, undefined, 3, 100), () => now);
    expect([1, 2, 3].map((i) => limiter.attempt(key(1), `10.0.0.${i}`))).toEqual([null, null, null]);
    expect(limiter.attempt(key(1), '10.0.0.9')).toBe(60);
    // Another key is not held back by it, and the secret part of the key does not make it another.
    expect(limiter.attempt(key(2), '10.0.0.1')).toBeNull();
    expect(limiter.attempt(key(1).replace('secret', 'SECRET'), '10.0.0.1')).toBe(60);
    // A supplied key has no public part: it is counted whole, so another string is another key.
    const supplied = 'the-operator-chose-this-admin-key-0123';
    expect([1, 2, 3].map(() => limiter.attempt(supplied, '10.0.0.4'))).toEqual([null, null, null]);
    expect(limiter.attempt(supplied, '10.0.0.5')).toBe(60);
    expect(limiter.attempt(`${supplied}4`, '10.0.0.5')).toBeNull();
    now = 30_000;
    expect(limiter.attempt(key(1), '10.0.0.1')).toBe(30);
    now = 60_001;
    expect(limiter.attempt(key(1), '10.0.0.1')).toBeNull();
  });

  it('refuses an address beyond its sign-ins in a minute, whatever the keys', () => {
    const limiter = new SignInLimiter(new SessionSettings(undefined, undefined, undefined, undefined, 100, 2), () => 0);
    expect(limiter.attempt(key(1), '10.0.0.1')).toBeNull();
    expect(limiter.attempt(key(2), '10.0.0.1')).toBeNull();
    expect(limiter.attempt(key(3), '10.0.0.1')).toBe(60);
    expect(limiter.attempt(key(3), '10.0.0.2')).toBeNull();
  });
});
