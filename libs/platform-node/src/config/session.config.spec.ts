import { loadConfig } from './app.config';

describe('the session settings', () => {
  it('default to 30 idle minutes, 12 hours, 20 sessions a key, 200 a tenant, 10 sign-ins a key and 60 an address a minute', () => {
    expect(loadConfig({}).sessions).toEqual({
      idleMs: 30 * 60_000,
      maxAgeMs: 12 * 3_600_000,
      maxPerKey: 20,
      maxPerTenant: 200,
      signInsPerKey: 10,
      signInsPerAddress: 60,
    });
  });

  it('take decimal timeouts, so tests can watch a session end', () => {
    const sessions = loadConfig({
      SESSION_IDLE_MINUTES: '0.05',
      SESSION_MAX_HOURS: '0.5',
      SESSION_MAX_PER_KEY: '3',
      SIGN_IN_LIMIT_PER_ADDRESS: '1000',
    }).sessions;
    expect(sessions).toMatchObject({ idleMs: 3000, maxAgeMs: 1_800_000, maxPerKey: 3, signInsPerAddress: 1000 });
  });

  it('refuse a bad value, naming the variable and the value', () => {
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '0' })).toThrow(/SESSION_IDLE_MINUTES must be a number above 0 .*got "0"/);
    expect(() => loadConfig({ SESSION_MAX_HOURS: 'forever' })).toThrow(/SESSION_MAX_HOURS must be a number/);
    expect(() => loadConfig({ SESSION_MAX_PER_KEY: '2.5' })).toThrow(/SESSION_MAX_PER_KEY must be an integer from 1/);
    expect(() => loadConfig({ SESSION_MAX_PER_TENANT: '0' })).toThrow(/SESSION_MAX_PER_TENANT/);
    expect(() => loadConfig({ SIGN_IN_LIMIT_PER_KEY: '-1' })).toThrow(/SIGN_IN_LIMIT_PER_KEY/);
  });
});
