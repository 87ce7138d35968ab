import { ConfigError, EnvReader } from '@tally/platform-node';

/** The command-line flag of the API entry (and of `npm start --`) that allows creating the database. */
export const CREATE_DATABASE_FLAG = '--create-database';

/** How one start treats what it finds missing. */
export interface StartSettings {
  /** PostgreSQL: create the database DATABASE_URL names when it does not exist (ADR 0051). */
  readonly createDatabase: boolean;
}

/**
 * Reads DATABASE_CREATE (`on`/`off`, off by default) and the command-line arguments: the API
 * takes only {@link CREATE_DATABASE_FLAG}, and refuses any other, so a mistyped flag does not
 * pass for none.
 * @throws ConfigError naming every problem.
 */
export function loadStartSettings(env: NodeJS.ProcessEnv, args: readonly string[]): StartSettings {
  const reader = new EnvReader(env);
  const fromEnv = reader.onOff('DATABASE_CREATE', false);
  for (const arg of args) {
    if (arg !== CREATE_DATABASE_FLAG) reader.problems.push(`unknown argument "${arg}": the API takes only ${CREATE_DATABASE_FLAG}`);
  }
  if (reader.problems.length) throw new ConfigError(reader.problems);
  return { createDatabase: fromEnv || args.includes(CREATE_DATABASE_FLAG) };
}
