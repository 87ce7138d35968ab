import fc from 'fast-check';
import { isStale, newerSourceTime, sourceMillis } from './source-time.rule.js';

const T1 = '2024-01-01T00:00:01.000Z';
const T2 = '2024-01-01T00:00:02.000Z';

describe('sourceMillis', () => {
  it('parses ISO-8601 times', () => {
    expect(sourceMillis(T1)).toBe(Date.UTC(2024, 0, 1, 0, 0, 1));
    expect(sourceMillis('2024-01-01T10:00:01+10:00')).toBe(Date.UTC(2024, 0, 1, 0, 0, 1));
  });

  it('is null for null, undefined and unparseable text', () => {
    expect(sourceMillis(null)).toBeNull();
    expect(sourceMillis(undefined)).toBeNull();
    expect(sourceMillis('not a time')).toBeNull();
  });
});

describe('isStale', () => {
  it('is true only when the line is older than the last applied time', () => {
    expect(isStale(T1, T2)).toBe(true);
    expect(isStale(T2, T1)).toBe(false);
  });

  it('is false for equal times: a replay is harmless', () => {
    expect(isStale(T1, T1)).toBe(false);
  });

  it('compares instants, not strings, across time zones', () => {
    // 09:59:59+10:00 is 23:59:59Z the day before T1: older although it sorts later as text.
    expect(isStale('2024-01-01T09:59:59+10:00', T1)).toBe(true);
    expect(isStale('2024-01-01T10:00:01+10:00', T1)).toBe(false);
  });

  it('is false when either side has no (usable) time', () => {
    expect(isStale(null, T2)).toBe(false);
    expect(isStale(T1, null)).toBe(false);
    expect(isStale(null, null)).toBe(false);
    expect(isStale('garbage', T2)).toBe(false);
  });
});

describe('newerSourceTime', () => {
  it('returns the newer of two times', () => {
    expect(newerSourceTime(T1, T2)).toBe(T2);
    expect(newerSourceTime(T2, T1)).toBe(T2);
  });

  it('keeps the first on a tie', () => {
    const sameInstant = '2024-01-01T10:00:01+10:00';
    expect(newerSourceTime(T1, sameInstant)).toBe(T1);
  });

  it('keeps nulls out of the way', () => {
    expect(newerSourceTime(null, T1)).toBe(T1);
    expect(newerSourceTime(T1, null)).toBe(T1);
    expect(newerSourceTime(null, null)).toBeNull();
  });

  it('is the maximum of a sequence in any order (property)', () => {
    const time = fc.integer({ min: 0, max: 10_000_000 }).map((s) => new Date(Date.UTC(2024, 0, 1) + s * 1000).toISOString());
    fc.assert(
      fc.property(fc.array(fc.option(time), { minLength: 1, maxLength: 8 }), (times) => {
        const newest = times.reduce<string | null>((acc, t) => newerSourceTime(acc, t), null);
        const present = times.filter((t): t is string => t !== null);
        expect(newest).toBe(present.length === 0 ? null : present.reduce((a, b) => (b > a ? b : a)));
        for (const t of present) expect(isStale(newest, t)).toBe(false);
      }),
    );
  });
});
