import { checkDialectDescriptor } from '@tally/vendor-kit';
import { retailopsDialect } from './retailops.dialect';

describe('retailopsDialect', () => {
  it('is a sound descriptor: routes under its prefix, a guide on the base URL, errors answered as errors', () => {
    expect(checkDialectDescriptor(retailopsDialect)).toEqual([]);
  });
});

describe('retailopsDialect.renderError', () => {
  it('answers an invalid query parameter as an invalid field (400) naming it', () => {
    const answer = retailopsDialect.renderError!({
      path: '/retailops/inventory_push_v1',
      status: 422,
      title: 'Unprocessable Entity',
      code: 'REQUEST.INVALID',
      detail: 'the request is invalid',
      errors: [{ field: 'connection', message: 'must not contain a NUL character (U+0000)' }],
      headers: {},
    });
    expect(answer).toMatchObject({
      status: 400,
      body: {
        events: [
          {
            event_type: 'error',
            code: 'RETAILOPS.INVALID_FIELD',
            message: 'connection must not contain a NUL character (U+0000)',
            diagnostic_data: 'connection',
          },
        ],
      },
    });
  });
});
