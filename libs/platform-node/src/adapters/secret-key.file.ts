import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { ConfigError } from '../config/app.config';
import { KEY_COMMAND, readSecretKey } from '../config/secrets.config';
import { SECRET_KEY_BYTES } from './aes-gcm-secret.cipher';

/** The key Tally keeps in its data directory, and whether this start created it. */
export interface ManagedSecretKey {
  readonly key: Buffer;
  readonly created: boolean;
}

/**
 * Reads the key file Tally manages, creating it with 32 random bytes and mode 0600 when it does
 * not exist. Processes starting together agree on one key: the file appears whole or not at all.
 * @throws ConfigError when the file is readable or writable by group or others, or not 32 bytes.
 */
export function openManagedKeyFile(path: string): ManagedSecretKey {
  const existing = readManagedKeyFile(path);
  if (existing) return { key: existing, created: false };
  let created: boolean;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    created = createExclusively(path, randomBytes(SECRET_KEY_BYTES));
  } catch (error) {
    return refuse(`the secrets key file ${path} cannot be created (${codeOf(error)}); set SECRETS_KEY or SECRETS_KEY_FILE instead`);
  }
  return { key: readManagedKeyFile(path) ?? refuse(`the secrets key file ${path} vanished while it was being created`), created };
}

/**
 * Reads the key file an operator named in SECRETS_KEY_FILE: 32 bytes as they are, or their
 * base64 on one line. Its permissions are the operator's (secret mounts are often 0444).
 * @throws ConfigError naming SECRETS_KEY_FILE when it cannot be read or holds no key.
 */
export function readOperatorKeyFile(path: string): Buffer {
  let content: Buffer;
  try {
    content = readFileSync(path);
  } catch (error) {
    return refuse(`SECRETS_KEY_FILE names ${path}, which cannot be read (${codeOf(error)})`);
  }
  if (content.length === SECRET_KEY_BYTES) return content;
  const reading = readSecretKey(content.toString('latin1').trim(), `SECRETS_KEY_FILE (${path})`);
  return reading.key ?? refuse(`${reading.problem}; or 32 bytes as they are`);
}

function readManagedKeyFile(path: string): Buffer | null {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return null;
    return refuse(`the secrets key file ${path} cannot be read (${codeOf(error)})`);
  }
  if (!stat.isFile()) refuse(`the secrets key file ${path} is not a file`);
  // Windows keeps no POSIX modes: there the directory's access control protects the file.
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
    refuse(`the secrets key file ${path} is open to group or others (mode ${mode}); make it readable by its owner only: chmod 600 ${path}`);
  }
  const key = readFileSync(path);
  if (key.length !== SECRET_KEY_BYTES) {
    refuse(
      `the secrets key file ${path} holds ${key.length} bytes, not ${SECRET_KEY_BYTES}: restore it from a backup ` +
        `(a new key cannot open what the old one sealed), or set SECRETS_KEY (make one with: ${KEY_COMMAND})`,
    );
  }
  return key;
}

/** Writes a temporary file, then links it into place: false when another process linked first. */
function createExclusively(path: string, key: Buffer): boolean {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeDurably(temporary, key);
  try {
    linkSync(temporary, path);
    syncDirectory(dirname(path));
    return true;
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temporary);
  }
}

function writeDurably(path: string, content: Buffer): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function syncDirectory(directory: string): void {
  try {
    const fd = openSync(directory, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not every platform can sync a directory; the key is written either way.
  }
}

function refuse(problem: string): never {
  throw new ConfigError([problem]);
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? 'unknown error';
}
