import { ExitCodes } from '../cli.error';
import type { CliCommand } from '../cli-command';
import { withAdminContext } from '../platform/admin.context';
import { keyRoleOf, tenantOf } from './key-role.option';

/** `tally create-key --tenant ID --role admin|read-only [--name NAME]`. */
export const createKeyCommand: CliCommand = {
  name: 'create-key',
  summary: 'create an API key for a tenant and print it (shown once)',
  fields: { tenantId: '--tenant', name: '--name' },
  positionals: [],
  options: { tenant: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } },
  help: [
    'Creates an API key for a tenant and prints it once (Tally keeps only its hash).',
    '',
    'Options:',
    '  --tenant ID                   the tenant (required)',
    '  --role admin|read-only        what the key may do (required): admin may write, read-only only reads',
    '  --name NAME                   what the key is for, 1 to 100 characters (default "created by tally create-key")',
  ].join('\n'),
  async run({ options }, io) {
    const tenantId = tenantOf(options['tenant'] as string | undefined);
    const role = keyRoleOf(options['role'] as string | undefined);
    const name = (options['name'] as string | undefined) ?? 'created by tally create-key';
    const { key, secret } = await withAdminContext(io, (context) => context.access().createKey(tenantId, name, role));
    io.out(`key id:  ${key.id}`);
    io.out(`tenant:  ${key.tenantId}`);
    io.out(`role:    ${key.role}`);
    io.out(`key:     ${secret}`);
    io.err('The key is shown this once; Tally keeps only its hash.');
    return ExitCodes.ok;
  },
};
