import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { ConfigError } from './app.config';
import { loadSecretsConfig, readSecretKey } from './secrets.config';

const SQLITE = 'sqlite:/var/lib/tally/tally.db';

/** The problems a refused environment lists (fails the test when it is accepted). */
function problemsOf(env: NodeJS.ProcessEnv, databaseUrl = SQLITE): readonly string[] {
  try {
    loadSecretsConfig(env, databaseUrl);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('the environment was accepted');
}

describe('loadSecretsConfig', () => {
  it('without settings, keeps the key in secrets.key next to the SQLite database, or in ./data for PostgreSQL', () => {
    expect(loadSecretsConfig({}, SQLITE)).toMatchObject({ key: null, keyFile: null, managedKeyFile: '/var/lib/tally/secrets.key', previousKeys: [] });
    expect(loadSecretsConfig({}, 'postgres://tally@db:5432/tally').managedKeyFile).toBe(join(process.cwd(), 'data', 'secrets.key'));
    expect(loadSecretsConfig({}, 'sqlite::memory:').managedKeyFile).toBe(join(process.cwd(), 'data', 'secrets.key'));
  });

  it('reads SECRETS_KEY in base64 or base64url, padded or not', () => {
    const key = randomBytes(32);
    for (const text of [key.toString('base64'), key.toString('base64url'), key.toString('base64').replace(/=$/, ''), ` ${key.toString('base64')}\n`]) {
      expect(loadSecretsConfig({ SECRETS_KEY: text }, SQLITE).key).toEqual(key);
    }
  });

  it('reads SECRETS_KEY_FILE as an absolute path and SECRETS_PREVIOUS_KEYS in order, skipping empty entries', () => {
    const [a, b] = [randomBytes(32), randomBytes(32)];
    const config = loadSecretsConfig(
      { SECRETS_KEY_FILE: 'keys/tally.key', SECRETS_PREVIOUS_KEYS: ` ${a.toString('base64')}, ,${b.toString('base64url')},` },
      SQLITE,
    );
    expect(config.keyFile).toBe(resolve('keys/tally.key'));
    expect(config.previousKeys).toEqual([a, b]);
  });

  it.each([
    ['not base64', 'not base64!'.repeat(4), /^SECRETS_KEY must be base64 \(the value is not shown\)/],
    ['mixed alphabets', `${randomBytes(30).toString('base64url').replace(/^./, '-').replace(/.$/, '+')}AA`, /^SECRETS_KEY must be base64/],
    ['16 bytes', randomBytes(16).toString('base64'), /^SECRETS_KEY must be the base64 of 32 bytes, it decodes to 16 \(the value is not shown\)/],
    ['33 bytes', randomBytes(33).toString('base64'), /^SECRETS_KEY must be the base64 of 32 bytes, it decodes to 33/],
    ['too much padding', `${randomBytes(32).toString('base64')}==`, /^SECRETS_KEY must be base64/],
  ])('refuses a SECRETS_KEY that is %s, naming the setting and not the value', (_what, value, problem) => {
    const problems = problemsOf({ SECRETS_KEY: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(problem);
    expect(problems[0]).toContain('randomBytes(32)');
    expect(problems.join()).not.toContain(value.trim());
  });

  it('lists every bad previous key by its place, and refuses SECRETS_KEY with SECRETS_KEY_FILE', () => {
    const good = randomBytes(32).toString('base64');
    const problems = problemsOf({
      SECRETS_KEY: good,
      SECRETS_KEY_FILE: 'keys/tally.key',
      SECRETS_PREVIOUS_KEYS: `${good},${randomBytes(3).toString('base64')},not-a-key!`,
    });
    expect(problems).toEqual([
      'SECRETS_KEY and SECRETS_KEY_FILE are both set: set one of them',
      expect.stringMatching(/^SECRETS_PREVIOUS_KEYS \(entry 2 of 3\) must be the base64 of 32 bytes, it decodes to 3 /),
      expect.stringMatching(/^SECRETS_PREVIOUS_KEYS \(entry 3 of 3\) must be base64 \(the value is not shown\)/),
    ]);
    expect(problems.join()).not.toContain(good);
  });
});

describe('readSecretKey', () => {
  it('reads 32 bytes of base64 and says why anything else is not a key', () => {
    const key = randomBytes(32);
    expect(readSecretKey(key.toString('base64'), 'X')).toEqual({ key });
    expect(readSecretKey('', 'X').problem).toMatch(/^X must be base64/);
    expect(readSecretKey('@@@@', 'X').problem).toMatch(/^X must be base64/);
  });
});
