import { baseUrlOf, startBanner } from './first-start.banner';

describe('startBanner', () => {
  it('prints a generated admin key once, with the URLs', () => {
    const text = startBanner(
      'http://localhost:3000',
      { created: true, tenantId: 't1', adminKey: 'tly_generated_secret' },
      { keySupplied: false, console: true },
    );
    expect(text).toContain('tly_generated_secret');
    for (const path of ['/admin', '/api/v1', '/docs', '/health']) expect(text).toContain(`http://localhost:3000${path}`);
    expect(text).toContain('Sign in to the console at http://localhost:3000/admin');
  });

  it('says when the console was not built instead of naming a URL that answers 404', () => {
    const text = startBanner('http://x:1', { created: true, tenantId: 't1', adminKey: 'tly_generated_secret' }, { keySupplied: false, console: false });
    expect(text).not.toContain('http://x:1/admin');
    expect(text).toContain('Console: not built');
  });

  it('never echoes a supplied key, and prints no key on later starts', () => {
    const supplied = { keySupplied: true, console: true };
    expect(startBanner('http://x:1', { created: true, tenantId: 't1', adminKey: 'supplied-secret' }, supplied)).not.toContain('supplied-secret');
    expect(startBanner('http://x:1', { created: false }, { keySupplied: false, console: true })).not.toContain('key');
    expect(startBanner('http://x:1', { created: false, suppliedKeyFound: true }, supplied)).not.toContain('key');
    expect(startBanner('http://x:1', { created: false, suppliedKeyFound: false }, supplied)).toContain('TALLY_ADMIN_KEY matches no active key');
  });

  it('reaches a wildcard host as localhost', () => {
    expect(baseUrlOf('0.0.0.0', 3000)).toBe('http://localhost:3000');
    expect(baseUrlOf('127.0.0.1', 0)).toBe('http://127.0.0.1:0');
    expect(baseUrlOf('::1', 8080)).toBe('http://[::1]:8080');
  });
});
