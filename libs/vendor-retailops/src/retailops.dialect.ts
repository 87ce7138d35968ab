import { dialectUrl, HttpErrorCodes, type DialectDescriptor, type DialectProblem } from '@tally/vendor-kit';
import { retailopsPresentedCredential } from './retailops-credential.reader';
import { RetailopsCodes } from './retailops-events.renderer';
import { retailopsError } from './retailops-push.handler';

/**
 * Default body limit of the push routes: a push of 100,000 SKUs (the lib's limit) with a few
 * breakdown rows each is about 40 MB of JSON.
 */
export const RETAILOPS_PUSH_BODY_LIMIT = 64 * 1024 * 1024;

const PUSH_LIMIT = { setting: 'RETAILOPS_PUSH_BODY_LIMIT', defaultBytes: RETAILOPS_PUSH_BODY_LIMIT };

/**
 * Every error on the RetailOPS paths (a body that is not JSON — malformed, or sent as another
 * media type — body too large, an invalid query parameter, unknown route, a busy store, server faults) as `{"events": [...]}`
 * in the SDK's event shape: the body could not be read, so its shape is unknown.
 */
function renderRetailopsProblem(problem: DialectProblem) {
  // An invalid query parameter (canonically 422) is an invalid field, answered 400 like one of the body.
  if (problem.code === HttpErrorCodes.invalid) {
    const [first] = problem.errors ?? [];
    const answer = retailopsError(400, RetailopsCodes.invalidField, first ? `${first.field} ${first.message}` : problem.detail, first?.field);
    return { status: answer.status, headers: { ...problem.headers, ...answer.headers }, body: answer.body };
  }
  // The RetailOPS contract answers any body that is not JSON with 400, whatever its media type.
  const status = problem.status === 415 ? 400 : problem.status;
  const code = status === 400 ? RetailopsCodes.malformed : problem.code;
  const field = problem.errors?.[0]?.field ?? ([400, 413].includes(status) ? 'body' : undefined);
  const answer = retailopsError(status, code, problem.detail, field);
  return { status: answer.status, headers: { ...problem.headers, ...answer.headers }, body: answer.body };
}

/** The RetailOPS dialect: `inventory_push` webhooks, as RetailOPS sends them to an integration. */
export const retailopsDialect: DialectDescriptor = {
  name: 'retailops',
  title: 'RetailOPS',
  summary: 'RetailOPS inventory_push webhooks: a full snapshot of available stock per SKU and channel.',
  pathPrefix: '/retailops/',
  routes: [
    { method: 'POST', path: '/retailops/inventory_push_v1', summary: 'inventory_push v1, at the SDK path', bodyLimit: PUSH_LIMIT },
    { method: 'POST', path: '/retailops/orders', summary: 'inventory_push v1, at the path of the older document', bodyLimit: PUSH_LIMIT },
  ],
  credential: {
    scheme: 'body-key',
    presentation:
      'The body carries integration_auth_token = <credentialId>.<secret> (the connection token); without it, HTTP Basic credentialId:secret. In test mode the SDK key RETAILOPS_SDK is accepted with ?connection=<credentialId>, as a dry run: checked and answered, nothing stored.',
  },
  presentedCredential: retailopsPresentedCredential,
  settings: {
    type: 'object',
    additionalProperties: false,
    properties: {
      clientId: {
        type: 'integer',
        title: 'RetailOPS client id',
        description: 'When set, a push naming another client_id is refused (RETAILOPS.CLIENT_MISMATCH) and changes nothing.',
        minimum: 1,
      },
      testMode: {
        type: 'boolean',
        title: 'Test mode',
        description:
          "Accept the SDK's public test key RETAILOPS_SDK for this connection (with ?connection=<credentialId>) as a dry run: pushes with it are checked and answered, never stored.",
        default: false,
      },
    },
  },
  renderError: renderRetailopsProblem,
  connectGuide: ({ baseUrl, credentialId }) => {
    const query = credentialId ? `?connection=${encodeURIComponent(credentialId)}` : '?connection={credentialId}';
    return {
      steps: [
        "In RetailOPS's integration settings, set the inventory_push endpoint to the URL below.",
        'Set integration_auth_token to the connection token (<credentialId>.<secret>), shown once when the connection is created or rotated.',
        'Optionally pin the RetailOPS client id (option clientId) so pushes for another client are refused.',
      ],
      endpoints: [
        { label: 'inventory_push_v1', url: `${dialectUrl(baseUrl, '/retailops/inventory_push_v1')}${query}` },
        { label: 'inventory_push (older document path)', url: `${dialectUrl(baseUrl, '/retailops/orders')}${query}` },
      ],
    };
  },
};
