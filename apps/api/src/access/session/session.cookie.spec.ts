import { clearedSessionCookie, sessionCookie, sessionTokenOf } from './session.cookie';

describe('the session cookie', () => {
  const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcd';

  it('is found among other cookies, and only with a token-shaped value', () => {
    expect(sessionTokenOf(`theme=dark; tally_session=${token}; other=1`, false)).toBe(token);
    expect(sessionTokenOf('tally_session=short', false)).toBeNull();
    expect(sessionTokenOf('tally_session=<script>alert(1)</script>xxxxxxxxxxxxxxxxxxxx', false)).toBeNull();
    expect(sessionTokenOf('xtally_session=' + token, false)).toBeNull();
    expect(sessionTokenOf(undefined, false)).toBeNull();
  });

  it('is HttpOnly, SameSite=Strict, on the whole site; over HTTPS Secure and named __Host-', () => {
    expect(sessionCookie(token, 60, false)).toBe(`tally_session=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=60`);
    expect(sessionCookie(token, 60, true)).toBe(`__Host-tally_session=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=60; Secure`);
    expect(clearedSessionCookie(false)).toBe('tally_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0');
    expect(clearedSessionCookie(true)).toMatch(/^__Host-tally_session=; .*Max-Age=0; Secure$/);
  });

  it('is read under the name of the request scheme only, so a plain cookie planted by another host is ignored over HTTPS', () => {
    expect(sessionTokenOf(`__Host-tally_session=${token}`, true)).toBe(token);
    expect(sessionTokenOf(`tally_session=${token}`, true)).toBeNull();
    expect(sessionTokenOf(`__Host-tally_session=${token}`, false)).toBeNull();
  });
});
