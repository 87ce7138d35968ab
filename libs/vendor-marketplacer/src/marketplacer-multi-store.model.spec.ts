import type { ConnectionView } from '@tally/inventory-application';
import { resolveMultiStore, sellerLocationCode } from './marketplacer-multi-store.model';

const connection = (id: string, options: Record<string, unknown>, extra: Partial<ConnectionView> = {}): ConnectionView => ({
  id,
  tenantId: 't',
  dialect: 'marketplacer',
  name: `connection ${id}`,
  settings: { unknownItemPolicy: 'create', defaultLocationCode: null, priority: 0, options },
  credentialId: `con_${id}`,
  status: 'active',
  createdAt: '2026-01-01T00:00:00.000Z',
  rotatedAt: null,
  revokedAt: null,
  ...extra,
});

const owner = connection('p', { sellerId: 100, sellerName: 'Owner' });
const m1 = connection('m1', { sellerId: 1, parentConnectionId: 'p' });
const m2 = connection('m2', { sellerId: '2', sellerName: 'Two', parentConnectionId: 'p' });
const revoked = connection('m3', { sellerId: 3, parentConnectionId: 'p' }, { status: 'revoked' });
const foreign = connection('q', { sellerId: 1, parentConnectionId: 'p' }, { dialect: 'kibo' });
const all = [owner, m2, m1, revoked, foreign];

describe('resolveMultiStore', () => {
  it("gives the owner its members' sellers, owner first, active Marketplacer connections only", () => {
    const resolved = resolveMultiStore(owner, all);
    expect(resolved).toEqual({
      ok: true,
      value: {
        parentConnectionId: 'p',
        callerIsParent: true,
        caller: { sellerId: 100, sellerName: 'Owner', connectionId: 'p' },
        sellers: [
          { sellerId: 100, sellerName: 'Owner', connectionId: 'p' },
          { sellerId: 1, sellerName: 'connection m1', connectionId: 'm1' },
          { sellerId: 2, sellerName: 'Two', connectionId: 'm2' },
        ],
      },
    });
  });

  it("resolves a member to its parent's multi-store", () => {
    const resolved = resolveMultiStore(m1, all);
    expect(resolved.ok && resolved.value).toMatchObject({ parentConnectionId: 'p', callerIsParent: false, caller: { sellerId: 1 } });
  });

  it('refuses with 403 a connection without seller id, or whose parent is not an active owner', () => {
    for (const caller of [
      connection('x', {}),
      connection('y', { sellerId: 5, parentConnectionId: 'nope' }),
      connection('z', { sellerId: 5, parentConnectionId: 'm1' }),
    ]) {
      const resolved = resolveMultiStore(caller, [...all, caller]);
      expect(resolved.ok ? null : resolved.error.status).toBe(403);
    }
    const revokedOwner = connection('p', { sellerId: 100 }, { status: 'revoked' });
    expect(resolveMultiStore(m1, [revokedOwner, m1]).ok).toBe(false);
  });

  it('names seller locations by seller id', () => {
    expect(sellerLocationCode(42)).toBe('marketplacer-seller-42');
  });
});
