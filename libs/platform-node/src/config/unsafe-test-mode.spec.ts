import { ConfigError, loadConfig } from './app.config';

describe('TALLY_UNSAFE_TEST_MODE', () => {
  it('is off by default', () => {
    expect(loadConfig({}).unsafeTestMode).toBeNull();
    expect(loadConfig({ NODE_ENV: 'test' }).unsafeTestMode).toBeNull();
  });

  it('is accepted under NODE_ENV=test or with the explicit opt-in', () => {
    expect(loadConfig({ NODE_ENV: 'test', TALLY_UNSAFE_TEST_MODE: 'lost-updates' }).unsafeTestMode).toBe('lost-updates');
    expect(loadConfig({ TALLY_ALLOW_UNSAFE_TEST_MODE: 'yes', TALLY_UNSAFE_TEST_MODE: 'log-secrets' }).unsafeTestMode).toBe('log-secrets');
  });

  it('refuses to boot with a mode outside tests, or with an unknown mode', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', TALLY_UNSAFE_TEST_MODE: 'no-idempotency' })).toThrow(ConfigError);
    expect(() => loadConfig({ TALLY_UNSAFE_TEST_MODE: 'no-idempotency' })).toThrow(/refused unless NODE_ENV=test/);
    expect(() => loadConfig({ NODE_ENV: 'test', TALLY_UNSAFE_TEST_MODE: 'chaos' })).toThrow(/must be one of/);
  });
});

describe('AUTH_FAILURE_LIMIT and AUTH_FAILURE_WINDOW_SECONDS', () => {
  it('default to 100 failures in 60 s and refuse nonsense', () => {
    expect(loadConfig({})).toMatchObject({ authFailureLimit: 100, authFailureWindowSeconds: 60 });
    expect(loadConfig({ AUTH_FAILURE_LIMIT: '5', AUTH_FAILURE_WINDOW_SECONDS: '10' })).toMatchObject({ authFailureLimit: 5, authFailureWindowSeconds: 10 });
    expect(() => loadConfig({ AUTH_FAILURE_LIMIT: '0' })).toThrow(/AUTH_FAILURE_LIMIT/);
    expect(() => loadConfig({ AUTH_FAILURE_WINDOW_SECONDS: 'soon' })).toThrow(/AUTH_FAILURE_WINDOW_SECONDS/);
  });
});

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default, and reads hops or addresses', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1,10.0.0.0/8' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8']);
  });

  it('refuses to boot on an entry it cannot read, with the other problems', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true', PORT: 'x' })).toThrow(/TRUST_PROXY[\s\S]*"true"/);
  });
});

describe('AUTH_CACHE_SECONDS', () => {
  it('keeps valid credentials for 60 s by default, 0 keeps none, and refuses nonsense', () => {
    expect(loadConfig({}).authCacheSeconds).toBe(60);
    expect(loadConfig({ AUTH_CACHE_SECONDS: '0' }).authCacheSeconds).toBe(0);
    expect(() => loadConfig({ AUTH_CACHE_SECONDS: '3601' })).toThrow(/AUTH_CACHE_SECONDS/);
    expect(() => loadConfig({ AUTH_CACHE_SECONDS: 'long' })).toThrow(/AUTH_CACHE_SECONDS/);
  });
});
