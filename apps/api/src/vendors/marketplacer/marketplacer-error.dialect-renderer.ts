import { renderCanonicalError } from '@tally/vendor-marketplacer';
import type { DialectErrorAnswer, DialectErrorRenderer } from '../../http/dialects/dialect-error.registry';
import type { MappedProblem } from '../../http/problem/exception-to-problem.mapper';

/** Path prefix of every Marketplacer route. */
export const MARKETPLACER_PATH_PREFIX = '/marketplacer/';

/**
 * Answers every error on `/marketplacer/` paths (malformed JSON, 413, 415, unknown routes,
 * use-case failures) as a JSON:API `errors[]` document with the canonical status and code.
 */
export class MarketplacerErrorDialectRenderer implements DialectErrorRenderer {
  readonly pathPrefix = MARKETPLACER_PATH_PREFIX;

  render(_exception: unknown, mapped: MappedProblem): DialectErrorAnswer {
    const { problem } = mapped;
    return renderCanonicalError({
      status: problem.status,
      code: problem.code,
      title: problem.title,
      detail: problem.detail,
      fields: problem.errors,
      headers: mapped.headers,
    });
  }
}
