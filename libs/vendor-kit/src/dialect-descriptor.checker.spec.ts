import { checkDialectDescriptor } from './dialect-descriptor.checker';
import type { DialectDescriptor } from './dialect.descriptor';

const sound: DialectDescriptor = {
  name: 'acme',
  title: 'Acme',
  summary: 'Acme stock.',
  pathPrefix: '/acme/',
  routes: [{ method: 'POST', path: '/acme/stock/{id}', summary: 'set', bodyLimit: { setting: 'ACME_BODY_LIMIT', defaultBytes: 4096 } }],
  credential: { scheme: 'bearer-token', presentation: 'x' },
  presentedCredential: (request) => (request.headers['authorization'] === 'Bearer conn.s3cret' ? { kind: 'credential-id', id: 'conn' } : null),
  settings: { type: 'object', additionalProperties: false, properties: {} },
  renderError: (p) => ({ status: p.status, body: { error: p.detail } }),
  connectGuide: ({ baseUrl }) => ({ steps: ['point the client here'], endpoints: [{ label: 'stock', url: `${baseUrl}/acme/stock/{id}` }] }),
};

describe('checkDialectDescriptor', () => {
  it('passes a sound descriptor', () => {
    expect(checkDialectDescriptor(sound)).toEqual([]);
  });

  it('names a route outside the prefix, a duplicate route and a bad setting name', () => {
    const routes = [
      ...sound.routes,
      { method: 'GET' as const, path: '/other/x', summary: 'x' },
      { ...sound.routes[0], bodyLimit: { setting: 'lower', defaultBytes: 10 } },
    ];
    const problems = checkDialectDescriptor({ ...sound, routes });
    expect(problems).toContain('acme: GET /other/x: outside the path prefix /acme/');
    expect(problems).toContain('acme: routes listed twice: POST /acme/stock/{id}');
    expect(problems).toContain('acme: POST /acme/stock/{id}: the body limit setting must be an environment variable name');
    expect(problems).toContain('acme: POST /acme/stock/{id}: a body limit below 1 KB');
  });

  it('names a guide URL with an empty segment, on another host, or off the routes', () => {
    const guide = () => ({
      steps: ['x'],
      endpoints: [
        { label: 'empty', url: 'http://tally.invalid:1234/acme/stock//' },
        { label: 'elsewhere', url: 'http://example.com/acme/stock/{id}' },
      ],
    });
    const problems = checkDialectDescriptor({ ...sound, connectGuide: guide });
    expect(problems.some((p) => p.includes('empty path segment'))).toBe(true);
    expect(problems.some((p) => p.includes('not built from the base URL'))).toBe(true);
  });

  it('names an error renderer that answers success or turns a fault into a client error', () => {
    expect(checkDialectDescriptor({ ...sound, renderError: () => ({ status: 200, body: {} }) })).toContain('acme: an error of status 400 is answered 200');
    expect(checkDialectDescriptor({ ...sound, renderError: () => ({ status: 400, body: {} }) })).toContain(
      "acme: a server fault (500) is answered as the client's (400)",
    );
    expect(checkDialectDescriptor({ ...sound, renderError: undefined })).toEqual(['acme: a dialect with a path prefix must render its errors']);
  });

  it('names a dialect that cannot tell the throttle which credential a request presents, or tells it wrong', () => {
    expect(checkDialectDescriptor({ ...sound, presentedCredential: undefined })).toEqual([
      'acme: a dialect with a path prefix must say which credential a request presents',
    ]);
    expect(checkDialectDescriptor({ ...sound, presentedCredential: () => ({ kind: 'token', token: 'x' }) })).toEqual([
      'acme: POST /acme/stock/{id}: a request without a credential presents token',
    ]);
    const throwing = checkDialectDescriptor({
      ...sound,
      presentedCredential: (request) => ({ kind: 'credential-id', id: (request.body as { id: string }).id.trim() }),
    });
    expect(throwing[0]).toMatch(/^acme: POST \/acme\/stock\/\{id\}: reading the presented credential threw TypeError/);
  });
});
