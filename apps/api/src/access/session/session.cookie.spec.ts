import { clearedSessionCookie, sessionCookie, sessionTokenOf } from './session.cookie';

describe('the session cookie', () => {
  const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcd';

  it('is found among other cookies, and only with a token-shaped value', () => {
    expect(sessionTokenOf(`theme=dark; tally_session=${token}; other=1`)).toBe(token);
    expect(sessionTokenOf('tally_session=short')).toBeNull();
    expect(sessionTokenOf('tally_session=<script>alert(1)</script>xxxxxxxxxxxxxxxxxxxx')).toBeNull();
    expect(sessionTokenOf('xtally_session=' + token)).toBeNull();
    expect(sessionTokenOf(undefined)).toBeNull();
  });

  it('is HttpOnly, SameSite=Strict, on the whole site, and Secure only over HTTPS', () => {
    expect(sessionCookie(token, 60, false)).toBe(`tally_session=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=60`);
    expect(sessionCookie(token, 60, true)).toMatch(/; Secure$/);
    expect(clearedSessionCookie(false)).toBe('tally_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0');
  });
});
