import { isJsonObject, nestsDeeperThan } from './json-field.reader';

describe('isJsonObject', () => {
  it('is true for objects only', () => {
    expect(isJsonObject({})).toBe(true);
    for (const value of [null, [], 'x', 1, undefined]) expect(isJsonObject(value)).toBe(false);
  });
});

describe('nestsDeeperThan', () => {
  it('counts objects and arrays as levels, scalars as none', () => {
    expect(nestsDeeperThan({ a: { b: [1] } }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: { b: [{}] } }, 3)).toBe(true);
    expect(nestsDeeperThan('text', 0)).toBe(false);
    expect(nestsDeeperThan({}, 0)).toBe(true);
  });

  it('walks a very deep value without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(nestsDeeperThan(deep, 32)).toBe(true);
  });
});
