/** Where a command writes and what it reads from its process: passed in, so the runner owns the process. */
export interface CliIo {
  /** Results, one line each (what a script would read). */
  out(line: string): void;
  /** Notices, warnings and errors. */
  err(line: string): void;
  /** The process's environment: the same settings as the API's. */
  readonly env: NodeJS.ProcessEnv;
  /** Where progress bars are drawn: stderr when it is a terminal, else nowhere (null). */
  readonly progressStream: NodeJS.WritableStream | null;
}

/** The process's own streams. */
export function processIo(): CliIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    progressStream: process.stderr.isTTY ? process.stderr : null,
  };
}
