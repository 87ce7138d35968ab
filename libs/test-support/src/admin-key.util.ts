import { randomBytes } from 'node:crypto';

/** A fresh admin key to start a server with (`TALLY_ADMIN_KEY`), such as `tly_e2e_…`. */
export function newAdminKey(prefix = 'tly_test'): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`;
}

// The first start prints the generated key alone on a line, after a blank line under this title.
const PRINTED_KEY = /Admin API key[^\n]*\n\s*\n\s*(\S+)/;

/** The admin key a first start printed in its banner, if it printed one. */
export function printedAdminKey(output: string): string | undefined {
  return PRINTED_KEY.exec(output)?.[1];
}
