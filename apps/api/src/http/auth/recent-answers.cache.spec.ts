import { RecentAnswers } from './recent-answers.cache';

describe('RecentAnswers', () => {
  let now = 0;
  const answers = () => new RecentAnswers<string>({ ttlMs: 1000, maxEntries: 2, now: () => now });

  beforeEach(() => (now = 0));

  it('reuses a positive answer within its time and checks again after it', async () => {
    const cache = answers();
    const check = jest.fn(async () => 'tenant-a');
    expect(await cache.answer('k', check)).toBe('tenant-a');
    now = 999;
    expect(await cache.answer('k', check)).toBe('tenant-a');
    expect(check).toHaveBeenCalledTimes(1);
    now = 1000;
    expect(await cache.answer('k', check)).toBe('tenant-a');
    expect(check).toHaveBeenCalledTimes(2);
  });

  it('never keeps a refusal, so a credential that became valid is accepted at once', async () => {
    const cache = answers();
    expect(await cache.answer('k', async () => null)).toBeNull();
    expect(await cache.answer('k', async () => 'tenant-a')).toBe('tenant-a');
  });

  it('forgets the oldest answer beyond its bound', async () => {
    const cache = answers();
    await cache.answer('a', async () => 'A');
    await cache.answer('b', async () => 'B');
    await cache.answer('c', async () => 'C');
    const check = jest.fn(async () => 'A again');
    expect(await cache.answer('a', check)).toBe('A again');
    expect(check).toHaveBeenCalledTimes(1);
  });
});
