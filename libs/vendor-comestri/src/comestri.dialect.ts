import { dialectUrl, type DialectDescriptor } from '@tally/vendor-kit';
import { ALLOWED_SOURCES_OPTION } from './comestri-connection.options';
import { comestriPresentedCredential } from './comestri-credential.reader';
import { ComestriErrorCodes, renderComestriError } from './comestri-error.renderer';

const INVENTORIES_PATH = '/comestri/api/v2/inventories';

/** The Comestri dialect: Product Manager API v2 inventory records, created, read and listed. */
export const comestriDialect: DialectDescriptor = {
  name: 'comestri',
  title: 'Comestri',
  summary: 'Comestri Product Manager API v2 inventory records: one product at one inventory source per call.',
  pathPrefix: '/comestri/',
  routes: [
    { method: 'POST', path: INVENTORIES_PATH, summary: 'create or update the record of a product at an inventory source' },
    { method: 'GET', path: INVENTORIES_PATH, summary: 'list records, filtered and paged', contentTypes: [] },
    { method: 'GET', path: `${INVENTORIES_PATH}/{id}`, summary: 'one record by its id', contentTypes: [] },
  ],
  credential: {
    scheme: 'token-and-email',
    presentation: 'Authorization: Token token=<credentialId>.<secret>,email=<email>; the email is recorded as the ledger actor.',
  },
  presentedCredential: comestriPresentedCredential,
  settings: {
    type: 'object',
    additionalProperties: false,
    properties: {
      [ALLOWED_SOURCES_OPTION]: {
        type: 'array',
        title: 'Allowed inventory sources',
        description: 'Names of the inventory sources this connection may write and read; absent means all.',
        items: { type: 'string', minLength: 1, maxLength: 200 },
        maxItems: 1000,
      },
    },
  },
  renderError: (problem) => {
    const code = problem.status === 401 ? ComestriErrorCodes.unauthenticated : problem.code;
    const answer = renderComestriError(problem.status, code, problem.detail, problem.errors ?? []);
    return { status: answer.status, headers: { ...problem.headers, ...answer.headers }, body: answer.body };
  },
  connectGuide: ({ baseUrl }) => ({
    steps: [
      "Set the Comestri client's base URL to this server followed by /comestri.",
      'Send Authorization: Token token=<connection token>,email=<your email>; the token is shown once when the connection is created or rotated.',
    ],
    endpoints: [
      { label: 'inventories', url: dialectUrl(baseUrl, INVENTORIES_PATH) },
      { label: 'one inventory record', url: dialectUrl(baseUrl, `${INVENTORIES_PATH}/{id}`) },
    ],
  }),
};
