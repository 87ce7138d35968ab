import type { ParseArgsConfig } from 'node:util';
import type { CliIo } from './cli.io';

/** The options of a command, as node:util parseArgs declares them. */
export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

/** What a command was given: its positional arguments by name, and its options. */
export interface CommandInput {
  readonly args: Readonly<Record<string, string>>;
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
}

/** One `tally <name>` command. */
export interface CliCommand {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The positional arguments, all required, in order. */
  readonly positionals: readonly string[];
  readonly options: CommandOptions;
  /** The help text after the usage line: what it does, each option, the exit codes that differ. */
  readonly help: string;
  /** The option or argument each use-case field came from, to name it in errors (`tenantId` → `--tenant`). */
  readonly fields?: Readonly<Record<string, string>>;
  /** Runs the command; answers the exit code. Throws CliError (or a use case's error) to refuse. */
  run(input: CommandInput, io: CliIo): Promise<number>;
}
