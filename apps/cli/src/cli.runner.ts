import { parseArgs } from 'node:util';
import { ApplicationError } from '@tally/inventory-application';
import { DatabaseStartError } from '@tally/persistence-sql';
import { ConfigError } from '@tally/platform-node';
import { CliError, CliErrorCodes, ExitCodes, usageError } from './cli.error';
import type { CliCommand, CommandInput } from './cli-command';
import type { CliIo } from './cli.io';
import { COMMANDS } from './commands/commands.list';

const HELP_FLAGS = new Set(['--help', '-h', 'help']);

/** The tool's help: the commands and the settings they read. */
export function toolHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    'Usage: tally <command> [options]',
    '',
    "Tally's command line for operators. It reads the API's settings from the same environment",
    'variables (DATABASE_URL, default sqlite:./data/tally.db; SECRETS_KEY / SECRETS_KEY_FILE; ...).',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    "Run `tally <command> --help` for a command's options.",
    'Exit codes: 0 done, 1 failed or refused, 2 unknown command or option (nothing done).',
  ].join('\n');
}

/** A command's help. */
export function commandHelp(command: CliCommand): string {
  const options = Object.keys(command.options).length ? ' [options]' : '';
  return [`Usage: tally ${command.name}${command.positionals.map((name) => ` ${name}`).join('')}${options}`, '', command.help].join('\n');
}

/** Runs `tally <argv>`; answers the exit code. Prints refusals with their code, never a stack (except for bugs). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || HELP_FLAGS.has(name)) {
    io.out(toolHelp());
    return ExitCodes.ok;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  try {
    if (!command)
      throw usageError(`unknown command "${name}"; the commands are ${COMMANDS.map((c) => c.name).join(', ')} (tally --help)`, CliErrorCodes.unknownCommand);
    if (rest.some((arg) => arg === '--help' || arg === '-h')) {
      io.out(commandHelp(command));
      return ExitCodes.ok;
    }
    return await command.run(inputOf(command, rest), io);
  } catch (error) {
    io.err(`tally${command ? ` ${command.name}` : ''}: ${describe(error, command?.fields ?? {})}`);
    if (error instanceof CliError && error.exitCode === ExitCodes.usage) io.err(`(tally ${command ? `${command.name} ` : ''}--help shows the usage)`);
    return error instanceof CliError ? error.exitCode : ExitCodes.failed;
  }
}

/** The command's arguments and options. @throws CliError (exit 2) for an unknown option or a wrong number of arguments. */
function inputOf(command: CliCommand, rest: readonly string[]): CommandInput {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...rest], options: command.options, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's advice on '--' after an unknown option is noise here: the first sentence says it.
    throw usageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, '.'));
  }
  const { positionals, values } = parsed;
  if (positionals.length !== command.positionals.length) {
    const expected = command.positionals.length ? command.positionals.join(' ') : 'no arguments';
    throw usageError(`expects ${expected}, got ${positionals.length ? positionals.map((p) => `"${p}"`).join(' ') : 'none'}`);
  }
  const args = Object.fromEntries(command.positionals.map((key, index) => [key, positionals[index]]));
  return { args, options: values as CommandInput['options'] };
}

function describe(error: unknown, fields: Readonly<Record<string, string>>): string {
  if (error instanceof CliError || error instanceof DatabaseStartError) return `${error.message} [${error.code}]`;
  if (error instanceof ApplicationError) {
    const field = error.field === undefined ? undefined : (fields[error.field] ?? error.field);
    return `${field ? `${field}: ` : ''}${error.message} [${error.code}]`;
  }
  if (error instanceof ConfigError) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
