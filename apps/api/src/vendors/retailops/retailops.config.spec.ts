import { loadRetailopsPushBodyLimit, RETAILOPS_PUSH_BODY_LIMIT } from './retailops.config';

describe('loadRetailopsPushBodyLimit', () => {
  it('takes 64 MB unless RETAILOPS_PUSH_BODY_LIMIT says otherwise', () => {
    expect(loadRetailopsPushBodyLimit({})).toBe(RETAILOPS_PUSH_BODY_LIMIT);
    expect(RETAILOPS_PUSH_BODY_LIMIT).toBe(64 * 1024 * 1024);
    expect(loadRetailopsPushBodyLimit({ RETAILOPS_PUSH_BODY_LIMIT: '2mb' })).toBe(2 * 1024 * 1024);
  });

  it('refuses a value that is not a size in range, naming the variable', () => {
    expect(() => loadRetailopsPushBodyLimit({ RETAILOPS_PUSH_BODY_LIMIT: 'lots' })).toThrow(/RETAILOPS_PUSH_BODY_LIMIT/);
    expect(() => loadRetailopsPushBodyLimit({ RETAILOPS_PUSH_BODY_LIMIT: '1gb' })).toThrow(/RETAILOPS_PUSH_BODY_LIMIT/);
  });
});
