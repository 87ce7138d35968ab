import { renderComestriError, renderInvalid } from './comestri-error.renderer';

describe('Comestri errors', () => {
  it('names each invalid field in a 422', () => {
    expect(renderInvalid([{ field: 'inventory[qty]', message: 'must be an Integer' }])).toEqual({
      status: 422,
      headers: {},
      body: {
        status: 422,
        error: 'Unprocessable Entity',
        code: 'REQUEST.INVALID',
        message: '1 invalid field',
        errors: [{ field: 'inventory[qty]', message: 'must be an Integer' }],
      },
    });
  });

  it('challenges on 401', () => {
    expect(renderComestriError(401, 'AUTH.UNAUTHENTICATED', 'no').headers).toEqual({ 'www-authenticate': expect.stringMatching(/^Token realm=/) });
  });
});
