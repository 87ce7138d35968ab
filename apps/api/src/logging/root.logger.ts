import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import pinoPretty from 'pino-pretty';
import type { LogLevel, LogFormat } from '@tally/platform-node';

/** pino's level for each LOG_LEVEL: Nest's `verbose` is pino's `trace`. */
const PINO_LEVELS: Readonly<Record<LogLevel, Level>> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  info: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/**
 * Paths censored in any line, should an object carrying them ever be logged (an error with the
 * request or the headers it sent, say). No line Tally writes holds them; this is the net under
 * that. Named paths only: each wildcard path (`*.token`) costs pino about 2 µs on every line,
 * ten of them tripled the cost of a request line (ADR 0052).
 */
export const REDACTED_PATHS: readonly string[] = [
  'authorization',
  'cookie',
  'password',
  'secret',
  'token',
  'apiKey',
  ...['headers', 'req.headers', 'request.headers', 'err.headers', 'err.config.headers'].flatMap((at) => [
    `${at}.authorization`,
    `${at}.cookie`,
    `${at}["set-cookie"]`,
    `${at}["x-api-key"]`,
  ]),
];

/** The process's logger. */
export interface RootLogger {
  readonly logger: Logger;
}

/** Whether lines are written as pretty text: LOG_FORMAT=pretty, or `auto` on a terminal. */
export function writesPretty(format: LogFormat, stdoutIsTty: boolean): boolean {
  return format === 'pretty' || (format === 'auto' && stdoutIsTty);
}

/**
 * The root pino logger of the API (ADR 0052): JSON lines on stdout (level as a word, ISO time),
 * or pretty text, coloured only on a terminal. Written synchronously, as Node writes to a pipe
 * anyway: no line is lost when the process ends by its signal right after its last line, or exits.
 * `destination` replaces stdout (tests).
 */
export function createRootLogger(level: LogLevel, format: LogFormat, destination?: DestinationStream): RootLogger {
  const tty = process.stdout.isTTY === true;
  const pretty = writesPretty(format, tty);
  const stream =
    destination ??
    (pretty
      ? pinoPretty({
          colorize: tty,
          sync: true,
          singleLine: true,
          translateTime: 'SYS:HH:MM:ss.l',
          ignore: 'pid,hostname,context',
          messageFormat: '{if context}{context}: {end}{msg}',
        })
      : pino.destination({ dest: 1, sync: true }));
  const logger = pino(
    {
      level: PINO_LEVELS[level],
      timestamp: pino.stdTimeFunctions.isoTime,
      // pino-pretty reads numbers; a JSON reader is better served by the word.
      formatters: pretty ? {} : { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
    },
    stream,
  );
  return { logger };
}
