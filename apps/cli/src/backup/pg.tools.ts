import { spawn, spawnSync } from 'node:child_process';
import { CliError, CliErrorCodes } from '../cli.error';

/**
 * The libpq environment a `postgres://` URL stands for, so the PostgreSQL tools connect where
 * the API does without the URL (and its password) on their command line, where `ps` shows it.
 */
export function pgEnvironmentOf(databaseUrl: string): Record<string, string> {
  const url = new URL(databaseUrl);
  const env: Record<string, string> = { PGDATABASE: decodeURIComponent(url.pathname.replace(/^\//, '')) };
  if (url.hostname) env['PGHOST'] = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (url.port) env['PGPORT'] = url.port;
  if (url.username) env['PGUSER'] = decodeURIComponent(url.username);
  if (url.password) env['PGPASSWORD'] = decodeURIComponent(url.password);
  const sslMode = url.searchParams.get('sslmode');
  if (sslMode) env['PGSSLMODE'] = sslMode;
  return env;
}

/** Whether a program answers `--version` from PATH. */
export function toolOnPath(tool: string, env: NodeJS.ProcessEnv): boolean {
  return !spawnSync(tool, ['--version'], { env, stdio: 'ignore' }).error;
}

/**
 * Refuses with the exact command to run by hand when `tool` is not on PATH. The command names
 * the URL as `"$DATABASE_URL"`, so no password is printed.
 */
export function requireTool(tool: string, env: NodeJS.ProcessEnv, manual: string): void {
  if (toolOnPath(tool, env)) return;
  throw new CliError(
    CliErrorCodes.toolMissing,
    `${tool} is not on PATH (install the PostgreSQL client tools of your server's version), or run it yourself:\n  ${manual}`,
  );
}

/** Runs a PostgreSQL tool against the database of `databaseUrl`; its messages go to `onOutput`. @throws CliError when it fails. */
export function runPgTool(tool: string, args: readonly string[], databaseUrl: string, env: NodeJS.ProcessEnv, onOutput: (text: string) => void): Promise<void> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(tool, args, { env: { ...env, ...pgEnvironmentOf(databaseUrl) }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => onOutput(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => onOutput(chunk.toString()));
    child.once('error', (error) => reject(new CliError(CliErrorCodes.toolFailed, `${tool} could not run: ${error.message}`)));
    child.once('exit', (code, signal) => {
      if (code === 0) resolveRun();
      else reject(new CliError(CliErrorCodes.toolFailed, `${tool} failed (${signal ?? `exit ${code}`})`));
    });
  });
}
