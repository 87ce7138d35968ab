import type { FastifyReply } from 'fastify';
import type { DialectCatalog } from '../../dialects/dialect.catalog';
import type { MappedProblem } from './exception-to-problem.mapper';
import { PROBLEM_CONTENT_TYPE } from './problem-details.model';
import { noteRequestRefusal } from '../../connections/request-refusal.facts';

/**
 * Sends a mapped problem: in the dialect's own error shape on a dialect's paths (its
 * descriptor's renderer), as `application/problem+json` everywhere else.
 */
export function replyWithProblem(reply: FastifyReply, { problem, headers }: MappedProblem, path: string, dialects: DialectCatalog): void {
  noteRequestRefusal(reply.request, { code: problem.code, message: problem.detail });
  const dialect = dialects.ofPath(path);
  if (dialect?.renderError) {
    const answer = dialect.renderError({
      path,
      status: problem.status,
      title: problem.title,
      code: problem.code,
      detail: problem.detail,
      errors: problem.errors,
      headers,
    });
    const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    // Retry-After is HTTP's, not the vendor's: kept whatever the dialect's renderer returns.
    const retryAfter = headers['retry-after'] ? { 'retry-after': headers['retry-after'] } : {};
    reply
      .status(answer.status)
      .headers({ 'content-type': 'application/json; charset=utf-8', ...answer.headers, ...retryAfter })
      .send(body);
    return;
  }
  reply
    .status(problem.status)
    .headers({ ...headers, 'content-type': PROBLEM_CONTENT_TYPE })
    .send(JSON.stringify(problem));
}
