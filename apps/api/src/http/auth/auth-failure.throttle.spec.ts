import { AuthFailureThrottle, type ThrottleOptions, type ThrottleTrip } from './auth-failure.throttle';

const key = (id: string) => ({ key: `k:${id}`, label: `credential ${id}` });

describe('AuthFailureThrottle', () => {
  let now = 0;
  let trips: ThrottleTrip[] = [];
  const throttle = (options: ThrottleOptions = {}) => new AuthFailureThrottle(3, 10_000, { now: () => now, onTrip: (t) => trips.push(t), ...options });
  beforeEach(() => {
    now = 1_000_000;
    trips = [];
  });

  it('refuses a credential from its limit-th failure in the window, from every address, and no other credential', () => {
    const t = throttle();
    t.record('10.0.0.1', key('a'));
    t.record('10.0.0.2', key('a'));
    expect(t.refusal('10.0.0.3', key('a'))).toBeNull();
    t.record('10.0.0.3', key('a'));
    expect(t.refusal('10.0.0.9', key('a'))).toEqual({ reason: 'credential', retryAfterSeconds: 10 });
    expect(t.refusal('10.0.0.1', key('b'))).toBeNull();
  });

  it('refuses an over-limit address only the credentials that failed from it: a neighbour with another credential is checked', () => {
    const t = throttle();
    for (const id of ['x', 'y', 'z']) t.record('10.0.0.1', key(id));
    expect(t.refusal('10.0.0.1', key('x'))).toEqual({ reason: 'address', retryAfterSeconds: 10 });
    expect(t.refusal('10.0.0.1', key('valid'))).toBeNull();
    expect(t.refusal('10.0.0.2', key('x'))).toBeNull();
  });

  it('never refuses a request that presents no credential, however many failures its address has', () => {
    const t = throttle();
    for (let i = 0; i < 10; i++) t.record('10.0.0.1', null);
    expect(t.refusal('10.0.0.1', null)).toBeNull();
    expect(t.refusal('10.0.0.1', key('valid'))).toBeNull();
  });

  it('lets a credential try again once its oldest counted failure left the window', () => {
    const t = throttle();
    for (const at of [0, 4_000, 8_000]) {
      now = 1_000_000 + at;
      t.record(`10.0.0.${at}`, key('a'));
    }
    expect(t.refusal('10.0.0.1', key('a'))?.retryAfterSeconds).toBe(2);
    now = 1_000_000 + 10_001;
    expect(t.refusal('10.0.0.1', key('a'))).toBeNull();
  });

  it('reports a trip once per window, with the figures, whether by address or by credential', () => {
    const t = throttle();
    for (let i = 0; i < 6; i++) t.record('10.0.0.1', key('a'));
    expect(trips).toEqual([
      { what: 'address', subject: '10.0.0.1', failures: 3, windowSeconds: 10, distinct: 1 },
      { what: 'credential', subject: 'credential a', failures: 3, windowSeconds: 10, distinct: 1 },
    ]);
    now += 10_001;
    for (let i = 0; i < 3; i++) t.record('10.0.0.2', key('b' + i));
    expect(trips.slice(2)).toEqual([{ what: 'address', subject: '10.0.0.2', failures: 3, windowSeconds: 10, distinct: 3 }]);
  });

  it('in the unsafe address-only mode, refuses every request of an over-limit address (the negative control)', () => {
    const t = throttle({ mode: 'address-only' });
    for (const id of ['x', 'y', 'z']) t.record('10.0.0.1', key(id));
    expect(t.refusal('10.0.0.1', key('valid'))).toEqual({ reason: 'address', retryAfterSeconds: 10 });
    expect(t.refusal('10.0.0.1', null)).not.toBeNull();
    expect(t.refusal('10.0.0.2', key('x'))).toBeNull();
  });

  it('stays bounded under a flood of fresh credentials and keeps the ones over the limit', () => {
    const t = throttle({ maxKeys: 100 });
    for (let i = 0; i < 3; i++) t.record(`10.1.0.${i}`, key('target'));
    for (let i = 0; i < 1_000; i++) t.record(`10.0.${i >> 8}.${i & 255}`, key(`fresh${i}`));
    expect(t.refusal('10.9.9.9', key('target'))?.reason).toBe('credential');
  });
});
