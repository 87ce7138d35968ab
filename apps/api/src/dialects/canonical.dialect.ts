import { dialectUrl, type DialectDescriptor } from '@tally/vendor-kit';

const WRITES = '/api/v1/stock-levels';

/**
 * Tally's own dialect: the canonical API. A canonical connection is a named source for writes
 * made with an API key that name it (`connectionId`), so its reports are reconciled like any
 * vendor's. Its errors are the API's problem documents, so it has no path or renderer of its own.
 */
export const canonicalDialect: DialectDescriptor = {
  name: 'canonical',
  title: 'Tally canonical API',
  summary: "Tally's own API: set, adjust, compare-and-set, remove and batch writes of stock levels, with an API key.",
  pathPrefix: null,
  routes: [
    { method: 'POST', path: `${WRITES}/set`, summary: 'set the figures of one stock level' },
    { method: 'POST', path: `${WRITES}/adjust`, summary: 'add to or take from the figures of one stock level' },
    { method: 'POST', path: `${WRITES}/compare-and-set`, summary: 'set one stock level if it still has the expected figures' },
    { method: 'POST', path: `${WRITES}/remove`, summary: 'remove one stock level' },
    { method: 'POST', path: `${WRITES}/batch`, summary: 'many writes in one request (up to BATCH_MAX_LINES)' },
    { method: 'GET', path: WRITES, summary: 'read stock levels', contentTypes: [] },
  ],
  credential: {
    scheme: 'api-key',
    presentation: 'Authorization: Bearer <API key>; a write names the connection it reports for in connectionId.',
  },
  settings: { type: 'object', additionalProperties: false, properties: {} },
  connectGuide: ({ baseUrl }) => ({
    steps: [
      'Create an API key (admin) for the client, and send it as Authorization: Bearer <key>.',
      "Name this connection's id as connectionId in each write, so its reports count as this source.",
      `The whole API is described at ${dialectUrl(baseUrl, '/docs')}.`,
    ],
    endpoints: [
      { label: 'set', url: dialectUrl(baseUrl, `${WRITES}/set`) },
      { label: 'batch', url: dialectUrl(baseUrl, `${WRITES}/batch`) },
    ],
  }),
};
