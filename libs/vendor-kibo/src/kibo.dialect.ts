import { dialectUrl, HttpErrorCodes, type DialectDescriptor, type DialectErrorAnswer, type DialectProblem } from '@tally/vendor-kit';
import { kiboPresentedCredential } from './kibo-credential.reader';
import { renderKiboError, renderOAuthError } from './kibo-response.renderer';

/**
 * Default body limit of the refresh routes: 12,000 items with every field filled and a few
 * dozen short attributes each stay well under it (about 2.8 KB per item).
 */
export const KIBO_REFRESH_BODY_LIMIT = 32 * 1024 * 1024;

const REFRESH_LIMIT = { setting: 'KIBO_REFRESH_BODY_LIMIT', defaultBytes: KIBO_REFRESH_BODY_LIMIT };
const TOKEN_PATH = '/kibo/oauthserver/oauth2/token';
const OAUTH_ERRORS: Readonly<Record<number, string>> = { 400: 'invalid_request', 401: 'invalid_client', 413: 'invalid_request', 415: 'invalid_request' };

/**
 * Errors of the token endpoint as OAuth2 errors (RFC 6749 §5.2); every other error under /kibo/
 * (malformed JSON, 413, 415, 500 included) in Tally's Kibo error body.
 */
function renderKiboProblem(problem: DialectProblem): DialectErrorAnswer {
  // An invalid query or path parameter (canonically 422) is a bad request in Kibo's contract.
  const status = problem.code === HttpErrorCodes.invalid ? 400 : problem.status;
  if (problem.path.startsWith('/kibo/oauthserver/')) {
    const error = OAUTH_ERRORS[status] ?? (status >= 500 ? 'server_error' : 'invalid_request');
    return renderOAuthError(status, error, problem.detail);
  }
  const answer = renderKiboError(status, problem.detail, problem.errors ?? []);
  return { status: answer.status, headers: { ...problem.headers, ...answer.headers }, body: answer.body };
}

/** The Kibo OMS dialect: OAuth2 token, inventory refresh and adjust as jobs, job status. */
export const kiboDialect: DialectDescriptor = {
  name: 'kibo',
  title: 'Kibo OMS',
  summary: 'Kibo OMS inventory refresh and adjust calls, run as durable jobs whose status the client polls.',
  pathPrefix: '/kibo/',
  routes: [
    { method: 'POST', path: TOKEN_PATH, summary: 'OAuth2 client-credentials token', contentTypes: ['application/x-www-form-urlencoded', 'application/json'] },
    { method: 'POST', path: '/kibo/api/v5/inventory/refresh', summary: 'absolute counts at one location, as a job', bodyLimit: REFRESH_LIMIT },
    { method: 'POST', path: '/kibo/inv/api/v5/inventory/refresh', summary: 'absolute counts at one location, as a job', bodyLimit: REFRESH_LIMIT },
    { method: 'POST', path: '/kibo/api/v5/inventory/adjust', summary: 'on-hand deltas at one location, as a job' },
    { method: 'POST', path: '/kibo/inv/api/v5/inventory/adjust', summary: 'on-hand deltas at one location, as a job' },
    { method: 'GET', path: '/kibo/inv/api/v1/queue/{jobID}', summary: 'status of a job', contentTypes: [] },
  ],
  credential: {
    scheme: 'oauth2-client-credentials',
    presentation:
      'POST the token endpoint with HTTP Basic credentialId:secret and grant_type=client_credentials; send the access token as Authorization: Bearer <token> on the inventory and queue calls.',
  },
  presentedCredential: kiboPresentedCredential,
  settings: { type: 'object', additionalProperties: false, properties: {} },
  renderError: renderKiboProblem,
  connectGuide: ({ baseUrl }) => ({
    steps: [
      "Point the Kibo client's base URL at this server: every Kibo path is served under /kibo.",
      'Use the connection credential id as client id and its secret as client secret (shown once).',
      'Refresh and adjust answer a job id; poll the queue URL until the job ends.',
    ],
    endpoints: [
      { label: 'OAuth2 token', url: dialectUrl(baseUrl, TOKEN_PATH) },
      { label: 'inventory refresh', url: dialectUrl(baseUrl, '/kibo/api/v5/inventory/refresh') },
      { label: 'inventory adjust', url: dialectUrl(baseUrl, '/kibo/api/v5/inventory/adjust') },
      { label: 'job status', url: dialectUrl(baseUrl, '/kibo/inv/api/v1/queue/{jobID}') },
    ],
  }),
};
