import { dialectUrl, HttpErrorCodes, type DialectDescriptor } from '@tally/vendor-kit';
import { cruxPresentedCredential } from './crux-credential.reader';
import { renderProblem } from './crux-answer.renderer';
import { renderFrameworkError } from './crux-framework-error.renderer';
import { CruxErrorCodes, cruxProblem } from './crux-inventory.model';

const LOGIN_PATH = '/crux/timp/organizations/user-login/';
const SINGLE_PATH = '/crux/timp/products/skus/inventory/';
const BULK_PATH = '/crux/timp/products/skus/inventory/bulk/';

/** The Crux TIMP dialect: "Update sku inventory", single and bulk, and the login that hands out the token. */
export const cruxDialect: DialectDescriptor = {
  name: 'crux',
  title: 'Crux TIMP',
  summary: 'Crux TIMP SKU inventory updates, one SKU per call or up to 1,000 in the bulk call, after a login for a two-hour token.',
  pathPrefix: '/crux/',
  routes: [
    { method: 'POST', path: LOGIN_PATH, summary: 'user login: the token for the inventory calls' },
    { method: 'POST', path: SINGLE_PATH, summary: 'update one SKU' },
    { method: 'POST', path: BULK_PATH, summary: 'update up to 1,000 SKUs, one result per element' },
  ],
  credential: {
    scheme: 'login-token',
    presentation:
      'POST the login with {"username": <credentialId>, "password": <secret>}; send the auth_token it answers as Authorization: Token <auth_token> on the inventory calls.',
  },
  presentedCredential: cruxPresentedCredential,
  settings: { type: 'object', additionalProperties: false, properties: {} },
  renderError: (problem) => {
    if (problem.code === HttpErrorCodes.invalid) {
      // An invalid query or path parameter (canonically 422) is an invalid field: 400 in Crux's contract.
      const errors = (problem.errors ?? []).map((e) => ({ field: e.field, message: `${e.field} ${e.message}` }));
      const answer = renderProblem(cruxProblem(400, CruxErrorCodes.invalidField, errors));
      return { status: answer.status, headers: answer.headers, body: answer.body };
    }
    // A field list is Crux's shape of a validation failure only; other statuses name their own field.
    const answer = renderFrameworkError({ status: problem.status, detail: problem.detail, errors: problem.status === 422 ? problem.errors : undefined });
    return { status: answer.status, headers: answer.headers, body: answer.body };
  },
  connectGuide: ({ baseUrl }) => ({
    steps: [
      "Set the Crux client's base URL to this server: the paths keep Crux's own, trailing slash included.",
      'Log in with the connection credential id as username and its secret as password (shown once); the token lasts two hours.',
    ],
    endpoints: [
      { label: 'user login', url: dialectUrl(baseUrl, LOGIN_PATH) },
      { label: 'update sku inventory', url: dialectUrl(baseUrl, SINGLE_PATH) },
      { label: 'update sku inventory (bulk)', url: dialectUrl(baseUrl, BULK_PATH) },
    ],
  }),
};
