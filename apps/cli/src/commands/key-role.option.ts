import type { ApiKeyRole } from '@tally/inventory-application';
import { usageError } from '../cli.error';

/** The roles an operator may give a key here, as typed on the command line. */
const ROLES: Readonly<Record<string, ApiKeyRole>> = { admin: 'admin', 'read-only': 'read_only' };

/** The role `--role` names. @throws CliError (exit 2) naming the option and the roles it takes. */
export function keyRoleOf(text: string | undefined): ApiKeyRole {
  const role = text === undefined ? undefined : ROLES[text];
  if (!role) throw usageError(`--role must be one of ${Object.keys(ROLES).join(', ')}, got ${text === undefined ? 'nothing' : `"${text}"`}`);
  return role;
}

/** The tenant `--tenant` names. @throws CliError (exit 2) when it is missing. */
export function tenantOf(text: string | undefined): string {
  if (!text?.trim()) throw usageError('--tenant ID is required');
  return text.trim();
}
