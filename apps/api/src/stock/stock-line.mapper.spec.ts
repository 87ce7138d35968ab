import { LineInputError, toCanonicalLine } from './stock-line.mapper';
import type { LineTargetDto } from './stock-line.dto';

const target = (item: Record<string, string>, location: Record<string, string> = { code: 'W1' }) => ({ item, location }) as unknown as LineTargetDto;

describe('toCanonicalLine', () => {
  it('names the item by several identifiers: the first is the reference, the others ride along', () => {
    const line = toCanonicalLine('set', { ...target({ sku: 'A', gtin: '036000291452', partNumber: 'P' }), onHand: 1 } as LineTargetDto, 1);
    expect(line.item).toEqual({ sku: 'A' });
    expect(line.itemIdentifiers).toEqual({ gtin: '00036000291452', partNumber: 'P' });
  });

  it('normalizes a GTIN in any form and keeps only the fields a set names', () => {
    const line = toCanonicalLine('set', { ...target({ gtin: '036000291452' }), onHand: 4, reserved: undefined } as LineTargetDto, 1);
    expect(line).toEqual({
      lineNo: 1,
      item: { gtin: '00036000291452' },
      location: { code: 'W1' },
      write: { kind: 'set', patch: { onHand: 4 } },
      sourceTimestamp: null,
    });
  });

  it('fills the defaults of adjust and compare-and-set', () => {
    expect(toCanonicalLine('adjust', { ...target({ sku: 'A' }), delta: -2 } as LineTargetDto, 1).write).toEqual({
      kind: 'adjust',
      delta: -2,
      figure: 'on_hand',
      allowNegative: false,
    });
    expect(toCanonicalLine('compare_and_set', { ...target({ sku: 'A' }), expected: null, value: 3 } as LineTargetDto, 1).write).toEqual({
      kind: 'compare_and_set',
      figure: 'on_hand',
      expected: null,
      value: 3,
    });
  });

  it.each([
    [target({ itemId: 'i-1', sku: 'A' }), 'lines[2].item.itemId', 'REQUEST.INVALID'],
    [target({}), 'lines[2].item', 'REQUEST.INVALID'],
    [target({ externalId: 'x' }), 'lines[2].item.connectionId', 'REQUEST.INVALID'],
    [target({ gtin: '036000291453' }), 'lines[2].item.gtin', 'IDENTIFIER.BAD_CHECK_DIGIT'],
    [target({ sku: 'A' }, { code: 'W1', locationId: 'l' }), 'lines[2].location', 'REQUEST.INVALID'],
    [target({ sku: 'A' }), 'lines[2]', 'REQUEST.INVALID'],
  ])('refuses %j naming %s', (dto, field, code) => {
    let error: unknown;
    try {
      toCanonicalLine('set', dto, 3, 'lines[2].');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LineInputError);
    expect(error).toMatchObject({ field, code });
  });
});
