import { baseUrlOf, startBanner } from './first-start.banner';

describe('startBanner', () => {
  it('prints a generated admin key once, with the URLs', () => {
    const text = startBanner('http://localhost:3000', { created: true, tenantId: 't1', adminKey: 'tly_generated_secret' }, false);
    expect(text).toContain('tly_generated_secret');
    for (const path of ['/api/v1', '/docs', '/health']) expect(text).toContain(`http://localhost:3000${path}`);
  });

  it('never echoes a supplied key, and prints no key on later starts', () => {
    expect(startBanner('http://x:1', { created: true, tenantId: 't1', adminKey: 'supplied-secret' }, true)).not.toContain('supplied-secret');
    expect(startBanner('http://x:1', { created: false }, false)).not.toContain('key');
    expect(startBanner('http://x:1', { created: false, suppliedKeyFound: true }, true)).not.toContain('key');
    expect(startBanner('http://x:1', { created: false, suppliedKeyFound: false }, true)).toContain('TALLY_ADMIN_KEY matches no active key');
  });

  it('reaches a wildcard host as localhost', () => {
    expect(baseUrlOf('0.0.0.0', 3000)).toBe('http://localhost:3000');
    expect(baseUrlOf('127.0.0.1', 0)).toBe('http://127.0.0.1:0');
    expect(baseUrlOf('::1', 8080)).toBe('http://[::1]:8080');
  });
});
