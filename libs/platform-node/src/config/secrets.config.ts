import { join, resolve } from 'node:path';
import { ConfigError, sqliteDirectory } from './app.config';
import { EnvReader } from './env.reader';

/** Bytes of a secrets key (AES-256). */
const KEY_BYTES = 32;

/** The name of the key file Tally generates when no key is configured. */
export const MANAGED_KEY_FILE_NAME = 'secrets.key';

/** How to make a key, with the runtime Tally already needs. */
export const KEY_COMMAND = `node -e "console.log(require('node:crypto').randomBytes(32).toString('base64'))"`;

/**
 * Where the key that seals outbound secrets comes from (docs/outbound-secrets.md): SECRETS_KEY,
 * or SECRETS_KEY_FILE, or else the key file Tally generates in its data directory.
 */
export class SecretsConfig {
  constructor(
    /** SECRETS_KEY [none]: the key itself, base64 of 32 bytes. */
    readonly key: Buffer | null,
    /** SECRETS_KEY_FILE [none]: a file holding the key, provided by the operator (absolute once read). */
    readonly keyFile: string | null,
    /** The key file Tally creates on its first start when neither is set: `secrets.key` in the data directory. */
    readonly managedKeyFile: string,
    /** SECRETS_PREVIOUS_KEYS [none]: older keys, comma-separated base64, that still open what they sealed. */
    readonly previousKeys: readonly Buffer[],
  ) {}
}

/**
 * Reads the secrets settings. The data directory is the SQLite database's, or `./data` (where the
 * default database lives) for PostgreSQL.
 * @throws ConfigError naming every invalid variable, never showing a key.
 */
export function loadSecretsConfig(env: NodeJS.ProcessEnv, databaseUrl: string): SecretsConfig {
  const read = new EnvReader(env);
  const keyText = env['SECRETS_KEY']?.trim();
  const fileText = env['SECRETS_KEY_FILE']?.trim();
  if (keyText && fileText) read.problems.push('SECRETS_KEY and SECRETS_KEY_FILE are both set: set one of them');
  const key = keyText ? keyOrProblem(keyText, 'SECRETS_KEY', read.problems) : null;
  const previousTexts = (env['SECRETS_PREVIOUS_KEYS'] ?? '')
    .split(',')
    .map((text) => text.trim())
    .filter(Boolean);
  const previousKeys = previousTexts
    .map((text, index) => keyOrProblem(text, `SECRETS_PREVIOUS_KEYS (entry ${index + 1} of ${previousTexts.length})`, read.problems))
    .filter((previous): previous is Buffer => previous !== null);
  if (read.problems.length) throw new ConfigError(read.problems);
  const dataDirectory = sqliteDirectory(databaseUrl) ?? resolve(process.cwd(), 'data');
  return new SecretsConfig(key, fileText ? resolve(fileText) : null, join(dataDirectory, MANAGED_KEY_FILE_NAME), previousKeys);
}

/** A key read from text, or why the text is not one (the problem never shows the text). */
export type SecretKeyReading = { readonly key: Buffer; readonly problem?: undefined } | { readonly key?: undefined; readonly problem: string };

/**
 * Reads a key written as the base64 (or base64url, padded or not) of 32 bytes; `setting` names
 * where the text came from in the problem.
 */
export function readSecretKey(text: string, setting: string): SecretKeyReading {
  const unpadded = text.replace(/={1,2}$/, '');
  const standard = unpadded.replace(/-/g, '+').replace(/_/g, '/');
  const mixed = /[-_]/.test(unpadded) && /[+/]/.test(unpadded);
  const bytes = Buffer.from(standard, 'base64');
  if (mixed || !/^[A-Za-z0-9+/]+$/.test(standard) || bytes.toString('base64').replace(/=+$/, '') !== standard) {
    return { problem: `${setting} must be base64 (the value is not shown); make a key with: ${KEY_COMMAND}` };
  }
  if (bytes.length !== KEY_BYTES) {
    return {
      problem: `${setting} must be the base64 of ${KEY_BYTES} bytes, it decodes to ${bytes.length} (the value is not shown); make a key with: ${KEY_COMMAND}`,
    };
  }
  return { key: bytes };
}

function keyOrProblem(text: string, setting: string, problems: string[]): Buffer | null {
  const reading = readSecretKey(text, setting);
  if (reading.problem !== undefined) problems.push(reading.problem);
  return reading.key ?? null;
}
