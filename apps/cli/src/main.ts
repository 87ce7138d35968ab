import { runCli } from './cli.runner';
import { processIo } from './cli.io';

/** Resolves once everything written to `stream` so far has been handed to the system. */
const flushed = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()));

// The exit code once the command's connections are closed: no pending timer may keep the process.
// Writes to a pipe are asynchronous, so the output is flushed first: exiting at once would cut a
// long report (an import's bad lines) short.
void runCli(process.argv.slice(2), processIo()).then(async (code) => {
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
});
