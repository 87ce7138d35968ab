import { isAbsolute, resolve } from 'node:path';
import { readLogFormat, type LogFormat } from './log-format.config';
import { HTTP_LIMIT_DEFAULTS, readHttpLimits, type HttpLimits } from './http-limits.config';
import { readSessionSettings, SessionSettings } from './session.config';
import { readTenantRate, TenantRateSettings } from './tenant-rate.config';
import { readTrustProxy, type TrustProxySetting } from './trust-proxy.config';
import { readUnsafeTestMode, type UnsafeTestMode } from './unsafe-test-mode';

/** Log levels accepted in LOG_LEVEL, from the quietest. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'verbose'] as const;

/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Which database engine a DATABASE_URL selects. */
export type DatabaseKind = 'sqlite' | 'postgres';

/** The validated configuration of the API process; also its Nest injection token. */
export class AppConfig {
  constructor(
    readonly port: number,
    readonly host: string,
    readonly databaseUrl: string,
    readonly databaseKind: DatabaseKind,
    readonly adminKey: string | undefined,
    readonly logLevel: LogLevel,
    readonly bodyLimit: number,
    readonly batchMaxLines: number,
    /** A deliberately unsafe behaviour for the reliability suite's negative controls; null in every real run. */
    readonly unsafeTestMode: UnsafeTestMode | null = null,
    /** Failed authentications a client may have in the window before it gets 429. */
    readonly authFailureLimit = 100,
    readonly authFailureWindowSeconds = 60,
    /** Which peers' X-Forwarded-* headers are believed (TRUST_PROXY); none by default. */
    readonly trustProxy: TrustProxySetting = false,
    /** Timeouts and the per-address connection cap of the HTTP server. */
    readonly http: HttpLimits = HTTP_LIMIT_DEFAULTS,
    /** Console sessions' timeouts, caps and sign-in rate. */
    readonly sessions: SessionSettings = new SessionSettings(),
    /** Each tenant's request rate (TENANT_REQUEST_RATE, TENANT_REQUEST_BURST; ADR 0044). */
    readonly tenantRate: TenantRateSettings = new TenantRateSettings(),
    /** How long a valid credential's answer is kept in memory (AUTH_CACHE_SECONDS; 0 keeps none; ADR 0048). */
    readonly authCacheSeconds = 60,
    /** PostgreSQL connections the API's own pool may open (DATABASE_POOL_SIZE); SQLite has one. */
    readonly databasePoolSize = 10,
    /** How log lines are written (LOG_FORMAT; ADR 0052). */
    readonly logFormat: LogFormat = 'auto',
  ) {}
}

/** Boot refused: every problem found in the environment, not just the first. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Defaults of the variables that have one. */
export const CONFIG_DEFAULTS = {
  PORT: '3000',
  HOST: '0.0.0.0',
  DATABASE_URL: 'sqlite:./data/tally.db',
  LOG_LEVEL: 'info',
  BODY_LIMIT: '1mb',
  BATCH_MAX_LINES: '1000',
  AUTH_FAILURE_LIMIT: '100',
  AUTH_FAILURE_WINDOW_SECONDS: '60',
  AUTH_CACHE_SECONDS: '60',
  DATABASE_POOL_SIZE: '10',
} as const;

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 * 1024 };

