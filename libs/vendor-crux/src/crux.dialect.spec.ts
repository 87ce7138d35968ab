import { checkDialectDescriptor } from '@tally/vendor-kit';
import { cruxDialect } from './crux.dialect';

describe('cruxDialect', () => {
  it('is a sound descriptor: routes under its prefix, a guide on the base URL, errors answered as errors', () => {
    expect(checkDialectDescriptor(cruxDialect)).toEqual([]);
  });
});
