import { checkDialectDescriptor } from '@tally/vendor-kit';
import { marketplacerDialect } from './marketplacer.dialect';

describe('marketplacerDialect', () => {
  it('is a sound descriptor: routes under its prefix, a guide on the base URL, errors answered as errors', () => {
    expect(checkDialectDescriptor(marketplacerDialect)).toEqual([]);
  });
});

describe('marketplacerDialect.renderError', () => {
  it('answers an invalid query or path parameter as a JSON:API bad parameter (400) naming it', () => {
    const answer = marketplacerDialect.renderError!({
      path: '/marketplacer/api/v2/client/variants/1/inventories',
      status: 422,
      title: 'Unprocessable Entity',
      code: 'REQUEST.INVALID',
      detail: 'the request is invalid',
      errors: [{ field: 'variantId', message: 'must not contain a NUL character (U+0000)' }],
      headers: {},
    });
    expect(answer).toMatchObject({
      status: 400,
      body: {
        errors: [
          {
            status: '400',
            code: 'MARKETPLACER.INVALID_PARAMETER',
            detail: 'variantId must not contain a NUL character (U+0000)',
            source: { parameter: 'variantId' },
          },
        ],
      },
    });
  });
});
