import { checkDialectDescriptor } from '@tally/vendor-kit';
import { cruxDialect } from './crux.dialect';

describe('cruxDialect', () => {
  it('is a sound descriptor: routes under its prefix, a guide on the base URL, errors answered as errors', () => {
    expect(checkDialectDescriptor(cruxDialect)).toEqual([]);
  });
});

describe('cruxDialect.renderError', () => {
  it('answers an invalid query parameter as an invalid field (400) naming it', () => {
    const answer = cruxDialect.renderError!({
      path: '/crux/timp/products/skus/inventory/',
      status: 422,
      title: 'Unprocessable Entity',
      code: 'REQUEST.INVALID',
      detail: 'the request is invalid',
      errors: [{ field: 'x', message: 'must not contain a NUL character (U+0000)' }],
      headers: {},
    });
    expect(answer).toMatchObject({
      status: 400,
      body: { status_code: 400, code: 'CRUX.INVALID_FIELD', errors: [{ field: 'x', message: 'x must not contain a NUL character (U+0000)' }] },
    });
  });
});
