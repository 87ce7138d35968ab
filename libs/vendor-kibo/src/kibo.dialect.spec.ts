import { checkDialectDescriptor } from '@tally/vendor-kit';
import { kiboDialect } from './kibo.dialect';

describe('kiboDialect', () => {
  it('is a sound descriptor: routes under its prefix, a guide on the base URL, errors answered as errors', () => {
    expect(checkDialectDescriptor(kiboDialect)).toEqual([]);
  });
});
