/** How the command line ends: success, a failure of the work, or a command it could not understand. */
export const ExitCodes = {
  ok: 0,
  /** The command ran and failed, refused, or found drift it did not repair. */
  failed: 1,
  /** Unknown command or option, missing or invalid argument: nothing was done. */
  usage: 2,
} as const;

/** Stable codes of the command line's own refusals (the use cases' codes pass through as they are). */
export const CliErrorCodes = {
  unknownCommand: 'CLI.UNKNOWN_COMMAND',
  badArguments: 'CLI.BAD_ARGUMENTS',
  pendingMigrations: 'CLI.PENDING_MIGRATIONS',
  fileExists: 'BACKUP.FILE_EXISTS',
  noDatabase: 'BACKUP.NO_DATABASE',
  toolMissing: 'BACKUP.TOOL_MISSING',
  toolFailed: 'BACKUP.TOOL_FAILED',
  notTally: 'RESTORE.NOT_A_TALLY_BACKUP',
  inUse: 'RESTORE.DATABASE_IN_USE',
  holdsData: 'RESTORE.TARGET_HOLDS_DATA',
  noTenant: 'CLI.NO_TENANT',
} as const;

/** One of {@link CliErrorCodes}. */
export type CliErrorCode = (typeof CliErrorCodes)[keyof typeof CliErrorCodes];

/** An expected refusal of a command: printed as its message and code, never with a stack. */
export class CliError extends Error {
  constructor(
    readonly code: CliErrorCode,
    message: string,
    readonly exitCode: number = ExitCodes.failed,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A command line that cannot be understood: exit 2, nothing done. */
export function usageError(message: string, code: CliErrorCode = CliErrorCodes.badArguments): CliError {
  return new CliError(code, message, ExitCodes.usage);
}
