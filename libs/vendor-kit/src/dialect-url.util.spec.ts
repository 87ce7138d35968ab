import { dialectUrl } from './dialect-url.util';

describe('dialectUrl', () => {
  it('joins the base URL and the path without doubling the slash', () => {
    expect(dialectUrl('http://tally.test:3000/', '/kibo/api/v5/inventory/refresh')).toBe('http://tally.test:3000/kibo/api/v5/inventory/refresh');
  });

  it('fills parameters, encoded', () => {
    expect(dialectUrl('http://t', '/crux/timp/organizations/{organization}/inventory', { organization: 'acme shop' })).toBe(
      'http://t/crux/timp/organizations/acme%20shop/inventory',
    );
  });

  it('keeps a parameter without a value as its placeholder, never an empty segment', () => {
    expect(dialectUrl('http://t', '/crux/timp/organizations/{organization}/user-login', { organization: '' })).toBe(
      'http://t/crux/timp/organizations/{organization}/user-login',
    );
  });
});
