import { checkDialectDescriptor } from '@tally/vendor-kit';
import { comestriDialect } from './comestri.dialect';

describe('comestriDialect', () => {
  it('is a sound descriptor: routes under its prefix, a guide on the base URL, errors answered as errors', () => {
    expect(checkDialectDescriptor(comestriDialect)).toEqual([]);
  });
});
