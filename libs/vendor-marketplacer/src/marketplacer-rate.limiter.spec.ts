import { MarketplacerRateLimiter } from './marketplacer-rate.limiter';

describe('MarketplacerRateLimiter', () => {
  it('allows 50 requests per key in a second, then answers when to retry, and opens a new window after', () => {
    let now = 10_000;
    const limiter = new MarketplacerRateLimiter(50, () => now);
    for (let i = 0; i < 50; i++) expect(limiter.take('a')).toEqual({ allowed: true });
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('b')).toEqual({ allowed: true });
    now += 1000;
    expect(limiter.take('a')).toEqual({ allowed: true });
  });
});
