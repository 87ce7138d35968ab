import { randomBytes, scrypt } from 'node:crypto';
import { ScryptChosenSecretHasher, SCRYPT_PARAMETERS, isScryptVerifier } from './scrypt-chosen-secret.hasher';

const SECRET = 'the-operator-chose-this-admin-key-42';

describe('ScryptChosenSecretHasher', () => {
  const current = randomBytes(32);
  const previous = randomBytes(32);
  const hasher = new ScryptChosenSecretHasher([current, previous]);

  it('stores a salted scrypt verifier with its parameters, different each time, holding nothing of the secret', async () => {
    const one = await hasher.hash(SECRET);
    const two = await hasher.hash(SECRET);
    const { N, r, p } = SCRYPT_PARAMETERS;
    expect(one).toMatch(new RegExp(`^scrypt:${N}:${r}:${p}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]{43}$`));
    expect(one).not.toBe(two);
    expect(isScryptVerifier(one)).toBe(true);
    expect(isScryptVerifier('sha256:abc')).toBe(false);
    expect(one).not.toContain(SECRET.slice(0, 8));
  });

  it('verifies the secret and nothing else, also after a successful check was remembered', async () => {
    const stored = await hasher.hash(SECRET);
    expect(await hasher.verify(`${SECRET}x`, stored)).toBe(false);
    expect(await hasher.verify(SECRET, stored)).toBe(true);
    expect(await hasher.verify(SECRET, stored)).toBe(true);
    expect(await hasher.verify(`${SECRET}x`, stored)).toBe(false);
    expect(await hasher.verify(SECRET, 'sha256:whatever')).toBe(false);
    expect(await hasher.verify(SECRET, `${stored.slice(0, -2)}AA`)).toBe(false);
  });

  it('answers requests that arrive together with one key alike, right or wrong', async () => {
    const stored = await hasher.hash(SECRET);
    const fresh = new ScryptChosenSecretHasher([current]);
    const answers = await Promise.all([SECRET, SECRET, `${SECRET}x`, SECRET, `${SECRET}x`].map((secret) => fresh.verify(secret, stored)));
    expect(answers).toEqual([true, true, false, true, false]);
  });

  it('checks a verifier with the parameters it names, not the current ones', async () => {
    const cheap = new ScryptChosenSecretHasher([current]);
    const stored = await cheap.hash(SECRET);
    const [, , , , salt] = stored.split(':');
    const older = await new Promise<string>((resolve, reject) =>
      scrypt(SECRET, Buffer.from(salt, 'base64url'), 32, { N: 1024, r: 8, p: 1 }, (e: Error | null, k: Buffer) =>
        e ? reject(e) : resolve(`scrypt:1024:8:1:${salt}:${k.toString('base64url')}`),
      ),
    );
    expect(await new ScryptChosenSecretHasher([current]).verify(SECRET, older)).toBe(true);
  });

  it('derives lookup digests keyed by the server-side keys, current first: deterministic, and another key gives another digest', () => {
    const [now, before] = hasher.lookupDigests(SECRET);
    expect(hasher.lookupDigests(SECRET)).toEqual([now, before]);
    expect(now).not.toBe(before);
    expect(new ScryptChosenSecretHasher([randomBytes(32)]).lookupDigests(SECRET)[0]).not.toBe(now);
    expect(new ScryptChosenSecretHasher([previous]).lookupDigests(SECRET)).toEqual([before]);
    expect(now).not.toContain(SECRET.slice(0, 8));
  });
});
