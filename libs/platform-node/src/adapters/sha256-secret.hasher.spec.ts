import { Sha256SecretHasher } from './sha256-secret.hasher';

describe('Sha256SecretHasher', () => {
  const hasher = new Sha256SecretHasher();

  it('verifies the secret it hashed and nothing else', async () => {
    const stored = await hasher.hash('correct horse battery staple and more');
    expect(stored).not.toContain('correct');
    await expect(hasher.verify('correct horse battery staple and more', stored)).resolves.toBe(true);
    await expect(hasher.verify('correct horse battery staple and more!', stored)).resolves.toBe(false);
    await expect(hasher.verify('anything', 'bcrypt:xyz')).resolves.toBe(false);
  });

  it('digests a token the same way every time, and differently from another', () => {
    expect(hasher.digest('token-a')).toBe(hasher.digest('token-a'));
    expect(hasher.digest('token-a')).not.toBe(hasher.digest('token-b'));
  });

  it('generates URL-safe secrets of the requested entropy', () => {
    const secret = hasher.generate(24);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(hasher.generate(24)).not.toBe(secret);
  });
});
