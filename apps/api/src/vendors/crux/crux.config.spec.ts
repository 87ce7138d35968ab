import { loadCruxConfig } from './crux.config';

describe('loadCruxConfig', () => {
  it('runs Crux groups on the write thread unless CRUX_WRITE_THREAD is off', () => {
    expect(loadCruxConfig({}).writeThread).toBe(true);
    expect(loadCruxConfig({ CRUX_WRITE_THREAD: 'OFF' }).writeThread).toBe(false);
    expect(loadCruxConfig({ CRUX_WRITE_THREAD: 'on' }).writeThread).toBe(true);
  });

  it("issues tokens for Crux's two hours unless CRUX_TOKEN_TTL_SECONDS says otherwise", () => {
    expect(loadCruxConfig({}).tokenTtlSeconds).toBe(7200);
    expect(loadCruxConfig({ CRUX_TOKEN_TTL_SECONDS: '60' }).tokenTtlSeconds).toBe(60);
  });

  it('refuses any other value, naming the variable', () => {
    expect(() => loadCruxConfig({ CRUX_WRITE_THREAD: 'yes' })).toThrow(/CRUX_WRITE_THREAD must be on or off, got "yes"/);
    expect(() => loadCruxConfig({ CRUX_TOKEN_TTL_SECONDS: '0' })).toThrow(/CRUX_TOKEN_TTL_SECONDS/);
  });
});
