import { findUnsafeText, isSafeText, unsafeTextReason } from './safe-text.rule';

describe('unsafeTextReason', () => {
  it('accepts any well-formed text, control characters and paired surrogates included', () => {
    for (const text of ['', 'SKU-1', 'tab\there', 'line\nbreak', '\u0001\u001f\u007f', 'émoji 😀', '\uD83D\uDE00', 'ß'.repeat(1000)]) {
      expect(unsafeTextReason(text)).toBeNull();
      expect(isSafeText(text)).toBe(true);
    }
  });

  it('refuses a NUL wherever it is', () => {
    for (const text of ['\u0000', 'a\u0000', '\u0000b', 'a\u0000b']) {
      expect(unsafeTextReason(text)).toBe('must not contain a NUL character (U+0000)');
      expect(isSafeText(text)).toBe(false);
    }
  });

  it('refuses a high surrogate without its low half, and a low one without its high half, naming the code unit', () => {
    expect(unsafeTextReason('a\uD800')).toBe('must not contain an unpaired surrogate (U+D800)');
    expect(unsafeTextReason('\uD83Db')).toBe('must not contain an unpaired surrogate (U+D83D)');
    expect(unsafeTextReason('\uDE00x')).toBe('must not contain an unpaired surrogate (U+DE00)');
    expect(unsafeTextReason('\uDE00\uD83D')).toBe('must not contain an unpaired surrogate (U+DE00)');
    expect(unsafeTextReason('😀\uDE00')).toBe('must not contain an unpaired surrogate (U+DE00)');
    expect(isSafeText('\uD800\uD800')).toBe(false);
  });
});

describe('findUnsafeText', () => {
  it('answers null for safe values of any shape', () => {
    expect(findUnsafeText({ a: ['x', { b: 'y' }], c: 1, d: null, e: true }, '')).toBeNull();
    expect(findUnsafeText(42, 'n')).toBeNull();
    expect(findUnsafeText(undefined, 'n')).toBeNull();
  });

  it('names the first unsafe string by its path, in document order', () => {
    const body = { lines: [{ item: { sku: 'ok' } }, { item: { sku: 'b\u0000' } }], reference: '\uD800' };
    expect(findUnsafeText(body, '')).toEqual({ field: 'lines[1].item.sku', message: 'must not contain a NUL character (U+0000)' });
    expect(findUnsafeText(body.lines[1], 'lines[1]')).toEqual({ field: 'lines[1].item.sku', message: 'must not contain a NUL character (U+0000)' });
    expect(findUnsafeText('x\u0000', 'sku')).toEqual({ field: 'sku', message: 'must not contain a NUL character (U+0000)' });
    expect(findUnsafeText(['ok', '\uDC00'], 'tags')).toEqual({ field: 'tags[1]', message: 'must not contain an unpaired surrogate (U+DC00)' });
  });

  it('reports a bad member name on the object that holds it, never echoing the name', () => {
    expect(findUnsafeText({ attributes: { 'k\u0000': 'v' } }, '')).toEqual({
      field: 'attributes',
      message: 'has a member name that must not contain a NUL character (U+0000)',
    });
    expect(findUnsafeText({ '\uD800': 1 }, '')?.field).toBe('body');
    expect(findUnsafeText({ '\uD800': 1 }, '', undefined, 'query')?.field).toBe('query');
  });

  it("names fields the dialect's way", () => {
    const comestri = (parent: string, key: string | number) => (parent ? `${parent}[${key}]` : String(key));
    expect(findUnsafeText({ inventory: { sku: '\u0000' } }, '', comestri)?.field).toBe('inventory[sku]');
    const pointer = (parent: string, key: string | number) => `${parent}/${key}`;
    expect(findUnsafeText({ data: [{ type: '\u0000' }] }, '', pointer)?.field).toBe('/data/0/type');
  });

  it('walks a very deep value without recursion', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnsafeText(deep, 'body')?.message).toBe('must not contain a NUL character (U+0000)');
  });
});
