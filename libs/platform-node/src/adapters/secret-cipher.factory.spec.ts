import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSecretsConfig } from '../config/secrets.config';
import { secretKeyIdOf } from './aes-gcm-secret.cipher';
import { createSecretCipher } from './secret-cipher.factory';

describe('createSecretCipher', () => {
  let folder: string;
  let databaseUrl: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'tally-secret-cipher-'));
    databaseUrl = `sqlite:${join(folder, 'tally.db')}`;
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const start = (env: NodeJS.ProcessEnv = {}) => {
    const notices: string[] = [];
    const cipher = createSecretCipher(loadSecretsConfig(env, databaseUrl), (message) => notices.push(message));
    return { cipher, notices };
  };

  it('without settings, creates the key file next to the database, says so once with its id, and reuses it', () => {
    const first = start();
    const keyFile = join(folder, 'secrets.key');
    const key = readFileSync(keyFile);
    expect(first.cipher.keyId).toBe(secretKeyIdOf(key));
    expect(first.notices).toEqual([expect.stringContaining(`created the secrets key file ${keyFile} (key ${secretKeyIdOf(key)}): back it up`)]);
    expect(first.notices.join()).not.toContain(key.toString('base64'));
    const sealed = first.cipher.seal('s3cr3t', 'channel:1');
    const second = start();
    expect(second.notices).toEqual([]);
    expect(second.cipher.open(sealed, 'channel:1')).toBe('s3cr3t');
  });

  it('takes SECRETS_KEY, or SECRETS_KEY_FILE, and then creates no key file', () => {
    const key = randomBytes(32);
    expect(start({ SECRETS_KEY: key.toString('base64') }).cipher.keyId).toBe(secretKeyIdOf(key));
    writeFileSync(join(folder, 'operator.key'), key.toString('base64url'));
    expect(start({ SECRETS_KEY_FILE: join(folder, 'operator.key') }).cipher.keyId).toBe(secretKeyIdOf(key));
    expect(existsSync(join(folder, 'secrets.key'))).toBe(false);
  });

  it('rotates: the old key moved to SECRETS_PREVIOUS_KEYS opens what it sealed, which then needs resealing', () => {
    const before = start();
    const oldKey = readFileSync(join(folder, 'secrets.key'));
    const sealed = before.cipher.seal('s3cr3t', 'channel:1');
    const newKey = randomBytes(32);
    const after = start({ SECRETS_KEY: newKey.toString('base64'), SECRETS_PREVIOUS_KEYS: oldKey.toString('base64') }).cipher;
    expect(after.keyId).toBe(secretKeyIdOf(newKey));
    expect(after.open(sealed, 'channel:1')).toBe('s3cr3t');
    expect(after.needsResealing(sealed)).toBe(true);
    const resealed = after.seal(after.open(sealed, 'channel:1'), 'channel:1');
    expect(start({ SECRETS_KEY: newKey.toString('base64') }).cipher.open(resealed, 'channel:1')).toBe('s3cr3t');
    expect(() => start({ SECRETS_KEY: newKey.toString('base64') }).cipher.open(sealed, 'channel:1')).toThrow(/sealed under key/);
  });
});
