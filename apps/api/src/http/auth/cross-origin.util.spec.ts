import { isCrossOrigin } from './cross-origin.util';

describe('isCrossOrigin', () => {
  const host = 'tally.example.com:8443';

  it('trusts Sec-Fetch-Site when the browser sends it', () => {
    expect(isCrossOrigin({ 'sec-fetch-site': 'same-origin', origin: 'https://evil.example' }, host)).toBe(false);
    expect(isCrossOrigin({ 'sec-fetch-site': 'none' }, host)).toBe(false);
    for (const site of ['same-site', 'cross-site', 'bogus']) expect(isCrossOrigin({ 'sec-fetch-site': site, origin: `https://${host}` }, host)).toBe(true);
  });

  it('compares the Origin host with the request host without Sec-Fetch-Site', () => {
    expect(isCrossOrigin({ origin: 'https://tally.example.com:8443' }, host)).toBe(false);
    expect(isCrossOrigin({ origin: 'http://TALLY.example.com:8443' }, host)).toBe(false);
    expect(isCrossOrigin({ origin: 'https://shop.example.com:8443' }, host)).toBe(true);
    expect(isCrossOrigin({ origin: 'https://tally.example.com' }, host)).toBe(true);
    expect(isCrossOrigin({ origin: 'null' }, host)).toBe(true);
  });

  it('lets a client that is no browser (neither header) through', () => {
    expect(isCrossOrigin({}, host)).toBe(false);
  });
});
