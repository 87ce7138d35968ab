import { errorAnswer, renderCanonicalError } from './marketplacer-answer.renderer';
import { documentProblem, MarketplacerErrorCodes } from './marketplacer-error.model';

describe('Marketplacer answers', () => {
  it('renders problems as a JSON:API errors[] document with string statuses and pointers', () => {
    const answer = errorAnswer([documentProblem('/data/0/attributes/price', 'price must be a decimal')]);
    expect(answer).toEqual({
      status: 422,
      headers: { 'content-type': 'application/vnd.api+json' },
      body: {
        errors: [
          {
            status: '422',
            code: 'MARKETPLACER.INVALID_DOCUMENT',
            title: 'Invalid attribute',
            detail: 'price must be a decimal',
            source: { pointer: '/data/0/attributes/price' },
          },
        ],
      },
    });
  });

  it('adds WWW-Authenticate to a 401 and keeps Retry-After of a canonical error', () => {
    expect(errorAnswer([{ status: 401, code: MarketplacerErrorCodes.unauthenticated, title: 'Unauthorized', detail: 'no key' }]).headers).toMatchObject({
      'www-authenticate': 'Bearer realm="marketplacer"',
    });
    const busy = renderCanonicalError({
      status: 503,
      code: 'STORE.RETRY_EXHAUSTED',
      title: 'Service Unavailable',
      detail: 'busy',
      fields: [],
      headers: { 'retry-after': '1' },
    });
    expect(busy.headers).toMatchObject({ 'retry-after': '1' });
  });

  it('turns canonical field names into pointers and points framework body errors at the whole document', () => {
    const invalid = renderCanonicalError({
      status: 422,
      code: 'REQUEST.INVALID',
      title: 'Invalid',
      detail: 'x',
      fields: [{ field: 'data[0].attributes', message: 'bad' }],
    });
    expect(invalid.body).toEqual({
      errors: [{ status: '422', code: 'REQUEST.INVALID', title: 'Invalid', detail: 'bad', source: { pointer: '/data/0/attributes' } }],
    });
    const malformed = renderCanonicalError({ status: 400, code: 'REQUEST.MALFORMED', title: 'Bad Request', detail: 'not JSON', fields: [] });
    expect(malformed.body).toEqual({
      errors: [{ status: '400', code: 'REQUEST.MALFORMED', title: 'Bad Request', detail: 'not JSON', source: { pointer: '' } }],
    });
  });
});
