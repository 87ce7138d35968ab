import { renderFrameworkError } from '@tally/vendor-crux';
import type { DialectErrorAnswer, DialectErrorRenderer } from '../../http/dialects/dialect-error.registry';
import type { MappedProblem } from '../../http/problem/exception-to-problem.mapper';

/** Path prefix of every Crux TIMP route. */
export const CRUX_PATH_PREFIX = '/crux/';

/**
 * Answers every error raised before or around the Crux handler (malformed JSON 400, a body
 * that is not JSON 415, a body over the limit 413, an unknown route 404, a busy store 503,
 * server faults 500) in Crux's shape `{status_code, message, code, errors}`.
 */
export class CruxErrorDialectRenderer implements DialectErrorRenderer {
  readonly pathPrefix = CRUX_PATH_PREFIX;

  render(_exception: unknown, mapped: MappedProblem): DialectErrorAnswer {
    const { problem } = mapped;
    const answer = renderFrameworkError({
      status: problem.status,
      detail: problem.detail,
      errors: problem.status === 422 ? problem.errors : undefined,
    });
    return { status: answer.status, headers: answer.headers, body: answer.body };
  }
}
