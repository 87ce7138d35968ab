import { ComestriErrorCodes, renderComestriError } from '@tally/vendor-comestri';
import type { DialectErrorAnswer, DialectErrorRenderer } from '../../http/dialects/dialect-error.registry';
import type { MappedProblem } from '../../http/problem/exception-to-problem.mapper';

/** Path prefix of every Comestri route. */
export const COMESTRI_PATH_PREFIX = '/comestri/';

/**
 * Answers every error on the Comestri paths (malformed JSON, wrong media type, body too
 * large, unknown route, server faults) in the Comestri error shape, with the status the
 * canonical mapping decided. A 500 carries no detail of the fault.
 */
export class ComestriErrorDialectRenderer implements DialectErrorRenderer {
  readonly pathPrefix = COMESTRI_PATH_PREFIX;

  render(_exception: unknown, mapped: MappedProblem): DialectErrorAnswer {
    const { problem } = mapped;
    const code = problem.status === 401 ? ComestriErrorCodes.unauthenticated : problem.code;
    const answer = renderComestriError(problem.status, code, problem.detail, problem.errors);
    return { status: answer.status, headers: { ...mapped.headers, ...answer.headers }, body: answer.body };
  }
}
