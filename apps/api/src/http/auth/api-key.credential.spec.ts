import { presentedApiKey } from './api-key.credential';

describe('presentedApiKey', () => {
  it('trims the key it is given', () => {
    expect(presentedApiKey('  tly_abc  ')).toBe('tly_abc');
  });

  it.each([null, undefined, '', '   ', 'tly_a\u0000b', 'tly_\uD800', '\uDC00tly'])('refuses %p, which no key can be, so it is answered as unknown', (text) => {
    expect(presentedApiKey(text)).toBeNull();
  });
});
