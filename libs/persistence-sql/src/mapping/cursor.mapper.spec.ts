import { ApplicationError } from '@tally/inventory-application';
import { decodeCursor, encodeCursor } from './cursor.mapper';

const forged = (key: unknown) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

describe('decodeCursor', () => {
  it('reads back the keys it issued, and nothing for the first page', () => {
    expect(decodeCursor(encodeCursor([42]), ['number'])).toEqual([42]);
    expect(decodeCursor(encodeCursor(['2026-01-01T00:00:00.000Z', 'id-1']), ['string', 'string'])).toEqual(['2026-01-01T00:00:00.000Z', 'id-1']);
    expect(decodeCursor(null, ['number'])).toBeNull();
    expect(decodeCursor('', ['number'])).toBeNull();
  });

  it.each([
    ['a string where the list sorts by a sequence', forged(['x']), ['number']],
    ['a fraction', forged([1.5]), ['number']],
    ['a number past 2^53', forged([2 ** 60]), ['number']],
    ['a number where the list sorts by an id', forged([7]), ['string']],
    ['a NUL in a string', forged(['a\u0000b']), ['string']],
    ['a lone surrogate in a string', forged(['\uD800']), ['string']],
    ['the wrong arity', forged(['a']), ['string', 'string']],
    ['not an array', forged({ a: 1 }), ['number']],
    ['not JSON', 'bm90IGpzb24', ['number']],
  ] as const)('refuses %s with a validation error naming the cursor', (_what, cursor, shape) => {
    let thrown: unknown;
    try {
      decodeCursor(cursor, shape);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApplicationError);
    expect(thrown).toMatchObject({ code: 'REQUEST.INVALID', field: 'cursor' });
  });
});
