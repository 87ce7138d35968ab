import { splitConnectionToken } from '@tally/vendor-kit';

/** What a Comestri client presents: the connection token, split, and the user's email. */
export interface ComestriCredentials {
  readonly credentialId: string;
  readonly secret: string;
  readonly email: string;
}

/** The challenge sent with every 401, as RFC 7235 asks. */
export const COMESTRI_CHALLENGE = 'Token realm="Comestri", charset="UTF-8"';

const EMAIL = /^[^\s@,;"]+@[^\s@,;"]+$/;

/**
 * Reads `Authorization: Token token=<token>,email=<email>`. The token is the connection's
 * `<credentialId>.<secret>`, split at the first '.'. Leniencies (what Rails'
 * `authenticate_with_http_token`, which Comestri's clients target, also takes): the scheme
 * in any case, values in double quotes, spaces after the separators, and ';' for ','.
 * Answers null when the header is missing or malformed.
 */
export function parseComestriAuthorization(header: string | undefined): ComestriCredentials | null {
  if (!header) return null;
  const match = /^\s*token\s+(.+)$/i.exec(header);
  if (!match) return null;
  const params = new Map<string, string>();
  for (const part of match[1].split(/\s*[,;]\s*/)) {
    const pair = /^([a-z_]+)=(?:"([^"]*)"|([^\s"]*))$/i.exec(part.trim());
    if (!pair) return null;
    const key = pair[1].toLowerCase();
    if (params.has(key)) return null;
    params.set(key, pair[2] ?? pair[3]);
  }
  const token = params.get('token');
  const email = params.get('email');
  if (!token || !email || !EMAIL.test(email) || email.length > 190) return null;
  const split = splitConnectionToken(token);
  return split ? { ...split, email } : null;
}
