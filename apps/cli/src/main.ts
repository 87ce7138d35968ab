import { runCli } from './cli.runner';
import { processIo } from './cli.io';

// The exit code once the command's connections are closed: no pending timer may keep the process.
void runCli(process.argv.slice(2), processIo()).then((code) => process.exit(code));
