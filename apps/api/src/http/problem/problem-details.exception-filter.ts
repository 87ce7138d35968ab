import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { exceptionToProblem } from './exception-to-problem.mapper';
import { PROBLEM_CONTENT_TYPE } from './problem-details.model';

/** The one exception filter of the API: every error leaves as `application/problem+json`. */
@Catch()
export class ProblemDetailsExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { problem, headers, serverFault } = exceptionToProblem(exception);
    if (serverFault) {
      const request = host.switchToHttp().getRequest<{ method?: string; url?: string }>();
      this.logger.error(`${request.method} ${request.url?.split('?')[0]} failed`, (exception as Error)?.stack ?? String(exception));
    }
    if (reply.sent) return;
    reply.status(problem.status).headers({ ...headers, 'content-type': PROBLEM_CONTENT_TYPE }).send(JSON.stringify(problem));
  }
}
