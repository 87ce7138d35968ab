import { ApplicationError, ApplicationErrorCodes, type Tenant } from '@tally/inventory-application';
import { ExitCodes } from '../cli.error';
import type { CliCommand } from '../cli-command';
import { withAdminContext } from '../platform/admin.context';

/** Who a repair made here is recorded as, in the ledger. */
const CLI_ACTOR = 'cli:verify';

/** `tally verify [--tenant ID] [--repair]`: the use case behind `POST /api/v1/verify`. */
export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: 'check every level against its ledger (--repair restores what the ledger says)',
  fields: { tenant: '--tenant' },
  positionals: [],
  options: { tenant: { type: 'string' }, repair: { type: 'boolean' } },
  help: [
    'Checks every stock level against its ledger, as POST /api/v1/verify does, for one tenant or all',
    'of them, and prints each drift. With --repair, restores what the ledger says and records the',
    `repair in the ledger (actor "${CLI_ACTOR}").`,
    '',
    'Options:',
    '  --tenant ID   only this tenant (default: every tenant)',
    '  --repair      repair the drift found',
    '',
    'Exit codes: 0 no drift (or all of it repaired), 1 drift found and not repaired.',
  ].join('\n'),
  async run({ options }, io) {
    const tenantId = options['tenant'] as string | undefined;
    const repair = options['repair'] === true;
    let unrepaired = 0;
    await withAdminContext(io, async (context) => {
      const tenants =
        tenantId === undefined ? await context.persistence.tenants.list() : [await tenantNamed(tenantId, context.persistence.tenants.get(tenantId))];
      for (const tenant of tenants) {
        const report = await context.verifier.verify(tenant.id, { repair, actor: CLI_ACTOR });
        io.out(`tenant ${tenant.id} (${tenant.name}): ${report.checked} place(s) checked, ${report.drifts.length} drift(s), ${report.repaired} repaired`);
        for (const drift of report.drifts) {
          io.out(
            `  ${drift.kind}: item ${drift.itemId} at location ${drift.locationId} (level version ${drift.levelVersion ?? 'none'}, ledger version ${drift.ledgerVersion ?? 'none'})`,
          );
        }
        unrepaired += report.drifts.length - report.repaired;
      }
    });
    return unrepaired > 0 ? ExitCodes.failed : ExitCodes.ok;
  },
};

async function tenantNamed(id: string, found: Promise<Tenant | null>): Promise<Tenant> {
  const tenant = await found;
  if (!tenant) throw new ApplicationError(ApplicationErrorCodes.notFound, `no tenant ${id}`, 'tenant');
  return tenant;
}
