/** The request headers the check reads. */
type Headers = Readonly<Record<string, string | string[] | undefined>>;

/**
 * Whether a browser sent the request from a page of another origin. `Sec-Fetch-Site` when the
 * browser sends it (every current one does): anything but `same-origin` or `none` (typed by the
 * user) is cross-origin. Otherwise `Origin` against the host the request was sent to (`host`,
 * X-Forwarded-Host included when the proxy is trusted): another host, or the opaque `null`,
 * is cross-origin. A request with neither header is not a browser's: not cross-origin. Hosts are
 * compared, not schemes, because behind a TLS-terminating proxy the scheme seen here is not the
 * page's.
 */
export function isCrossOrigin(headers: Headers, host: string): boolean {
  const site = headers['sec-fetch-site'];
  if (typeof site === 'string') return site !== 'same-origin' && site !== 'none';
  const origin = headers['origin'];
  if (typeof origin !== 'string') return false;
  try {
    return new URL(origin).host.toLowerCase() !== host.toLowerCase();
  } catch {
    return true;
  }
}
