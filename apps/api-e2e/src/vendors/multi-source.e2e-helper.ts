import type { Target } from '../support/e2e-targets.state';
import type { Client } from '@tally/test-support';
import { CREATE, freshTenant, unique } from '../support/tenant.fixtures';
import { ledgerCount } from './kibo.e2e-helpers';

/** The code a report the level does not follow is answered with, in every dialect. */
export const OBSERVED = 'INVENTORY.OBSERVED_NOT_APPLIED';

/** A product as the dialects name it: a SKU, or (for Marketplacer) a variant of the tenant's Marketplacer owner. */
export interface Product {
  readonly sku: string;
  readonly variantId?: number;
}

/**
 * What a dialect answered for one product, read from its documented shape; anything else is
 * `unexpected: …` with the raw answer, so a wrong shape fails the test with what was sent back.
 */
export type Outcome = 'applied' | 'unchanged' | 'observed' | `unexpected: ${string}`;

/** One connection of one dialect, reporting on-hand figures at one location code. */
export interface Reporter {
  readonly dialect: string;
  readonly connectionId: string;
  readonly locationCode: string;
  /** False for the dialects that never create items (Crux, Marketplacer): their products must exist first. */
  readonly createsItems: boolean;
  /** Reports the on-hand quantity of each product, in one call where the dialect allows it. */
  report(figures: readonly (readonly [Product, number])[], extra?: ReportExtra): Promise<Outcome[]>;
}

/** Optional fields a dialect may carry with a report. */
export interface ReportExtra {
  /** The source time of the figures (canonical `sourceTimestamp`, Comestri `source_system_stock_timestamp`). */
  readonly sourceTimestamp?: string;
}

/** A tenant of its own, and (once a Marketplacer reporter exists) its Marketplacer owner connection. */
export class Scene {
  marketplacerOwnerId: string | null = null;

  private constructor(
    readonly target: Target,
    readonly admin: Client,
  ) {}

  static async of(target: Target): Promise<Scene> {
    return new Scene(target, (await freshTenant(target)).admin);
  }

  /** A product whose SKU no other test uses; with `variant`, a Marketplacer variant id too. */
  product(variantId?: number): Product {
    return variantId === undefined ? { sku: unique('SKU') } : { sku: unique('VARIANT'), variantId };
  }

  /** The canonical item reference of a product. */
  itemRef(product: Product): Record<string, string> {
    if (product.variantId === undefined) return { sku: product.sku };
    if (!this.marketplacerOwnerId) throw new Error('a variant needs the Marketplacer owner connection first');
    return { externalId: String(product.variantId), connectionId: this.marketplacerOwnerId };
  }

  /** Creates the item (no connection: a direct write at a catalogue location), for the dialects that never create items. */
  async catalogue(product: Product): Promise<string> {
    const answer = await this.admin('POST', '/api/v1/stock-levels/set', {
      json: { item: this.itemRef(product), location: { code: unique('catalogue') }, onHand: 0, ...CREATE },
    });
    if (answer.status !== 200) throw new Error(`catalogue write answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body.itemId;
  }

  /** Creates a location of the given kind with a direct write (no connection, so no source) of a product of its own. */
  async createLocation(code: string, kind: string): Promise<void> {
    const answer = await this.admin('POST', '/api/v1/stock-levels/set', {
      json: { item: { sku: unique('FILLER') }, location: { code }, onHand: 0, unknownItemPolicy: 'create', createLocationsAs: kind },
    });
    if (answer.status !== 200) throw new Error(`location creation answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }

  /** The item id of a product, or undefined. */
  async itemId(product: Product): Promise<string | undefined> {
    const ref = this.itemRef(product);
    const query = new URLSearchParams(ref).toString();
    const answer = await this.admin('GET', `/api/v1/items/lookup?${query}`);
    return answer.status === 200 ? answer.body.id : undefined;
  }

  /** The location with this code, or undefined. */
  async location(code: string): Promise<{ id: string; policy: string; sourceConnectionId: string | null } | undefined> {
    const answer = await this.admin('GET', '/api/v1/locations?limit=200');
    return answer.body.items.find((l: { code: string }) => l.code === code);
  }

  /** The present level's on hand of a product at a location code; undefined when there is no present level. */
  async onHand(product: Product, code: string): Promise<number | null | undefined> {
    const [itemId, location] = [await this.itemId(product), await this.location(code)];
    if (!itemId || !location) return undefined;
    const answer = await this.admin('GET', `/api/v1/stock-levels?itemId=${itemId}&locationId=${location.id}`);
    return answer.body.items[0]?.figures.onHand;
  }

  /** The open discrepancy of a product at a location code, as `connectionId → claimed quantity`; undefined when none is open. */
  async openClaims(product: Product, code: string): Promise<Record<string, number | null> | undefined> {
    const [itemId, location] = [await this.itemId(product), await this.location(code)];
    const open = (await this.admin('GET', '/api/v1/discrepancies?status=open&limit=200')).body.items as {
      itemId: string;
      locationId: string;
      claims: { connectionId: string; quantity: number | null }[];
    }[];
    const found = open.find((d) => d.itemId === itemId && d.locationId === location?.id);
    return found && Object.fromEntries(found.claims.map((c) => [c.connectionId, c.quantity]));
  }

  /** The tenant's ledger entries at a location code (of one product, when given), oldest first. */
  async ledgerAt(code: string, product?: Product): Promise<{ cause: string; connectionId: string | null; after: { figures: { onHand: number | null } } }[]> {
    const location = await this.location(code);
    if (!location) return [];
    const itemId = product ? await this.itemId(product) : undefined;
    if (product && !itemId) return [];
    const answer = await this.admin('GET', `/api/v1/ledger?locationId=${location.id}${itemId ? `&itemId=${itemId}` : ''}&limit=200`);
    return [...answer.body.items].reverse();
  }

  /** Every ledger entry of the tenant. */
  ledgerCount(): Promise<number> {
    return ledgerCount(this.admin);
  }

  /** Sets a location's policy; fails the test unless it answers 200. */
  async setPolicy(
    code: string,
    body: Record<string, unknown>,
  ): Promise<{ policy: string; switched: { locations: number; levelsChanged: number; levelsKept: number } }> {
    const location = await this.location(code);
    if (!location) throw new Error(`no location ${code}`);
    const answer = await this.admin('PUT', `/api/v1/locations/${location.id}/policy`, { json: body });
    if (answer.status !== 200) throw new Error(`policy answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** Revokes a connection; fails the test unless it answers 200. */
  async revoke(connectionId: string): Promise<void> {
    const answer = await this.admin('POST', `/api/v1/connections/${connectionId}/revoke`);
    if (answer.status !== 200) throw new Error(`revoke answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }

  /** `POST /api/v1/verify`: the levels the ledger does not explain (none when there is no drift). */
  async drift(): Promise<unknown> {
    const answer = await this.admin('POST', '/api/v1/verify');
    if (answer.status !== 200) throw new Error(`verify answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }
}
