import { FakeVendorServer, type FakeVendorReply, type FakeVendorRequest, type FakeVendorRoute } from '@tally/testing';
import type { OutboundContext, OutboundItem, OutboundTarget } from '@tally/vendor-kit';

/** An element's `{status_code, message}`, or undefined for the documented default. */
export type FakeElement = (update: Record<string, unknown>, index: number) => { status_code: number; message: string } | undefined;

export const USERNAME = 'crux-user';
export const PASSWORD = 'pw-s3cret';

/**
 * Crux TIMP's login, single and bulk updates over real HTTP, under a `/crux` prefix as Tally
 * mounts them. Tokens `ctok-1`, `ctok-2`, … come with `loginBody` (two hours); identifiers in `unknown` are
 * answered 404 as Crux does; `element` may answer any element otherwise.
 */
export class FakeCrux extends FakeVendorServer {
  readonly unknown = new Set<string>();
  loginBody: (token: string) => Record<string, unknown> = (token) => ({ auth_token: token, expires_in: 7200 });
  element?: FakeElement;
  onLogin?: FakeVendorRoute;
  onUpdate?: FakeVendorRoute;
  onBulk?: FakeVendorRoute;

  constructor() {
    super('/crux', 'ctok-');
  }

  /** The requests to one path. */
  calls(path: string): FakeVendorRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  protected route(seen: FakeVendorRequest, parsed: unknown): FakeVendorReply {
    if (seen.method !== 'POST') return { status: 405, body: { status_code: 405, message: 'Method not allowed' } };
    if (seen.path === '/timp/organizations/user-login/') return this.onLogin?.(seen, parsed) ?? this.login(parsed);
    if (seen.path === '/timp/products/skus/inventory/') return this.onUpdate?.(seen, parsed) ?? this.update(seen, parsed);
    if (seen.path === '/timp/products/skus/inventory/bulk/') return this.onBulk?.(seen, parsed) ?? this.bulk(seen, parsed);
    return { status: 404, body: { status_code: 404, message: 'Not found' } };
  }

  private login(parsed: unknown): FakeVendorReply {
    const body = parsed as { username?: unknown; password?: unknown } | undefined;
    if (body?.username !== USERNAME || body?.password !== PASSWORD)
      return { status: 401, body: { status_code: 401, message: 'Unable to log in with provided credentials' } };
    return { status: 200, body: this.loginBody(this.issueToken()) };
  }

  private update(seen: FakeVendorRequest, parsed: unknown): FakeVendorReply {
    if (!this.authorized(seen, 'Token')) return { status: 401, body: { status_code: 401, message: 'Invalid token.' } };
    const result = this.resultOf(parsed as Record<string, unknown>, 0);
    return result.status_code === 200 ? { status: 200, body: { message: 'success' } } : { status: result.status_code, body: result };
  }

  private bulk(seen: FakeVendorRequest, parsed: unknown): FakeVendorReply {
    if (!this.authorized(seen, 'Token')) return { status: 401, body: { status_code: 401, message: 'Invalid token.' } };
    if (!Array.isArray(parsed) || parsed.length === 0 || parsed.length > 1000)
      return { status: 400, body: { status_code: 400, message: 'the array must hold 1 to 1000 sku updates' } };
    return { status: 200, body: parsed.map((u: Record<string, unknown>, n) => this.resultOf(u, n)) };
  }

  private resultOf(update: Record<string, unknown>, index: number): { status_code: number; message: string } {
    const override = this.element?.(update, index);
    if (override) return override;
    const [name, value] = Object.entries(update).find(([key]) => key !== 'quantity_in_stock') ?? ['?', '?'];
    if (this.unknown.has(String(value))) return { status_code: 404, message: `No sku found with sku identifier ${name} ${String(value)}` };
    return { status_code: 200, message: 'success' };
  }
}

/** A channel target at the fake. */
export function cruxTarget(baseUrl: string, settings: Record<string, unknown> = {}, credentials = { username: USERNAME, password: PASSWORD }): OutboundTarget {
  return { channelId: 'ch-crux', baseUrl, settings, credentials };
}

/** A context with a fresh cache and a clock the test moves. */
export function cruxContext(overrides: Partial<OutboundContext> = {}): OutboundContext & { clock: { at: number } } {
  const clock = { at: Date.parse('2026-01-01T00:00:00Z') };
  return { fetch, now: () => clock.at, cache: new Map(), clock, ...overrides };
}

/** An item named by `identifier`, with `quantity` units (null: unlimited). */
export function item(identifier: string, quantity: number | null, itemId = `item-${identifier}`): OutboundItem {
  return { itemId, identifier, identifiers: [{ kind: 'sku', value: identifier, connectionId: null }], quantity, name: null };
}