/**
 * Reads and validates the environment. Unset or empty variables take their default.
 * @throws ConfigError listing every invalid variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const problems: string[] = [];
  const read = (name: keyof typeof CONFIG_DEFAULTS): string => {
    const value = env[name]?.trim();
    return value ? value : CONFIG_DEFAULTS[name];
  };

  const port = integerIn(read('PORT'), 0, 65535);
  if (port === null) problems.push(`PORT must be an integer from 0 to 65535, got "${read('PORT')}"`);

  const host = read('HOST');
  if (!/^[A-Za-z0-9.:\-[\]]{1,255}$/.test(host)) problems.push(`HOST must be a host name or an IP address, got "${host}"`);

  const databaseUrl = read('DATABASE_URL');
  const databaseKind = databaseKindOf(databaseUrl);
  if (!databaseKind) {
    problems.push('DATABASE_URL must be sqlite:<file path> or postgres://user@host:port/database (the value is not shown)');
  }

  const adminKey = env['TALLY_ADMIN_KEY'] === undefined || env['TALLY_ADMIN_KEY'] === '' ? undefined : env['TALLY_ADMIN_KEY'];
  if (adminKey !== undefined && !/^[\x21-\x7e]{32,512}$/.test(adminKey)) {
    problems.push('TALLY_ADMIN_KEY must be 32 to 512 printable characters without spaces (the value is not shown)');
  }

  const logLevel = read('LOG_LEVEL').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${read('LOG_LEVEL')}"`);
  }

  const bodyLimit = byteSize(read('BODY_LIMIT'));
  if (bodyLimit === null || bodyLimit < 1024 || bodyLimit > 100 * 1024 * 1024) {
    problems.push(`BODY_LIMIT must be a size from 1kb to 100mb (bytes, or with a kb/mb suffix), got "${read('BODY_LIMIT')}"`);
  }

  const batchMaxLines = integerIn(read('BATCH_MAX_LINES'), 1, 100_000);
  if (batchMaxLines === null) {
    problems.push(`BATCH_MAX_LINES must be an integer from 1 to 100000, got "${read('BATCH_MAX_LINES')}"`);
  }

  const authFailureLimit = integerIn(read('AUTH_FAILURE_LIMIT'), 1, 1_000_000);
  if (authFailureLimit === null) problems.push(`AUTH_FAILURE_LIMIT must be an integer from 1 to 1000000, got "${read('AUTH_FAILURE_LIMIT')}"`);
  const authFailureWindow = integerIn(read('AUTH_FAILURE_WINDOW_SECONDS'), 1, 86_400);
  if (authFailureWindow === null) {
    problems.push(`AUTH_FAILURE_WINDOW_SECONDS must be an integer from 1 to 86400, got "${read('AUTH_FAILURE_WINDOW_SECONDS')}"`);
  }

  const authCacheSeconds = integerIn(read('AUTH_CACHE_SECONDS'), 0, 3600);
  if (authCacheSeconds === null) problems.push(`AUTH_CACHE_SECONDS must be an integer from 0 to 3600, got "${read('AUTH_CACHE_SECONDS')}"`);
  const databasePoolSize = integerIn(read('DATABASE_POOL_SIZE'), 2, 500);
  if (databasePoolSize === null) problems.push(`DATABASE_POOL_SIZE must be an integer from 2 to 500, got "${read('DATABASE_POOL_SIZE')}"`);

  const trustProxy = readTrustProxy(env['TRUST_PROXY'], problems);
  const http = readHttpLimits(env, problems);
  const sessions = readSessionSettings(env, problems);
  const tenantRate = readTenantRate(env, problems);

  const unsafeTestMode = readUnsafeTestMode(env, problems);
  const logFormat = readLogFormat(env['LOG_FORMAT'], problems);

  if (
    problems.length ||
    port === null ||
    databaseKind === null ||
    bodyLimit === null ||
    batchMaxLines === null ||
    authFailureLimit === null ||
    authFailureWindow === null ||
    authCacheSeconds === null ||
    databasePoolSize === null
  ) {
    throw new ConfigError(problems);
  }
  return new AppConfig(
    port,
    host,
    databaseUrl,
    databaseKind,
    adminKey,
    logLevel as LogLevel,
    bodyLimit,
    batchMaxLines,
    unsafeTestMode,
    authFailureLimit,
    authFailureWindow,
    trustProxy,
    http,
    sessions,
    tenantRate,
    authCacheSeconds,
    databasePoolSize,
    logFormat,
  );
}

/** The directory a SQLite URL keeps its file in, or null for other databases and `:memory:`. */
export function sqliteDirectory(databaseUrl: string): string | null {
  if (!databaseUrl.startsWith('sqlite:')) return null;
  const path = databaseUrl.slice('sqlite:'.length).replace(/^\/\//, '');
  if (!path || path === ':memory:') return null;
  const absolute = isAbsolute(path) ? path : resolve(process.cwd(), path);
  return resolve(absolute, '..');
}

/**
 * Whether worker threads can open the same database with connections of their own: not a
 * SQLite `:memory:` database, which exists only in the connection that made it.
 */
export function threadsCanShare(databaseUrl: string): boolean {
  return !databaseUrl.startsWith('sqlite:') || sqliteDirectory(databaseUrl) !== null;
}

function databaseKindOf(url: string): DatabaseKind | null {
  if (/^sqlite:(\/\/)?.+$/.test(url)) return 'sqlite';
  if (/^postgres(ql)?:\/\/[^\s]+$/.test(url)) {
    try {
      const parsed = new URL(url);
      return parsed.hostname && parsed.pathname.length > 1 ? 'postgres' : null;
    } catch {
      return null;
    }
  }
  return null;
}

function integerIn(text: string, min: number, max: number): number | null {
  if (!/^\d{1,9}$/.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

/** Bytes of a size written as bytes or with a kb/mb suffix (`1mb`), or null. */
export function byteSize(text: string): number | null {
  const match = /^(\d{1,12})\s*(b|kb|mb)?$/i.exec(text);
  if (!match) return null;
  return Number(match[1]) * SIZE_UNITS[(match[2] ?? '').toLowerCase()];
}
