import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DialectCatalog } from '../../dialects/dialect.catalog';
import type { FastifyReply } from 'fastify';
import { exceptionToProblem } from './exception-to-problem.mapper';
import { replyWithProblem } from './problem.reply';
import { withoutSqlValues } from '../../platform/sql-values.redaction';

/**
 * The one exception filter of the API: every error leaves as `application/problem+json`,
 * except on a vendor dialect's paths, which its descriptor's renderer answers in the vendor's shape.
 */
@Catch()
export class ProblemDetailsExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(private readonly dialects: DialectCatalog) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<{ id?: string; method?: string; url?: string }>();
    const path = request.url?.split('?')[0] ?? '';
    const mappedProblem = exceptionToProblem(exception);
    const { serverFault } = mappedProblem;
    if (serverFault) {
      // A database error quotes its statement: logged without the values (hashes, names, figures).
      // With the request's id: the line joins its request line (ADR 0052).
      const stack = withoutSqlValues((exception as Error)?.stack ?? String(exception));
      this.logger.error({ msg: `${request.method} ${path} failed`, reqId: request.id, stack });
    }
    if (reply.sent) return;
    replyWithProblem(reply, mappedProblem, path, this.dialects);
  }
}
