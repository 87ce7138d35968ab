import { loadCruxConfig } from './crux.config';

describe('loadCruxConfig', () => {
  it('runs Crux groups on the write thread unless CRUX_WRITE_THREAD is off', () => {
    expect(loadCruxConfig({}).writeThread).toBe(true);
    expect(loadCruxConfig({ CRUX_WRITE_THREAD: 'OFF' }).writeThread).toBe(false);
    expect(loadCruxConfig({ CRUX_WRITE_THREAD: 'on' }).writeThread).toBe(true);
  });

  it('refuses any other value, naming the variable', () => {
    expect(() => loadCruxConfig({ CRUX_WRITE_THREAD: 'yes' })).toThrow(/CRUX_WRITE_THREAD must be on or off, got "yes"/);
  });
});
