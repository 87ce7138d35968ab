import { DomainErrorCodes, err, ok, type Err, type Result } from '@tally/inventory-domain';
import type { ConnectionSeen, VendorAnswer } from '@tally/vendor-kit';
import {
  ApplicationError,
  ApplicationErrorCodes,
  StockBatchWriter,
  CatalogQueries,
  ManageConnections,
  ReadInventory,
  type CanonicalLine,
  type Connection,
  type ConnectionView,
} from '@tally/inventory-application';
import { documentAnswer, errorAnswer, noContentAnswer } from './marketplacer-answer.renderer';
import {
  MarketplacerErrorCodes,
  documentProblem,
  forbiddenProblem,
  notFoundProblem,
  type MarketplacerErrorCode,
  type MarketplacerProblem,
} from './marketplacer-error.model';
import { inventoryResourceOf, lineOfInventory, removalLine, type InventoryResource } from './marketplacer-inventory.mapper';
import { parseInventoryDocument, type InventoryInput } from './marketplacer-inventory.parser';
import { resolveMultiStore, sellerLocationCode, type MultiStore } from './marketplacer-multi-store.model';
import { MarketplacerRateLimiter } from './marketplacer-rate.limiter';
import { apiKeyOf, pageOf, parsePageParams, pathId, splitApiKey, type PageParams } from './marketplacer-request.parser';

/** What the handler needs of an HTTP request. */
export interface MarketplacerRequest {
  /** The path without query string, for pagination links. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly params: Readonly<Record<string, string | undefined>>;
  readonly query: Readonly<Record<string, unknown>>;
  readonly body?: unknown;
  /** Told the connection the request authenticated as. */
  readonly seen?: ConnectionSeen;
}

/** An authenticated caller: its connection and its multi-store. */
interface Caller {
  readonly connection: ConnectionView;
  readonly store: MultiStore;
}

type Outcome<T> = Result<T, VendorAnswer>;

/**
 * The Marketplacer Seller API's variant inventories and multi-store memberships: checks the
 * API key and the rate limit, parses, applies through a {@link StockBatchWriter} and renders
 * JSON:API answers. Expected failures are answered here; anything else is thrown to the
 * app's error filter, which renders it in this dialect's shape too.
 */
export class MarketplacerInventoriesHandler {
  constructor(
    private readonly connections: ManageConnections,
    private readonly catalog: CatalogQueries,
    private readonly inventory: ReadInventory,
    private readonly batches: StockBatchWriter,
    private readonly limiter: MarketplacerRateLimiter = new MarketplacerRateLimiter(),
  ) {}

  /** `GET /api/v2/client/variants/:variantId/inventories` */
  async listInventories(request: MarketplacerRequest): Promise<VendorAnswer> {
    const caller = await this.authenticate(request);
    if (!caller.ok) return caller.error;
    const page = parsePageParams(request.query);
    if (!page.ok) return errorAnswer(page.error);
    const item = await this.variantItem(caller.value, request.params['variantId']);
    if (!item.ok) return item.error;
    const records = await this.records(caller.value, item.value);
    return this.pageAnswer(request.path, records, page.value);
  }

  /** `PUT /api/v2/client/variants/:variantId/inventories` */
  async putInventories(request: MarketplacerRequest): Promise<VendorAnswer> {
    const caller = await this.authenticate(request);
    if (!caller.ok) return caller.error;
    const parsed = parseInventoryDocument(request.body);
    if (!parsed.ok) return errorAnswer(parsed.error);
    const targets = targetsOf(caller.value.store, parsed.value);
    if (!targets.ok) return targets.error;
    const item = await this.variantItem(caller.value, request.params['variantId']);
    if (!item.ok) return item.error;
    const variantId = Number(request.params['variantId']);
    const lines = targets.value.map(({ input, sellerId }, i) => lineOfInventory(input, sellerId, variantId, caller.value.store.parentConnectionId, i + 1));
    const applied = await this.apply(caller.value, variantId, lines);
    if (!applied.ok) return applied.error;
    const data = await this.records(caller.value, item.value);
    // Kept but not applied: 202, and `meta.not_applied` says which inventories and why.
    if (applied.value.length > 0) return documentAnswer(202, { data, meta: { not_applied: applied.value } });
    return documentAnswer(200, { data });
  }

