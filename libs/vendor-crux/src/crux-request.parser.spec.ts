import { MAX_CRUX_BULK, parseCruxBulk, parseCruxLogin, tokenOfHeader } from './crux-request.parser';

describe('Crux request parsing', () => {
  it('reads the token of "Authorization: Token <token>" only', () => {
    expect(tokenOfHeader('Token abcdef0123456789')).toBe('abcdef0123456789');
    expect(tokenOfHeader('token abcdef0123456789')).toBe('abcdef0123456789');
    expect(tokenOfHeader('Bearer abcdef0123456789')).toBeNull();
    expect(tokenOfHeader('Token')).toBeNull();
    expect(tokenOfHeader(undefined)).toBeNull();
  });

  it('parses the login body and names each missing or unknown field', () => {
    expect(parseCruxLogin({ username: 'u', password: 'p' })).toEqual({ ok: true, value: { username: 'u', password: 'p' } });
    expect(parseCruxLogin({ username: 'u' })).toMatchObject({ ok: false, error: { status: 400, code: 'CRUX.MISSING_FIELD', errors: [{ field: 'password' }] } });
    expect(parseCruxLogin({ username: 'u', password: 2, x: 1 })).toMatchObject({
      ok: false,
      error: { status: 400, errors: [{ field: 'x' }, { field: 'password' }] },
    });
    expect(parseCruxLogin([])).toMatchObject({ ok: false, error: { status: 400, errors: [{ field: 'body' }] } });
  });

  it('takes a bulk body of 1 to MAX_CRUX_BULK elements', () => {
    expect(parseCruxBulk([{}])).toEqual({ ok: true, value: [{}] });
    expect(parseCruxBulk({})).toMatchObject({ ok: false, error: { status: 400 } });
    expect(parseCruxBulk([])).toMatchObject({ ok: false, error: { status: 400 } });
    expect(parseCruxBulk(new Array(MAX_CRUX_BULK + 1).fill({}))).toMatchObject({ ok: false, error: { status: 400 } });
  });
});
