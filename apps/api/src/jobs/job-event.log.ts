import type { LoggerService } from '@nestjs/common';
import type { ConnectionActivityRecorder, JobRunEvent } from '@tally/inventory-application';

/** One line per job event: `job started`, `job succeeded`, `job paused` at info, `job failed` at warn, with its ids and counts. */
export function logJobEvent(logger: Pick<LoggerService, 'log' | 'warn'>, event: JobRunEvent, thread?: number): void {
  const line = { msg: `job ${event.event}`, ...event, ...(thread === undefined ? {} : { thread }) };
  if (event.event === 'failed') logger.warn(line);
  else logger.log(line);
}

/** A job event's line, and a failed job as a refusal of its connection (ADR 0063). */
export function tellJobEvent(
  logger: Pick<LoggerService, 'log' | 'warn'>,
  activity: ConnectionActivityRecorder | null,
  event: JobRunEvent,
  thread?: number,
): void {
  logJobEvent(logger, event, thread);
  activity?.jobEvent(event);
}
