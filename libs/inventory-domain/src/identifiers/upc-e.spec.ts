import { expandUpcE } from './upc-e.js';

describe('expandUpcE', () => {
  it('expands the real code 04252614 to UPC-A 042100005264', () => {
    expect(expandUpcE('04252614')).toBe('042100005264');
  });

  it('expands 06543217 to UPC-A 065100004327', () => {
    expect(expandUpcE('06543217')).toBe('065100004327');
  });

  describe('rule families by the last body digit', () => {
    it.each([
      ['0', '01234505', '012000003455'],
      ['1', '01234514', '012100003454'],
      ['2', '01234523', '012200003453'],
      ['3', '01234531', '012300000451'],
      ['4', '01234543', '012340000053'],
      ['5', '01234558', '012345000058'],
      ['6', '01234565', '012345000065'],
      ['7', '01234572', '012345000072'],
      ['9', '06543297', '065432000097'],
    ])('last digit %s: %s -> %s', (_last, upcE, upcA) => {
      expect(expandUpcE(upcE)).toBe(upcA);
    });
  });

  it('supports number system 1', () => {
    expect(expandUpcE('11234579')).toBe('112345000079');
  });

  it('accepts 7 digits (number system + body) and computes the check digit', () => {
    expect(expandUpcE('0425261')).toBe('042100005264');
    expect(expandUpcE('1123457')).toBe('112345000079');
  });

  it('accepts 6 digits (body only) with number system 0', () => {
    expect(expandUpcE('425261')).toBe('042100005264');
  });

  it('never zero-pads a UPC-E into a UPC-A', () => {
    expect(expandUpcE('04252614')).not.toBe('000004252614');
  });

  it('returns null for a wrong check digit', () => {
    expect(expandUpcE('04252615')).toBeNull();
  });

  it('returns null for a number system other than 0 or 1', () => {
    expect(expandUpcE('24252614')).toBeNull();
    expect(expandUpcE('2425261')).toBeNull();
  });

  it.each(['', '12345', '042526140', '0425261a', '04-25261'])('returns null for malformed %p', (input) => {
    expect(expandUpcE(input)).toBeNull();
  });
});
