import { parseBearerToken, parseSchemeToken, splitConnectionToken } from './token-credentials.parser';

describe('parseBearerToken (RFC 6750)', () => {
  it('reads the token in any case of the scheme', () => {
    expect(parseBearerToken('Bearer tly_abc-DEF.1~2+3/4==')).toBe('tly_abc-DEF.1~2+3/4==');
    expect(parseBearerToken('bearer abc')).toBe('abc');
    expect(parseBearerToken('  BEARER   abc  ')).toBe('abc');
  });

  it('refuses what is not one b64token', () => {
    for (const header of ['Bearer', 'Bearer ', 'Bearer a b', 'Bearer a!b', 'Bearer =abc', 'Bearer a=b', 'Bearerabc', 'Basic abc', 'Bearer\tabc']) {
      expect(parseBearerToken(header)).toBeNull();
    }
    expect(parseBearerToken(undefined)).toBeNull();
    expect(parseBearerToken(42)).toBeNull();
  });

  it('refuses a token longer than the limit', () => {
    expect(parseBearerToken(`Bearer ${'a'.repeat(10)}`, 10)).toBe('a'.repeat(10));
    expect(parseBearerToken(`Bearer ${'a'.repeat(11)}`, 10)).toBeNull();
  });
});

describe('parseSchemeToken', () => {
  it('reads the token of the named scheme only', () => {
    expect(parseSchemeToken('Token abcdef0123456789', 'Token')).toBe('abcdef0123456789');
    expect(parseSchemeToken('token abcdef0123456789', 'Token')).toBe('abcdef0123456789');
    expect(parseSchemeToken('Bearer abcdef0123456789', 'Token')).toBeNull();
  });
});

describe('splitConnectionToken', () => {
  it('splits at the first dot, so the secret may contain dots', () => {
    expect(splitConnectionToken('con_ab.se.cret')).toEqual({ credentialId: 'con_ab', secret: 'se.cret' });
  });

  it('refuses a token without both parts', () => {
    for (const token of ['nodot', '.secret', 'id.', '']) expect(splitConnectionToken(token)).toBeNull();
  });

  it('refuses a token with a NUL or a lone surrogate in either part, as no connection has one', () => {
    for (const token of ['con_a\u0000b.secret', 'con_ab.sec\u0000ret', 'con_ab.\uD800', '\uDC00.secret']) expect(splitConnectionToken(token)).toBeNull();
  });
});
