import { cruxPresentedCredential } from './crux-credential.reader';

const LOGIN = '/crux/timp/organizations/user-login/';
const request = (path: string, body: unknown, authorization?: string) => ({ method: 'POST', path, headers: { authorization }, query: {}, body });

describe('cruxPresentedCredential', () => {
  it('is the user name of the login body, never the password', () => {
    expect(cruxPresentedCredential(request(LOGIN, { username: 'conn_abc', password: 's3cret' }))).toEqual({ kind: 'credential-id', id: 'conn_abc' });
    expect(cruxPresentedCredential(request(LOGIN, { username: 42, password: 's3cret' }))).toBeNull();
    expect(cruxPresentedCredential(request(LOGIN, { username: 'x'.repeat(201) }))).toBeNull();
    expect(cruxPresentedCredential(request(LOGIN, '[]'))).toBeNull();
  });

  it('is the Token of the inventory routes', () => {
    const single = '/crux/timp/products/skus/inventory/';
    expect(cruxPresentedCredential(request(single, {}, 'Token abcdef0123456789'))).toEqual({ kind: 'token', token: 'abcdef0123456789' });
    expect(cruxPresentedCredential(request(single, {}, 'Bearer abcdef0123456789'))).toBeNull();
    expect(cruxPresentedCredential(request(single, { username: 'conn_abc' }))).toBeNull();
  });
});
