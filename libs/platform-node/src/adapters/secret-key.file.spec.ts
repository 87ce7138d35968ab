import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ConfigError } from '../config/app.config';
import { openManagedKeyFile, readOperatorKeyFile } from './secret-key.file';

describe('secrets key files', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'tally-secrets-key-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  /** The problems of a refusal (fails the test when nothing is refused). */
  const refusal = (read: () => unknown): string => {
    try {
      read();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).problems.join('\n');
    }
    throw new Error('nothing was refused');
  };

  describe('the managed key file', () => {
    it('is created on the first start with 32 random bytes, mode 0600, in a folder it creates, and reused on the next', () => {
      const path = join(folder, 'data', 'secrets.key');
      const first = openManagedKeyFile(path);
      expect(first.created).toBe(true);
      expect(first.key).toHaveLength(32);
      expect(readFileSync(path)).toEqual(first.key);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(readdirSync(join(folder, 'data'))).toEqual(['secrets.key']);
      const second = openManagedKeyFile(path);
      expect(second).toEqual({ key: first.key, created: false });
      expect(openManagedKeyFile(join(folder, 'other.key')).key).not.toEqual(first.key);
    });

    it('is one key for processes that start together, created by exactly one of them', async () => {
      const path = join(folder, 'data', 'secrets.key');
      const gate = join(folder, 'gate');
      mkdirSync(gate);
      // Each process loads, says it is ready, and waits for the gate to open, so their first starts overlap.
      const script = (n: number) =>
        [
          `const fs = require('node:fs');`,
          `const { openManagedKeyFile } = require(${JSON.stringify(join(__dirname, 'secret-key.file.ts'))});`,
          `fs.writeFileSync(${JSON.stringify(join(gate, `ready-${n}`))}, '');`,
          `while (!fs.existsSync(${JSON.stringify(join(gate, 'open'))}));`,
          `const { key, created } = openManagedKeyFile(${JSON.stringify(path)});`,
          `console.log(JSON.stringify({ key: key.toString('hex'), created }));`,
        ].join('\n');
      const processes = Array.from({ length: 6 }, (_, n) =>
        promisify(execFile)(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script(n)], {
          cwd: join(__dirname, '..', '..'),
          timeout: 90_000,
        }),
      );
      while (readdirSync(gate).length < processes.length) await new Promise((resolve) => setTimeout(resolve, 50));
      writeFileSync(join(gate, 'open'), '');
      const results = (await Promise.all(processes)).map(({ stdout }) => JSON.parse(stdout) as { key: string; created: boolean });
      expect(new Set(results.map((result) => result.key))).toEqual(new Set([readFileSync(path).toString('hex')]));
      expect(results.filter((result) => result.created)).toHaveLength(1);
      expect(readdirSync(join(folder, 'data'))).toEqual(['secrets.key']);
    }, 120_000);

    it('is read as it is when it exists with mode 0600 or 0400', () => {
      const path = join(folder, 'secrets.key');
      const key = randomBytes(32);
      writeFileSync(path, key, { mode: 0o400 });
      expect(openManagedKeyFile(path)).toEqual({ key, created: false });
      chmodSync(path, 0o600);
      expect(openManagedKeyFile(path)).toEqual({ key, created: false });
    });

    it.each([0o640, 0o604, 0o620, 0o602, 0o644, 0o666])('is refused with mode %o, naming the file and the fix, never the key', (mode) => {
      const path = join(folder, 'secrets.key');
      const key = randomBytes(32);
      writeFileSync(path, key, { mode: 0o600 });
      chmodSync(path, mode);
      const problem = refusal(() => openManagedKeyFile(path));
      expect(problem).toContain(`${path} is open to group or others (mode 0${mode.toString(8)})`);
      expect(problem).toContain(`chmod 600 ${path}`);
      expect(problem).not.toContain(key.toString('base64'));
      expect(readFileSync(path)).toEqual(key);
    });

    it.each([0, 16, 31, 33, 44])('is refused when it holds %i bytes, and left as it is', (size) => {
      const path = join(folder, 'secrets.key');
      const content = randomBytes(size);
      writeFileSync(path, content, { mode: 0o600 });
      expect(refusal(() => openManagedKeyFile(path))).toContain(`${path} holds ${size} bytes, not 32: restore it from a backup`);
      expect(readFileSync(path)).toEqual(content);
    });

    it('is refused when it is a folder, or cannot be created', () => {
      const path = join(folder, 'secrets.key');
      writeFileSync(join(folder, 'blocker'), 'a file where a folder should be');
      expect(refusal(() => openManagedKeyFile(join(folder, 'blocker', 'secrets.key')))).toMatch(/cannot be (read|created) \(ENOTDIR\)/);
      expect(refusal(() => openManagedKeyFile(folder))).toContain('is not a file');
      expect(() => openManagedKeyFile(path)).not.toThrow();
    });
  });

  describe('SECRETS_KEY_FILE', () => {
    it('holds 32 bytes as they are, or their base64 on a line', () => {
      const key = randomBytes(32);
      writeFileSync(join(folder, 'raw'), key);
      writeFileSync(join(folder, 'text'), `${key.toString('base64')}\n`);
      expect(readOperatorKeyFile(join(folder, 'raw'))).toEqual(key);
      expect(readOperatorKeyFile(join(folder, 'text'))).toEqual(key);
    });

    it('is refused, named, when missing or holding no key, never showing its content', () => {
      const missing = join(folder, 'missing');
      expect(refusal(() => readOperatorKeyFile(missing))).toBe(`SECRETS_KEY_FILE names ${missing}, which cannot be read (ENOENT)`);
      const short = randomBytes(16).toString('base64');
      writeFileSync(join(folder, 'short'), short);
      const problem = refusal(() => readOperatorKeyFile(join(folder, 'short')));
      expect(problem).toMatch(/^SECRETS_KEY_FILE \(.*short\) must be the base64 of 32 bytes, it decodes to 16 .*; or 32 bytes as they are$/);
      expect(problem).not.toContain(short);
    });
  });
});
