import { renderKiboError, renderOAuthError } from '@tally/vendor-kibo';
import type { DialectErrorAnswer, DialectErrorRenderer } from '../../http/dialects/dialect-error.registry';
import type { MappedProblem } from '../../http/problem/exception-to-problem.mapper';

/** Every error under /kibo/ (malformed JSON, 413, 415, 500 included) in Tally's Kibo error body. */
export const kiboErrorRenderer: DialectErrorRenderer = {
  pathPrefix: '/kibo/',
  render(_exception: unknown, mapped: MappedProblem): DialectErrorAnswer {
    const { problem } = mapped;
    const answer = renderKiboError(problem.status, problem.detail, problem.errors);
    return { status: answer.status, headers: { ...mapped.headers, ...answer.headers }, body: answer.body };
  },
};

const OAUTH_ERRORS: Record<number, string> = { 400: 'invalid_request', 401: 'invalid_client', 413: 'invalid_request', 415: 'invalid_request' };

/** Errors of the token endpoint as OAuth2 errors (RFC 6749 §5.2). */
export const kiboOAuthErrorRenderer: DialectErrorRenderer = {
  pathPrefix: '/kibo/oauthserver/',
  render(_exception: unknown, mapped: MappedProblem): DialectErrorAnswer {
    const { status, detail } = mapped.problem;
    const answer = renderOAuthError(status, OAUTH_ERRORS[status] ?? (status >= 500 ? 'server_error' : 'invalid_request'), detail);
    return { status: answer.status, headers: answer.headers, body: answer.body };
  },
};
