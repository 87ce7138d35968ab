import { checkDialectDescriptor } from '@tally/vendor-kit';
import { marketplacerDialect } from './marketplacer.dialect';

describe('marketplacerDialect', () => {
  it('is a sound descriptor: routes under its prefix, a guide on the base URL, errors answered as errors', () => {
    expect(checkDialectDescriptor(marketplacerDialect)).toEqual([]);
  });
});
