import { securityHeaders } from './security-headers.plugin';

describe('securityHeaders', () => {
  const headers = securityHeaders();

  it('computes the policy and the browser headers once, as helmet sets them', () => {
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
  });

  it('leaves Strict-Transport-Security to the proxy', () => {
    expect(headers['strict-transport-security']).toBeUndefined();
  });
});