  /** `DELETE /api/v2/client/variants/:variantId/inventories/:inventoryId` (the id is the seller id). */
  async deleteInventory(request: MarketplacerRequest): Promise<VendorAnswer> {
    const caller = await this.authenticate(request);
    if (!caller.ok) return caller.error;
    const { store } = caller.value;
    const sellerId = pathId(request.params['inventoryId']);
    if (sellerId !== null && !store.callerIsParent && sellerId !== store.caller.sellerId) {
      return errorAnswer([forbiddenProblem(`a member may delete only its own inventory (${store.caller.sellerId})`)]);
    }
    const item = await this.variantItem(caller.value, request.params['variantId']);
    if (!item.ok) return item.error;
    const records = await this.records(caller.value, item.value);
    if (sellerId === null || !records.some((r) => r.id === sellerId)) {
      return errorAnswer([notFoundProblem(`variant ${request.params['variantId']} has no inventory ${request.params['inventoryId']}`)]);
    }
    const applied = await this.apply(caller.value, Number(request.params['variantId']), [
      removalLine(sellerId, Number(request.params['variantId']), store.parentConnectionId),
    ]);
    if (!applied.ok) return applied.error;
    if (applied.value.length > 0) return documentAnswer(202, { meta: { not_applied: applied.value } });
    return noContentAnswer();
  }

  /** `GET /api/v2/client/multi_store_memberships`: the sellers of the caller's multi-store. */
  async listMemberships(request: MarketplacerRequest): Promise<VendorAnswer> {
    const caller = await this.authenticate(request);
    if (!caller.ok) return caller.error;
    const page = parsePageParams(request.query);
    if (!page.ok) return errorAnswer(page.error);
    const memberships = caller.value.store.sellers.map((s) => ({
      id: s.sellerId,
      type: 'multi_store_memberships',
      attributes: { seller_id: s.sellerId, seller_name: s.sellerName },
    }));
    return this.pageAnswer(request.path, memberships, page.value);
  }

  private async authenticate(request: MarketplacerRequest): Promise<Outcome<Caller>> {
    const key = apiKeyOf(request.headers);
    if (!key) return unauthenticated('send the API key as "Authorization: Bearer <key>" or in the MARKETPLACER-API-KEY header');
    const decision = await this.limiter.take(key);
    if (!decision.allowed) {
      const problem: MarketplacerProblem = {
        status: 429,
        code: MarketplacerErrorCodes.rateLimited,
        title: 'Too many requests',
        detail: 'more than 50 requests in one second with this API key; retry after the Retry-After seconds',
      };
      return err(errorAnswer([problem], { 'retry-after': String(decision.retryAfterSeconds) }));
    }
    const parts = splitApiKey(key);
    const connection = parts ? await this.connections.authenticate('marketplacer', parts.credentialId, parts.secret) : null;
    if (!connection) return unauthenticated('the API key is unknown or revoked');
    request.seen?.(connection);
    const resolved = resolveMultiStore(connection, await this.connections.list(connection.tenantId));
    if (!resolved.ok) return err(errorAnswer([resolved.error]));
    return ok({ connection, store: resolved.value });
  }

  /** The item of a variant: named by the multi-store owner's external ids, shared by its members. */
  private async variantItem(caller: Caller, rawId: string | undefined): Promise<Outcome<string>> {
    const variantId = pathId(rawId);
    const missing = err(errorAnswer([notFoundProblem(`no variant ${String(rawId).slice(0, 40)}`)]));
    if (variantId === null) return missing;
    try {
      const item = await this.catalog.lookupItem(caller.connection.tenantId, 'externalId', String(variantId), caller.store.parentConnectionId);
      return ok(item.id);
    } catch (error) {
      if (error instanceof ApplicationError && error.code === ApplicationErrorCodes.notFound) return missing;
      throw error;
    }
  }

  /** Every record of the variant held by a seller of the caller's multi-store, by seller id. */
  private async records(caller: Caller, itemId: string): Promise<InventoryResource[]> {
    const { tenantId } = caller.connection;
    const { sellers } = caller.store;
    // The sellers' locations in one read, not one per level: a multi-store may have hundreds.
    const [detail, locations] = await Promise.all([
      this.inventory.itemDetail(tenantId, itemId),
      this.catalog.findLocationsByCodes(
        tenantId,
        sellers.map((s) => sellerLocationCode(s.sellerId)),
      ),
    ]);
    const sellerAt = new Map<string, number>();
    locations.forEach((location, index) => location && sellerAt.set(location.id, sellers[index].sellerId));
    const out: InventoryResource[] = [];
    for (const level of detail.levels) {
      const sellerId = level.present ? sellerAt.get(level.locationId) : undefined;
      if (sellerId !== undefined) out.push(inventoryResourceOf(sellerId, level));
    }
    return out.sort((a, b) => a.id - b.id);
  }

