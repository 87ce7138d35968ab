import { presentedCredentials } from './retailops-credentials.parser';

const basic = (text: string): string => `Basic ${btoa(text)}`;

describe('presentedCredentials', () => {
  it('splits the token at the first dot', () => {
    expect(presentedCredentials('con_ab.se.cret', undefined)).toEqual({ kind: 'secret', credentialId: 'con_ab', secret: 'se.cret' });
  });

  it('recognizes the test key and refuses tokens without both parts', () => {
    expect(presentedCredentials('RETAILOPS_SDK', undefined)).toEqual({ kind: 'test-key' });
    for (const bad of ['nodot', '.secret', 'id.', 42, null]) expect(presentedCredentials(bad, undefined)).toEqual({ kind: 'malformed' });
  });

  it('falls back to HTTP Basic only without a token', () => {
    expect(presentedCredentials(undefined, basic('con_ab:s3cr:et'))).toEqual({ kind: 'secret', credentialId: 'con_ab', secret: 's3cr:et' });
    expect(presentedCredentials('RETAILOPS_SDK', basic('con_ab:x'))).toEqual({ kind: 'test-key' });
    expect(presentedCredentials(undefined, undefined)).toEqual({ kind: 'none' });
    expect(presentedCredentials(undefined, 'Bearer x')).toEqual({ kind: 'malformed' });
  });
});

describe('HTTP Basic credentials (decoded by the vendor kit)', () => {
  it('decodes user and password, and refuses what is not Basic base64', () => {
    expect(presentedCredentials(undefined, basic('u:p'))).toEqual({ kind: 'secret', credentialId: 'u', secret: 'p' });
    expect(presentedCredentials(undefined, 'Basic !!!')).toEqual({ kind: 'malformed' });
    expect(presentedCredentials(undefined, basic('nopassword'))).toEqual({ kind: 'malformed' });
    expect(presentedCredentials(undefined, basic(':p'))).toEqual({ kind: 'malformed' });
  });
});
