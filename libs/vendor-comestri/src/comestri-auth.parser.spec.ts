import { parseComestriAuthorization } from './comestri-auth.parser';

describe('parseComestriAuthorization', () => {
  it('splits the token at the first dot and reads the email', () => {
    expect(parseComestriAuthorization('Token token=con_ab.se.cret,email=ops@example.com')).toEqual({
      credentialId: 'con_ab',
      secret: 'se.cret',
      email: 'ops@example.com',
    });
  });

  it('takes what Rails takes: quotes, spaces, semicolons, scheme in any case', () => {
    expect(parseComestriAuthorization('token token="a.b"; email="x@y.z"')).toMatchObject({ credentialId: 'a', secret: 'b', email: 'x@y.z' });
    expect(parseComestriAuthorization('Token email=x@y.z, token=a.b')).toMatchObject({ credentialId: 'a' });
  });

  it.each([
    undefined,
    '',
    'Bearer a.b',
    'Token token=a.b',
    'Token email=x@y.z',
    'Token token=ab,email=x@y.z',
    'Token token=.b,email=x@y.z',
    'Token token=a.,email=x@y.z',
    'Token token=a.b,email=not-an-email',
    'Token token=a.b,email=x@y.z,token=c.d',
    'Token token=a b,email=x@y.z',
  ])('refuses %p', (header) => {
    expect(parseComestriAuthorization(header)).toBeNull();
  });
});
