import { MAX_BASIC_TOKEN_LENGTH, parseBasicCredentials } from './basic-credentials.parser';

const basic = (text: string, scheme = 'Basic'): string => `${scheme} ${Buffer.from(text, 'utf8').toString('base64')}`;

describe('parseBasicCredentials (RFC 7617)', () => {
  it('decodes the user-id and the password', () => {
    expect(parseBasicCredentials(basic('con_1:s3cret'))).toEqual({ userId: 'con_1', password: 's3cret' });
  });

  it('takes the scheme in any case and spaces around the token', () => {
    expect(parseBasicCredentials(basic('u:p', 'basic'))).toEqual({ userId: 'u', password: 'p' });
    expect(parseBasicCredentials(basic('u:p', 'BASIC'))).toEqual({ userId: 'u', password: 'p' });
    expect(parseBasicCredentials(`  Basic   ${btoa('u:p')}  `)).toEqual({ userId: 'u', password: 'p' });
  });

  it('splits at the first colon, so the password may contain colons', () => {
    expect(parseBasicCredentials(basic('con_ab:s3cr:et'))).toEqual({ userId: 'con_ab', password: 's3cr:et' });
    expect(parseBasicCredentials(basic('con_1:s3:cr€t'))).toEqual({ userId: 'con_1', password: 's3:cr€t' });
  });

  it('reads UTF-8 and refuses bytes that are not UTF-8', () => {
    expect(parseBasicCredentials(basic('tést:pässwörd'))).toEqual({ userId: 'tést', password: 'pässwörd' });
    expect(parseBasicCredentials(`Basic ${Buffer.from([0x75, 0x3a, 0xff, 0xfe]).toString('base64')}`)).toBeNull();
  });

  it('accepts an empty password but not an empty user-id or a missing colon', () => {
    expect(parseBasicCredentials(basic('u:'))).toEqual({ userId: 'u', password: '' });
    expect(parseBasicCredentials(basic(':p'))).toBeNull();
    expect(parseBasicCredentials(basic('nopassword'))).toBeNull();
  });

  it('refuses what is not strict base64', () => {
    expect(parseBasicCredentials('Basic !!!')).toBeNull();
    expect(parseBasicCredentials('Basic dTpw=')).toBeNull(); // padding to a length that is not a multiple of four
    expect(parseBasicCredentials('Basic dT=pw')).toBeNull(); // padding inside
    expect(parseBasicCredentials('Basic dTpwA')).toBeNull(); // a lone sixth of a byte
    expect(parseBasicCredentials('Basic dTpx')).toEqual({ userId: 'u', password: 'q' });
    expect(parseBasicCredentials('Basic dTpxZ')).toBeNull();
    expect(parseBasicCredentials('Basic dTpxcR')).toBeNull(); // stray bits after the last byte
    expect(parseBasicCredentials('Basic dTpxcQ')).toEqual({ userId: 'u', password: 'qq' }); // unpadded is fine
    expect(parseBasicCredentials('Basic dTpxcQ==')).toEqual({ userId: 'u', password: 'qq' });
  });

  it('refuses control characters, other schemes, no header and overlong tokens', () => {
    expect(parseBasicCredentials(basic('u:p\nx'))).toBeNull();
    expect(parseBasicCredentials('Bearer x')).toBeNull();
    expect(parseBasicCredentials('Basic')).toBeNull();
    expect(parseBasicCredentials(undefined)).toBeNull();
    expect(parseBasicCredentials(['Basic dTpw'])).toBeNull();
    expect(parseBasicCredentials(basic(`u:${'p'.repeat(MAX_BASIC_TOKEN_LENGTH)}`))).toBeNull();
  });
});
