import { PACER_WINDOW_MS, RequestPacer, pacerOf } from './marketplacer-request.pacer';

describe('RequestPacer', () => {
  it('lets the first `limit` requests of a window start at once, then waits for the oldest to leave the window', () => {
    const pacer = new RequestPacer(3, 1000);
    expect([pacer.reserve(0), pacer.reserve(0), pacer.reserve(100)]).toEqual([0, 0, 0]);
    expect(pacer.reserve(200)).toBe(800);
    // Reserved slots count even before they are reached: the next one waits for the second start.
    expect(pacer.reserve(200)).toBe(800);
    expect(pacer.reserve(200)).toBe(900);
    expect(pacer.reserve(200)).toBe(1800);
  });

  it('waits for nothing once time has moved past the window', () => {
    const pacer = new RequestPacer(2, 1000);
    pacer.reserve(0);
    pacer.reserve(0);
    expect(pacer.reserve(1000)).toBe(0);
    expect(pacer.reserve(1500)).toBe(0);
    expect(pacer.reserve(1600)).toBe(400);
  });

  it('defaults to 50 requests per window of a second and a margin', () => {
    const pacer = new RequestPacer();
    for (let i = 0; i < 50; i += 1) expect(pacer.reserve(5000)).toBe(0);
    expect(pacer.reserve(5000)).toBe(PACER_WINDOW_MS);
  });

  it('keeps one pacer per channel in the cache', () => {
    const cache = new Map<string, unknown>();
    expect(pacerOf(cache, 'a')).toBe(pacerOf(cache, 'a'));
    expect(pacerOf(cache, 'a')).not.toBe(pacerOf(cache, 'b'));
  });
});
