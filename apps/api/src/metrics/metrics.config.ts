import { EnvReader } from '@tally/platform-node';

/** Where `/metrics` is served (docs/operations.md, "Metrics"). */
export class MetricsConfig {
  constructor(
    /** METRICS_KEY: with it, `GET /metrics` on the main port answers a scraper presenting it as a bearer token. */
    readonly key: string | null,
    /** METRICS_PORT: a port of its own serving `/metrics` without a key, on METRICS_HOST. */
    readonly port: number | null,
    /** METRICS_HOST [127.0.0.1]: the address the metrics port listens on. */
    readonly host: string,
  ) {}
}

/** The shortest metrics key: guessing it must be as hopeless as guessing an API key. */
export const METRICS_KEY_MIN_LENGTH = 32;

/**
 * Reads the metrics settings.
 * @throws Error naming every invalid variable.
 */
export function loadMetricsConfig(env: NodeJS.ProcessEnv): MetricsConfig {
  const read = new EnvReader(env);
  const key = env['METRICS_KEY']?.trim() || null;
  if (key !== null && (key.length < METRICS_KEY_MIN_LENGTH || !/^[\x21-\x7e]+$/.test(key)))
    read.problems.push(`METRICS_KEY must be at least ${METRICS_KEY_MIN_LENGTH} printable characters without spaces`);
  const port = env['METRICS_PORT']?.trim() ? read.int('METRICS_PORT', 0, 1, 65_535) : null;
  const host = env['METRICS_HOST']?.trim() || '127.0.0.1';
  read.check('metrics settings');
  return new MetricsConfig(key, port, host);
}
