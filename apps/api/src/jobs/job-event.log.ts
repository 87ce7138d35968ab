import type { LoggerService } from '@nestjs/common';
import type { JobRunEvent } from '@tally/inventory-application';

/** One line per job event: `job started`, `job succeeded`, `job paused` at info, `job failed` at warn, with its ids and counts. */
export function logJobEvent(logger: Pick<LoggerService, 'log' | 'warn'>, event: JobRunEvent, thread?: number): void {
  const line = { msg: `job ${event.event}`, ...event, ...(thread === undefined ? {} : { thread }) };
  if (event.event === 'failed') logger.warn(line);
  else logger.log(line);
}
