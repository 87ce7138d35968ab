/**
 * How long a client may hold the server's sockets and how many it may hold: the defences
 * against slow or unfinished requests (docs/security.md, "Timeouts and limits").
 */
export interface HttpLimits {
  /** HTTP_REQUEST_TIMEOUT_MS: a whole request, body included, must arrive within it, else 408 and the socket is closed. */
  readonly requestTimeoutMs: number;
  /** HTTP_HEADERS_TIMEOUT_MS: the request line and headers must arrive within it, else 408. */
  readonly headersTimeoutMs: number;
  /** HTTP_KEEP_ALIVE_TIMEOUT_MS: an idle kept-alive socket is closed after it. */
  readonly keepAliveTimeoutMs: number;
  /** HTTP_CONNECTION_TIMEOUT_MS: a socket with no traffic either way is closed after it. */
  readonly connectionTimeoutMs: number;
  /** MAX_CONNECTIONS_PER_ADDRESS: open sockets one peer address may hold; 0 for no cap. */
  readonly maxConnectionsPerAddress: number;
}

/**
 * The defaults: room for a 64 MB push on a slow link, short for headers that do not come. The
 * keep-alive stays the HTTP server's former 72 s, above the 60 s idle timeout of common load
 * balancers (a shorter one races their reuse of the socket and costs 502s); the idle timeout is
 * longer still, so it only ends sockets stalled mid-exchange.
 */
export const HTTP_LIMIT_DEFAULTS: HttpLimits = {
  requestTimeoutMs: 120_000,
  headersTimeoutMs: 20_000,
  keepAliveTimeoutMs: 72_000,
  connectionTimeoutMs: 120_000,
  maxConnectionsPerAddress: 64,
};

const SETTINGS: readonly { name: string; key: keyof HttpLimits; min: number; max: number }[] = [
  { name: 'HTTP_REQUEST_TIMEOUT_MS', key: 'requestTimeoutMs', min: 100, max: 3_600_000 },
  { name: 'HTTP_HEADERS_TIMEOUT_MS', key: 'headersTimeoutMs', min: 100, max: 3_600_000 },
  { name: 'HTTP_KEEP_ALIVE_TIMEOUT_MS', key: 'keepAliveTimeoutMs', min: 100, max: 3_600_000 },
  { name: 'HTTP_CONNECTION_TIMEOUT_MS', key: 'connectionTimeoutMs', min: 100, max: 3_600_000 },
  { name: 'MAX_CONNECTIONS_PER_ADDRESS', key: 'maxConnectionsPerAddress', min: 0, max: 100_000 },
];

/** Reads the HTTP limits; unset or empty variables take their default, every bad one is added to `problems`. */
export function readHttpLimits(env: NodeJS.ProcessEnv, problems: string[]): HttpLimits {
  const limits: Record<string, number> = { ...HTTP_LIMIT_DEFAULTS };
  for (const { name, key, min, max } of SETTINGS) {
    const text = env[name]?.trim();
    if (!text) continue;
    const value = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
    if (value >= min && value <= max) limits[key] = value;
    else problems.push(`${name} must be an integer from ${min} to ${max}, got "${text}"`);
  }
  // Node refuses a headers timeout longer than the request timeout: the request one would never fire first.
  if (limits['headersTimeoutMs'] > limits['requestTimeoutMs']) {
    problems.push(`HTTP_HEADERS_TIMEOUT_MS (${limits['headersTimeoutMs']}) must not exceed HTTP_REQUEST_TIMEOUT_MS (${limits['requestTimeoutMs']})`);
  }
  return limits as unknown as HttpLimits;
}
