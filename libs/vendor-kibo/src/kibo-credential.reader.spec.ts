import { kiboPresentedCredential } from './kibo-credential.reader';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const request = (path: string, authorization?: string) => ({ method: 'POST', path, headers: { authorization }, query: {} });

describe('kiboPresentedCredential', () => {
  it('is the client id of the Basic credentials on the token endpoint, never the secret', () => {
    expect(kiboPresentedCredential(request('/kibo/oauthserver/oauth2/token', basic('conn_abc', 's3cret')))).toEqual({ kind: 'credential-id', id: 'conn_abc' });
    expect(kiboPresentedCredential(request('/kibo/oauthserver/oauth2/token', 'Bearer conn_abc'))).toBeNull();
  });

  it('is the bearer token on the inventory and queue routes', () => {
    expect(kiboPresentedCredential(request('/kibo/api/v5/inventory/refresh', 'Bearer abcdefghijklmnop'))).toEqual({ kind: 'token', token: 'abcdefghijklmnop' });
    expect(kiboPresentedCredential(request('/kibo/inv/api/v1/queue/1', basic('conn_abc', 's3cret')))).toBeNull();
    expect(kiboPresentedCredential(request('/kibo/api/v5/inventory/adjust'))).toBeNull();
  });
});
