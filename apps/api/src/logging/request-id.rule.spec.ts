import { MAX_REQUEST_ID_LENGTH, requestIdOf } from './request-id.rule';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('requestIdOf', () => {
  it('keeps a reasonable client id as it is', () => {
    expect(requestIdOf('abc-123')).toBe('abc-123');
    expect(requestIdOf('x'.repeat(MAX_REQUEST_ID_LENGTH))).toBe('x'.repeat(MAX_REQUEST_ID_LENGTH));
    expect(requestIdOf('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toBe('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
  });

  it('generates a UUID when the client sent none', () => {
    const [first, second] = [requestIdOf(undefined), requestIdOf(undefined)];
    expect(first).toMatch(UUID);
    expect(second).toMatch(UUID);
    expect(first).not.toBe(second);
  });

  it.each([
    ['empty', ''],
    ['one character too long', 'x'.repeat(MAX_REQUEST_ID_LENGTH + 1)],
    ['a line break that would forge a log line', 'abc\n{"level":"info"}'],
    ['a control character', 'abc\u0007'],
    ['a space', 'abc 123'],
    ['non-ASCII text', 'abc-é'],
  ])('replaces an unreasonable id (%s) with a UUID', (_why, header) => {
    expect(requestIdOf(header)).toMatch(UUID);
  });

  it('replaces a repeated header, which names no one request', () => {
    expect(requestIdOf(['abc-1', 'abc-2'])).toMatch(UUID);
  });
});
