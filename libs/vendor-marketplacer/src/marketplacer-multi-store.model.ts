import type { ConnectionView } from '@tally/inventory-application';
import { err, ok, type Result } from '@tally/inventory-domain';
import { forbiddenProblem, type MarketplacerProblem } from './marketplacer-error.model';

/** One seller of a multi-store: a Tally location of kind `seller`. */
export interface Seller {
  readonly sellerId: number;
  readonly sellerName: string;
  readonly connectionId: string;
}

/** The caller's multi-store as its connection settings describe it (ADR 0010). */
export interface MultiStore {
  /** The owner's connection: its external ids name the variants, it reports every write. */
  readonly parentConnectionId: string;
  readonly caller: Seller;
  readonly callerIsParent: boolean;
  /** Parent first, then members by seller id. */
  readonly sellers: readonly Seller[];
}

/** `settings.options` keys of a Marketplacer connection. */
export const SELLER_OPTIONS = { sellerId: 'sellerId', sellerName: 'sellerName', parentConnectionId: 'parentConnectionId' } as const;

/** Location code of a seller: seller ids are Marketplacer-wide, so one code per seller. */
export const sellerLocationCode = (sellerId: number): string => `marketplacer-seller-${sellerId}`;

/** The seller a connection is configured as, or null when its options do not say. */
export function sellerOf(connection: ConnectionView): Seller | null {
  const options = connection.settings.options ?? {};
  const raw = options[SELLER_OPTIONS.sellerId];
  const sellerId = typeof raw === 'string' && /^[1-9]\d{0,14}$/.test(raw) ? Number(raw) : raw;
  if (typeof sellerId !== 'number' || !Number.isSafeInteger(sellerId) || sellerId < 1) return null;
  const name = options[SELLER_OPTIONS.sellerName];
  return { sellerId, sellerName: typeof name === 'string' && name ? name : connection.name, connectionId: connection.id };
}

function parentIdOf(connection: ConnectionView): string | null {
  const value = connection.settings.options?.[SELLER_OPTIONS.parentConnectionId];
  return typeof value === 'string' && value ? value : null;
}

/**
 * Resolves the caller's multi-store from the tenant's connections: a Marketplacer connection
 * without `parentConnectionId` owns one; members name their parent's connection id. Only
 * active connections with a seller id count. A misconfigured caller is refused with 403.
 */
export function resolveMultiStore(caller: ConnectionView, connections: readonly ConnectionView[]): Result<MultiStore, MarketplacerProblem> {
  const callerSeller = sellerOf(caller);
  if (!callerSeller) {
    return err(forbiddenProblem(`this API key's connection has no seller: set settings.options.${SELLER_OPTIONS.sellerId}`));
  }
  const usable = connections.filter((c) => c.dialect === 'marketplacer' && c.status === 'active' && sellerOf(c));
  const parentId = parentIdOf(caller) ?? caller.id;
  const parent = usable.find((c) => c.id === parentId && parentIdOf(c) === null);
  if (!parent) return err(forbiddenProblem('this seller is not a member of an active multi-store'));
  const members = usable
    .filter((c) => parentIdOf(c) === parent.id)
    .map((c) => sellerOf(c) as Seller)
    .sort((a, b) => a.sellerId - b.sellerId);
  const sellers: Seller[] = [];
  for (const seller of [sellerOf(parent) as Seller, ...members]) {
    // Two connections configured as one seller: the parent, then the oldest id order, wins.
    if (!sellers.some((s) => s.sellerId === seller.sellerId)) sellers.push(seller);
  }
  return ok({ parentConnectionId: parent.id, caller: callerSeller, callerIsParent: parent.id === caller.id, sellers });
}
