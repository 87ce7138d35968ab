import { checkDialectDescriptor } from '@tally/vendor-kit';
import { retailopsDialect } from './retailops.dialect';

describe('retailopsDialect', () => {
  it('is a sound descriptor: routes under its prefix, a guide on the base URL, errors answered as errors', () => {
    expect(checkDialectDescriptor(retailopsDialect)).toEqual([]);
  });
});