  /**
   * Applies the lines as the owner's connection: the multi-store is one source, so every
   * seller location keeps one source under the `single-source` policy. The ledger's actor
   * names the connection that called.
   */
  private async apply(caller: Caller, variantId: number, lines: CanonicalLine[]): Promise<Outcome<NotApplied[]>> {
    const parent = await this.connections.get(caller.connection.tenantId, caller.store.parentConnectionId);
    // The batch use case reads the connection's id, status and settings, never its secret hash.
    const connection: Connection = { ...parent, secretHash: '' };
    const execution = await this.batches.execute({
      tenantId: caller.connection.tenantId,
      connection,
      actor: `marketplacer:${caller.connection.id}`,
      reference: `marketplacer:variant:${variantId}`,
      lines,
      unknownItemPolicy: 'reject',
      createLocationsAs: 'seller',
    });
    if (execution.kind !== 'executed') return ok([]);
    const problems = execution.report.lines
      .filter((l) => l.status === 'rejected' || l.status === 'conflict')
      .map((l) => ({
        status: l.status === 'conflict' ? 409 : 422,
        code: l.error?.code ?? MarketplacerErrorCodes.invalidDocument,
        title: l.status === 'conflict' ? 'Conflict' : 'Unprocessable entity',
        detail: l.error?.message ?? `inventory ${l.lineNo} was not applied`,
        source: { pointer: `/data/${l.lineNo - 1}` },
      }));
    if (problems.length) return err(errorAnswer(problems));
    const notApplied = execution.report.lines
      .filter((l) => l.status === 'observed')
      .map((l) => ({
        pointer: `/data/${l.lineNo - 1}`,
        code: l.warnings[0]?.code ?? DomainErrorCodes.observedNotApplied,
        detail: l.warnings[0]?.message ?? 'not applied',
      }));
    return ok(notApplied);
  }

  private pageAnswer(path: string, all: readonly unknown[], page: PageParams): VendorAnswer {
    const { items, hasNext } = pageOf(all, page);
    const next = `${path}?page[number]=${page.number + 1}&page[size]=${page.size}`;
    return documentAnswer(200, { data: items, ...(hasNext ? { links: { next } } : {}) });
  }
}

/** An inventory of the request that was kept as an observation but not applied. */
interface NotApplied {
  readonly pointer: string;
  readonly code: MarketplacerErrorCode;
  readonly detail: string;
}

/**
 * The seller each input writes. The owner names a seller of its multi-store in every
 * element; a member writes its own record from the last element, and naming another seller
 * anywhere is refused with 403.
 */
function targetsOf(store: MultiStore, inputs: readonly InventoryInput[]): Outcome<{ input: InventoryInput; sellerId: number }[]> {
  const problems: MarketplacerProblem[] = [];
  if (!store.callerIsParent) {
    const own = store.caller.sellerId;
    for (const input of inputs) {
      if (input.sellerId !== null && input.sellerId !== own) {
        problems.push(forbiddenProblem(`a member may write only its own inventory (seller ${own})`, { pointer: `/data/${input.index}/attributes/seller_id` }));
      } else if (input.recordId !== null && input.recordId !== own) {
        problems.push(forbiddenProblem(`a member may write only its own inventory (${own})`, { pointer: `/data/${input.index}/id` }));
      }
    }
    const last = inputs[inputs.length - 1];
    return problems.length ? err(errorAnswer(problems)) : ok([{ input: last, sellerId: own }]);
  }
  const sellers = new Set(store.sellers.map((s) => s.sellerId));
  const out: { input: InventoryInput; sellerId: number }[] = [];
  for (const input of inputs) {
    const at = `/data/${input.index}`;
    if (input.sellerId === null)
      problems.push(documentProblem(`${at}/attributes/seller_id`, 'the multi-store owner must name the seller_id of each inventory'));
    else if (!sellers.has(input.sellerId))
      problems.push(documentProblem(`${at}/attributes/seller_id`, `seller ${input.sellerId} is not a member of this multi-store`));
    else if (input.recordId !== null && input.recordId !== input.sellerId)
      problems.push(documentProblem(`${at}/id`, `id ${input.recordId} is not the inventory of seller ${input.sellerId}`));
    else out.push({ input, sellerId: input.sellerId });
  }
  return problems.length ? err(errorAnswer(problems)) : ok(out);
}

function unauthenticated(detail: string): Err<VendorAnswer> {
  const problem: MarketplacerProblem = {
    status: 401,
    code: MarketplacerErrorCodes.unauthenticated,
    title: 'Unauthorized',
    detail,
    source: { header: 'Authorization' },
  };
  return err(errorAnswer([problem]));
}
