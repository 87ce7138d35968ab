import { loadMetricsConfig } from './metrics.config';

describe('metrics settings', () => {
  it('serves no metrics unless a key or a port is set, on the loopback address by default', () => {
    expect(loadMetricsConfig({})).toEqual({ key: null, port: null, host: '127.0.0.1' });
    expect(loadMetricsConfig({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' })).toEqual({ key: null, port: 9464, host: '0.0.0.0' });
    const key = 'k'.repeat(32);
    expect(loadMetricsConfig({ METRICS_KEY: key }).key).toBe(key);
  });

  it('refuses a short key, one with spaces and a port out of range, naming each variable', () => {
    expect(() => loadMetricsConfig({ METRICS_KEY: 'short' })).toThrow(/METRICS_KEY must be at least 32 printable characters/);
    expect(() => loadMetricsConfig({ METRICS_KEY: `${'k'.repeat(32)} x` })).toThrow(/METRICS_KEY/);
    expect(() => loadMetricsConfig({ METRICS_PORT: '70000' })).toThrow(/METRICS_PORT must be an integer from 1 to 65535/);
  });
});
