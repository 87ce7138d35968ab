import { InProcessRateWindows } from '@tally/inventory-application';
import { MarketplacerRateLimiter } from './marketplacer-rate.limiter';

describe('MarketplacerRateLimiter', () => {
  it('allows 50 requests per key in a second, then answers when to retry, and opens a new window after', async () => {
    let now = 10_000;
    const limiter = new MarketplacerRateLimiter(new InProcessRateWindows(() => now));
    for (let i = 0; i < 50; i++) expect(await limiter.take('a')).toEqual({ allowed: true });
    expect(await limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(await limiter.take('b')).toEqual({ allowed: true });
    now += 1000;
    expect(await limiter.take('a')).toEqual({ allowed: true });
  });

  it('tells the windows a digest of the key, never the key', async () => {
    const subjects: string[] = [];
    const windows = new InProcessRateWindows();
    const take = windows.take.bind(windows);
    windows.take = (scope, subject, limit, windowMs) => (subjects.push(subject), take(scope, subject, limit, windowMs));
    await new MarketplacerRateLimiter(windows).take('secret-key-123');
    expect(subjects).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/)]);
    expect(subjects[0]).not.toContain('secret');
  });
});
