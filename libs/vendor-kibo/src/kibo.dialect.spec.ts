import { checkDialectDescriptor } from '@tally/vendor-kit';
import { kiboDialect } from './kibo.dialect';

describe('kiboDialect', () => {
  it('is a sound descriptor: routes under its prefix, a guide on the base URL, errors answered as errors', () => {
    expect(checkDialectDescriptor(kiboDialect)).toEqual([]);
  });
});

describe('kiboDialect.renderError', () => {
  const invalid = {
    status: 422,
    title: 'Unprocessable Entity',
    code: 'REQUEST.INVALID',
    detail: 'the request is invalid',
    errors: [{ field: 'jobID', message: 'must not contain a NUL character (U+0000)' }],
    headers: {},
  } as const;

  it('answers an invalid path or query parameter as a Kibo bad request naming it', () => {
    const answer = kiboDialect.renderError!({ ...invalid, path: '/kibo/inv/api/v1/queue/1' });
    expect(answer).toMatchObject({ status: 400, body: { status: 400, error: 'Bad Request', errors: invalid.errors } });
  });

  it('answers it as an OAuth2 invalid_request on the token endpoint', () => {
    const answer = kiboDialect.renderError!({ ...invalid, path: '/kibo/oauthserver/oauth2/token' });
    expect(answer).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
  });
});
