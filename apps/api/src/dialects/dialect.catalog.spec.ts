import type { DialectDescriptor } from '@tally/vendor-kit';
import { DialectCatalog, serverPath } from './dialect.catalog';
import { INSTALLED_DIALECTS } from './installed-dialects.list';

const dialect = (name: string, pathPrefix: string | null, extra: Partial<DialectDescriptor> = {}): DialectDescriptor => ({
  name,
  title: name,
  summary: name,
  pathPrefix,
  routes: pathPrefix ? [{ method: 'GET', path: `${pathPrefix}x`, summary: 'x', contentTypes: [] }] : [{ method: 'GET', path: '/api/x', summary: 'x' }],
  credential: { scheme: 'api-key', presentation: 'x' },
  presentedCredential: (request) => (request.headers['x-key'] === name ? { kind: 'credential-id', id: name } : null),
  settings: { type: 'object', additionalProperties: false, properties: { region: { type: 'string', title: 'Region', description: 'x', enum: ['eu'] } } },
  renderError: (problem) => ({ status: problem.status, body: name }),
  connectGuide: ({ baseUrl }) => ({ steps: ['x'], endpoints: [{ label: 'x', url: `${baseUrl}${pathPrefix ?? '/api/'}x` }] }),
  ...extra,
});

const installed = () => INSTALLED_DIALECTS.map((d) => d.descriptor);

describe('DialectCatalog', () => {
  it('refuses two dialects with one name or one path prefix, and a name that is not lowercase', () => {
    expect(() => new DialectCatalog([dialect('acme', '/acme/'), dialect('acme', '/other/')])).toThrow(/two dialects are named "acme"/);
    expect(() => new DialectCatalog([dialect('acme', '/acme/'), dialect('beta', '/acme/')])).toThrow(/share the path prefix \/acme\//);
    expect(() => new DialectCatalog([dialect('Acme', '/acme/')])).toThrow(/unsound dialect: Acme: the name must be lowercase/);
  });

  it('answers a path in the shape of the dialect of its prefix, and none outside', () => {
    const catalog = new DialectCatalog([dialect('outer', '/v/'), dialect('inner', '/v-inner/'), dialect('plain', null, { renderError: undefined })]);
    expect(catalog.ofPath('/v-inner/x')?.name).toBe('inner');
    expect(catalog.ofPath('/v/x')?.name).toBe('outer');
    expect(catalog.ofPath('/api/v1/items')).toBeUndefined();
  });

  it('finds the dialect that reads the credential of a path, and none for the canonical API', () => {
    const catalog = new DialectCatalog([dialect('outer', '/v/'), dialect('inner', '/v-inner/'), dialect('plain', null, { renderError: undefined })]);
    expect(catalog.credentialReaderOf('/v-inner/x')?.name).toBe('inner');
    expect(catalog.credentialReaderOf('/v/x')?.name).toBe('outer');
    expect(catalog.credentialReaderOf('/api/x')).toBeUndefined();
  });

  it('checks options against the dialect of the connection', () => {
    const catalog = new DialectCatalog([dialect('acme', '/acme/')]);
    expect(catalog.checkOptions('acme', { region: 'eu' })).toEqual([]);
    expect(catalog.checkOptions('acme', { region: 'mars' })).toEqual([{ field: 'settings.options.region', message: 'region must be one of eu' }]);
  });

  it("reads each route's own body limit from its setting, with units, or takes its default", () => {
    const defaults = new DialectCatalog(installed(), {});
    const refresh = defaults.routeBodyLimits().find((l) => l.url === '/kibo/api/v5/inventory/refresh');
    expect(refresh).toEqual({ method: 'POST', url: '/kibo/api/v5/inventory/refresh', bodyLimit: 32 * 1024 * 1024 });
    expect(defaults.routeBodyLimits().find((l) => l.url === '/retailops/inventory_push_v1')?.bodyLimit).toBe(64 * 1024 * 1024);
    const set = new DialectCatalog(installed(), { KIBO_REFRESH_BODY_LIMIT: '4mb', RETAILOPS_PUSH_BODY_LIMIT: '2mb' });
    expect(
      set
        .routeBodyLimits()
        .filter((l) => l.bodyLimit === 4 * 1024 * 1024)
        .map((l) => l.url),
    ).toEqual(['/kibo/api/v5/inventory/refresh', '/kibo/inv/api/v5/inventory/refresh']);
    expect(set.routeBodyLimits().filter((l) => l.bodyLimit === 2 * 1024 * 1024)).toHaveLength(2);
  });

  it('refuses at start a body limit setting that is not a size in range, naming every variable', () => {
    const start = () => new DialectCatalog(installed(), { KIBO_REFRESH_BODY_LIMIT: 'huge', RETAILOPS_PUSH_BODY_LIMIT: '1gb' });
    expect(start).toThrow(/KIBO_REFRESH_BODY_LIMIT must be a size from 1024 to \d+ bytes .*got "huge"/);
    expect(start).toThrow(/RETAILOPS_PUSH_BODY_LIMIT must be a size .*got "1gb"/);
    expect(() => start()).not.toThrow(/got "huge".*got "huge"/);
  });

  it('lists the routes taking other media types than JSON, matched on their path template', () => {
    const catalog = new DialectCatalog([
      dialect('acme', '/acme/', {
        routes: [{ method: 'POST', path: '/acme/{id}/token', summary: 'x', contentTypes: ['application/x-www-form-urlencoded'] }],
        connectGuide: ({ baseUrl }) => ({ steps: ['x'], endpoints: [{ label: 'token', url: `${baseUrl}/acme/{id}/token` }] }),
      }),
    ]);
    const [route] = catalog.routeMediaTypes();
    expect(route.mediaTypes).toEqual(['application/x-www-form-urlencoded']);
    expect(route.pattern.test('/acme/42/token')).toBe(true);
    expect(route.pattern.test('/acme/42/other/token')).toBe(false);
    expect(serverPath('/acme/{id}/token')).toBe('/acme/:id/token');
  });
});
