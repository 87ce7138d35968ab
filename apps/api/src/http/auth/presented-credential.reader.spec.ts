import type { FastifyRequest } from 'fastify';
import { DialectCatalog } from '../../dialects/dialect.catalog';
import { INSTALLED_DIALECTS } from '../../dialects/installed-dialects.list';
import { apiKeyCredential, PresentedCredentialReader } from './presented-credential.reader';

const KEY = 'tly_AbCdEfGhIjKl_0123456789abcdefghijklmnopqrstuv';
const SESSION = 'S'.repeat(43);

/** The parts of a request the reader looks at. */
const request = (url: string, parts: { headers?: Record<string, string>; body?: unknown; protocol?: 'http' | 'https'; method?: string } = {}) =>
  ({
    url,
    method: parts.method ?? 'POST',
    headers: parts.headers ?? {},
    query: {},
    body: parts.body,
    protocol: parts.protocol ?? 'http',
  }) as unknown as FastifyRequest;

describe('PresentedCredentialReader', () => {
  const reader = new PresentedCredentialReader(new DialectCatalog(INSTALLED_DIALECTS.map((d) => d.descriptor)));
  const guarded = { isPublic: false };

  it('counts an API key by its public prefix: guesses of one key are one credential, and the log shows the prefix only', () => {
    const presented = reader.read(request('/api/v1/items', { headers: { authorization: `Bearer ${KEY}` } }), guarded);
    expect(presented).toEqual(apiKeyCredential(KEY));
    expect(presented?.label).toBe('API key tly_AbCdEfGhIjKl');
    expect(reader.read(request('/api/v1/items', { headers: { authorization: `Bearer ${KEY.slice(0, 17)}${'x'.repeat(32)}` } }), guarded)?.key).toBe(
      presented?.key,
    );
    expect(JSON.stringify(presented)).not.toContain(KEY.slice(16));
  });

  it('counts a key Tally did not generate whole, and shows it as a per-process digest only', () => {
    const chosen = 'tly_test_chosen-by-the-operator-0123456789';
    const read = (key: string) => reader.read(request('/api/v1/items', { headers: { authorization: `Bearer ${key}` } }), guarded);
    expect(read(chosen)?.label).toMatch(/^API key \(not generated\) #[A-Za-z0-9_-]{8}$/);
    expect(read(chosen)).toEqual(read(chosen));
    // No part of a supplied key is public: one sharing its first characters is another credential.
    expect(read(`${chosen.slice(0, 16)}-another-key-entirely-000`)?.key).not.toBe(read(chosen)?.key);
    expect(JSON.stringify(read(chosen))).not.toContain(chosen.slice(0, 16));
  });

  it('reads the session cookie of the request scheme when there is no Authorization header, as a token never shown', () => {
    const plain = reader.read(request('/api/v1/items', { headers: { cookie: `tally_session=${SESSION}` } }), guarded);
    expect(plain?.label).toMatch(/^console token #/);
    expect(plain?.label).not.toContain(SESSION);
    expect(reader.read(request('/api/v1/items', { headers: { cookie: `tally_session=${SESSION}` }, protocol: 'https' }), guarded)).toBeNull();
    expect(reader.read(request('/api/v1/items', { headers: { cookie: `__Host-tally_session=${SESSION}` }, protocol: 'https' }), guarded)?.key).toBe(plain?.key);
  });

  it('reads the console sign-in key from its body, and nothing on other public routes', () => {
    expect(reader.read(request('/api/v1/session', { body: { apiKey: ` ${KEY} ` } }), { isPublic: true, apiKeyField: 'apiKey' })).toEqual(apiKeyCredential(KEY));
    expect(reader.read(request('/health', { method: 'GET', headers: { authorization: `Bearer ${KEY}` } }), { isPublic: true })).toBeNull();
  });

  it("asks the dialect of the path: a Crux login's user name, a Kibo bearer token", () => {
    const login = reader.read(request('/crux/timp/organizations/user-login/', { body: { username: 'con_AbCdEfGhIjKlMnOp', password: 'secret' } }), {
      isPublic: true,
    });
    expect(login?.label).toBe('crux credential con_AbCdEfGhIjKlMnOp');
    const token = reader.read(request('/kibo/api/v5/inventory/refresh?x=1', { headers: { authorization: 'Bearer abcdefghijklmnopqrstuvwxyz' } }), {
      isPublic: true,
    });
    expect(token?.label).toMatch(/^kibo token #/);
    expect(token?.key).not.toBe(login?.key);
  });

  it('remembers what it read per request, for the status of the answer', () => {
    const read = request('/api/v1/items', { headers: { authorization: `Bearer ${KEY}` } });
    reader.read(read, guarded);
    expect(reader.recall(read)).toEqual(apiKeyCredential(KEY));
    expect(reader.recall(request('/api/v1/items'))).toBeNull();
  });
});
