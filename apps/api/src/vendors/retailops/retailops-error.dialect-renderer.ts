import { retailopsError, RetailopsCodes } from '@tally/vendor-retailops';
import type { DialectErrorAnswer, DialectErrorRenderer } from '../../http/dialects/dialect-error.registry';
import type { MappedProblem } from '../../http/problem/exception-to-problem.mapper';

/** Path prefix of every RetailOPS route. */
export const RETAILOPS_PATH_PREFIX = '/retailops/';

/**
 * Answers every error on the RetailOPS paths (a body that is not JSON 400 — malformed, or sent
 * as another media type — body too large 413, unknown route 404, a busy store 503, server
 * faults) as `{"events": [...]}` in the SDK's event shape: the body could not be read, so its
 * shape is unknown. A 500 carries no detail.
 */
export class RetailopsErrorDialectRenderer implements DialectErrorRenderer {
  readonly pathPrefix = RETAILOPS_PATH_PREFIX;

  render(_exception: unknown, mapped: MappedProblem): DialectErrorAnswer {
    const { problem } = mapped;
    // The RetailOPS contract answers any body that is not JSON with 400, whatever its media type.
    const status = problem.status === 415 ? 400 : problem.status;
    const code = status === 400 ? RetailopsCodes.malformed : problem.code;
    const field = problem.errors[0]?.field ?? ([400, 413].includes(status) ? 'body' : undefined);
    const answer = retailopsError(status, code, problem.detail, field);
    return { status: answer.status, headers: { ...mapped.headers, ...answer.headers }, body: answer.body };
  }
}
