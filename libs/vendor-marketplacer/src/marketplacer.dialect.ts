import { dialectUrl, HttpErrorCodes, type DialectDescriptor } from '@tally/vendor-kit';
import { errorAnswer, renderCanonicalError } from './marketplacer-answer.renderer';
import { marketplacerPresentedCredential } from './marketplacer-credential.reader';
import { parameterProblem } from './marketplacer-error.model';
import { SELLER_OPTIONS } from './marketplacer-multi-store.model';

const JSON_API = 'application/vnd.api+json';
const BASE = '/marketplacer/api/v2/client';

/** The Marketplacer dialect: a multi-store variant's inventories, one record per seller, in JSON:API. */
export const marketplacerDialect: DialectDescriptor = {
  name: 'marketplacer',
  title: 'Marketplacer',
  summary: "Marketplacer Seller API v2: a multi-store variant's inventory records, one per seller, in JSON:API.",
  pathPrefix: '/marketplacer/',
  routes: [
    { method: 'GET', path: `${BASE}/variants/{variantId}/inventories`, summary: "a page of the variant's records", contentTypes: [] },
    {
      method: 'PUT',
      path: `${BASE}/variants/{variantId}/inventories`,
      summary: "set sellers' records of the variant",
      contentTypes: [JSON_API, 'application/json'],
    },
    { method: 'DELETE', path: `${BASE}/variants/{variantId}/inventories/{inventoryId}`, summary: "delete a seller's record", contentTypes: [] },
    { method: 'GET', path: `${BASE}/multi_store_memberships`, summary: "the multi-store's sellers", contentTypes: [] },
  ],
  credential: { scheme: 'bearer-token', presentation: 'Authorization: Bearer <credentialId>.<secret> (the connection token).' },
  presentedCredential: marketplacerPresentedCredential,
  settings: {
    type: 'object',
    additionalProperties: false,
    properties: {
      [SELLER_OPTIONS.sellerId]: {
        type: 'integer',
        title: 'Seller id',
        description: 'The Marketplacer seller this connection writes as; required before the connection can be used (403 until set).',
        minimum: 1,
        maximum: 999_999_999_999_999,
      },
      [SELLER_OPTIONS.sellerName]: {
        type: 'string',
        title: 'Seller name',
        description: "The seller's name (default: the connection's name).",
        minLength: 1,
        maxLength: 200,
      },
      [SELLER_OPTIONS.parentConnectionId]: {
        type: 'string',
        title: 'Multi-store owner',
        description: "The owner connection's id, for a member seller; absent for the owner.",
        minLength: 1,
        maxLength: 64,
      },
    },
  },
  renderError: (problem) =>
    // An invalid query or path parameter (canonically 422) is a bad parameter in JSON:API: 400 naming it.
    problem.code === HttpErrorCodes.invalid
      ? errorAnswer((problem.errors ?? []).map((e) => parameterProblem(e.field, `${e.field} ${e.message}`)))
      : renderCanonicalError({
          status: problem.status,
          code: problem.code,
          title: problem.title,
          detail: problem.detail,
          fields: problem.errors ?? [],
          headers: problem.headers,
        }),
  connectGuide: ({ baseUrl }) => ({
    steps: [
      "Set the Marketplacer client's base URL to this server followed by /marketplacer.",
      'Set the seller id (option sellerId) of each seller connection; members name their owner connection (option parentConnectionId).',
      'Send Authorization: Bearer <connection token>; the token is shown once when the connection is created or rotated.',
    ],
    endpoints: [
      { label: 'variant inventories', url: dialectUrl(baseUrl, `${BASE}/variants/{variantId}/inventories`) },
      { label: 'multi-store memberships', url: dialectUrl(baseUrl, `${BASE}/multi_store_memberships`) },
    ],
  }),
};
