import { AuthFailureThrottle } from './auth-failure.throttle';

describe('AuthFailureThrottle', () => {
  let now = 0;
  const throttle = () => new AuthFailureThrottle(3, 10_000, () => now);
  beforeEach(() => (now = 1_000_000));

  it('throttles a client from its limit-th failure in the window, and no other client', () => {
    const t = throttle();
    t.record('10.0.0.1');
    t.record('10.0.0.1');
    expect(t.retryAfterSeconds('10.0.0.1')).toBeNull();
    t.record('10.0.0.1');
    expect(t.retryAfterSeconds('10.0.0.1')).toBe(10);
    expect(t.retryAfterSeconds('10.0.0.2')).toBeNull();
  });

  it('lets the client try again once its oldest counted failure left the window', () => {
    const t = throttle();
    for (const at of [0, 4_000, 8_000]) {
      now = 1_000_000 + at;
      t.record('c');
    }
    expect(t.retryAfterSeconds('c')).toBe(2);
    now = 1_000_000 + 10_001;
    expect(t.retryAfterSeconds('c')).toBeNull();
  });
});
