import { ExitCodes } from '../cli.error';
import type { CliCommand } from '../cli-command';
import { withAdminContext } from '../platform/admin.context';

/** `tally create-tenant NAME`: the same use case as `POST /api/v1/tenants`; the key is shown once. */
export const createTenantCommand: CliCommand = {
  name: 'create-tenant',
  summary: 'open a tenant and print its id and first admin key (shown once)',
  fields: { name: 'NAME' },
  positionals: ['NAME'],
  options: {},
  help: [
    'Opens a tenant named NAME (1 to 100 characters) and prints its id and its first key, once:',
    "Tally keeps only the key's hash. On a database without tenants the key is an operator key",
    "(it may open further tenants through the API), as on the API's first start; otherwise an admin key.",
  ].join('\n'),
  async run({ args }, io) {
    const { tenant, adminKey } = await withAdminContext(io, (context) => context.access().createTenant(args['NAME']));
    io.out(`tenant:  ${tenant.id}`);
    io.out(`name:    ${tenant.name}`);
    io.out(`role:    ${adminKey.key.role}`);
    io.out(`key:     ${adminKey.secret}`);
    io.err('The key is shown this once; Tally keeps only its hash.');
    return ExitCodes.ok;
  },
};
