/** Name of the console's session cookie over plain HTTP. */
export const SESSION_COOKIE = 'tally_session';
/**
 * Its name over HTTPS: a browser takes a `__Host-` cookie only with Secure, Path=/ and no Domain
 * from the host itself, so neither a sibling subdomain nor a plain-HTTP answer can plant one.
 */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

/** The session cookie's name for a request over HTTPS (`secure`) or plain HTTP. */
export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/**
 * The value of the session cookie in a Cookie header, or null. Over HTTPS only the `__Host-`
 * cookie is read, so a plain `tally_session` planted by another host is ignored.
 */
export function sessionTokenOf(cookieHeader: unknown, secure: boolean): string | null {
  if (typeof cookieHeader !== 'string') return null;
  const wanted = sessionCookieName(secure);
  for (const part of cookieHeader.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === wanted) {
      const value = rest.join('=');
      return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : null;
    }
  }
  return null;
}

/**
 * The Set-Cookie value: HttpOnly so scripts never read it, SameSite=Strict so other sites
 * cannot ride it, and over HTTPS (directly or through a trusted proxy) Secure under the
 * `__Host-` name.
 */
export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return [`${sessionCookieName(secure)}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeSeconds}`, ...(secure ? ['Secure'] : [])].join(
    '; ',
  );
}

/** The Set-Cookie value that deletes the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', 0, secure);
}
