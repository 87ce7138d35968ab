import { ExitCodes } from '../cli.error';
import type { CliCommand } from '../cli-command';
import { withAdminContext } from '../platform/admin.context';
import { tenantOf } from './key-role.option';

/** `tally recover-admin --tenant ID`: a new admin key for an operator with database access. */
export const recoverAdminCommand: CliCommand = {
  name: 'recover-admin',
  summary: 'create a new admin key for a tenant that lost its own (existing keys keep working)',
  fields: { tenantId: '--tenant' },
  positionals: [],
  options: { tenant: { type: 'string' } },
  help: [
    'Creates a new admin key for a tenant and prints it once, for an operator with access to the',
    'database when the tenant has lost its admin keys. Existing keys keep working: revoke a lost one',
    'with the new key (DELETE /api/v1/api-keys/{id}).',
    '',
    'Options:',
    '  --tenant ID   the tenant (required)',
  ].join('\n'),
  async run({ options }, io) {
    const tenantId = tenantOf(options['tenant'] as string | undefined);
    const name = `recovered admin ${new Date().toISOString()}`;
    const { key, secret } = await withAdminContext(io, (context) => context.access().createKey(tenantId, name, 'admin'));
    io.out(`key id:  ${key.id}`);
    io.out(`tenant:  ${key.tenantId}`);
    io.out(`role:    ${key.role}`);
    io.out(`key:     ${secret}`);
    io.err("The key is shown this once; Tally keeps only its hash. The tenant's other keys still work.");
    return ExitCodes.ok;
  },
};
