import type { CliCommand } from '../cli-command';
import { backupCommand } from './backup.command';
import { createKeyCommand } from './create-key.command';
import { createTenantCommand } from './create-tenant.command';
import { exportCommand } from './export.command';
import { importCommand } from './import.command';
import { migrateCommand } from './migrate.command';
import { recoverAdminCommand } from './recover-admin.command';
import { restoreCommand } from './restore.command';
import { verifyCommand } from './verify.command';

/** Every `tally` command, in the order the help lists them. */
export const COMMANDS: readonly CliCommand[] = [
  migrateCommand,
  backupCommand,
  restoreCommand,
  createTenantCommand,
  createKeyCommand,
  recoverAdminCommand,
  verifyCommand,
  importCommand,
  exportCommand,
];
