import { FailureWindow } from './auth-failure.window';

describe('FailureWindow', () => {
  let now = 1_000_000;
  const window = (maxKeys = 100) => new FailureWindow(3, 10_000, () => now, maxKeys);

  it('keeps at most maxKeys keys, forgetting those under the limit before those over it', () => {
    const w = window(100);
    for (let i = 0; i < 3; i++) w.add('attacked', `10.0.0.${i}`);
    for (let i = 0; i < 1_000; i++) w.add(`fresh-${i}`, 'x');
    expect(w.size).toBeLessThanOrEqual(100);
    expect(w.retryAfterSeconds('attacked')).toBe(10);
    expect(w.retryAfterSeconds('fresh-0')).toBeNull();
  });

  it('forgets failures older than the window and tells the tags of the recent ones', () => {
    const w = window();
    w.add('a', 'k1');
    now += 6_000;
    w.add('a', 'k2');
    expect(w.hasTag('a', 'k1')).toBe(true);
    now += 5_000;
    expect(w.hasTag('a', 'k1')).toBe(false);
    expect(w.hasTag('a', 'k2')).toBe(true);
    expect(w.add('a', 'k3')).toEqual({ failures: 2, tripped: false, tags: ['k2', 'k3'] });
  });
});
