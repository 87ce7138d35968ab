import { isIP } from 'node:net';

/**
 * Which peers' `X-Forwarded-For`, `-Proto` and `-Host` are believed: none (false), the nearest
 * N hops, or the addresses and CIDR ranges listed. Handed to Fastify's `trustProxy` as it is.
 */
export type TrustProxySetting = false | number | readonly string[];

/** Most hops TRUST_PROXY may count; more proxies in a row than this is a misconfiguration. */
export const MAX_TRUSTED_HOPS = 10;
/** Names of address ranges Fastify's proxy-addr knows (127.0.0.0/8 and ::1, link-local, private). */
const RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * Reads TRUST_PROXY: unset, empty or `off` trusts no proxy (the socket's peer is the client); a
 * whole number from 1 to {@link MAX_TRUSTED_HOPS} trusts that many hops, whoever the peer is (only
 * for a server no client can reach but through the proxies); otherwise a comma-separated list of
 * IP addresses, CIDR ranges and the names loopback, linklocal, uniquelocal. Every bad entry is
 * named in `problems`.
 */
export function readTrustProxy(value: string | undefined, problems: string[]): TrustProxySetting {
  const text = value?.trim() ?? '';
  if (text === '' || text.toLowerCase() === 'off') return false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops >= 1 && hops <= MAX_TRUSTED_HOPS) return hops;
    problems.push(`TRUST_PROXY as a hop count must be from 1 to ${MAX_TRUSTED_HOPS}, got "${text}"`);
    return false;
  }
  const entries = text.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isTrustedEntry(entry));
  if (bad.length) {
    problems.push(
      `TRUST_PROXY must be off, a hop count, or a comma-separated list of IP addresses, CIDR ranges and loopback/linklocal/uniquelocal; not understood: ${bad.map((b) => `"${b}"`).join(', ')}`,
    );
    return false;
  }
  return entries;
}

function isTrustedEntry(entry: string): boolean {
  if (RANGE_NAMES.includes(entry.toLowerCase())) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}
