import type { ConnectionSeen, VendorAnswer } from '@tally/vendor-kit';
import {
  ApplicationError,
  ApplicationErrorCodes,
  type StockBatchWriter,
  type CatalogQueries,
  type Connection,
  type ItemDetail,
  type LevelView,
  type Location,
  type ManageConnections,
  type PlaceNumberRepository,
  type ReadInventory,
  type UseCaseErrorCode,
} from '@tally/inventory-application';
import { DomainErrorCodes } from '@tally/inventory-domain';
import { parseComestriAuthorization } from './comestri-auth.parser';
import { ComestriErrorCodes, renderComestriError, renderInvalid } from './comestri-error.renderer';
import { parseInventoryRequest } from './comestri-inventory.parser';
import { ATTRIBUTE_PREFIX, toCanonicalLine } from './comestri-inventory.mapper';
import { renderInventoryRecord } from './comestri-inventory.renderer';
import { parseRecordId } from './comestri-record-id';
import { allowsSource } from './comestri-connection.options';
import { parseListQuery } from './comestri-list-query.parser';

/** Header that says what a create did: `applied`, `unchanged`, `observed` or `stale` (README). */
export const UPDATE_STATUS_HEADER = 'x-tally-update-status';
/** Header that says why a create was `observed`, not applied. */
export const UPDATE_WARNING_HEADER = 'x-tally-update-warning';
/** Header with the cursor of the next page of a list. */
export const NEXT_CURSOR_HEADER = 'x-tally-next-cursor';

type Authenticated = { readonly connection: Connection; readonly email: string };

/** Locations and items already read while rendering one list page. */
type RenderCache = { readonly locations: Map<string, Promise<Location | null>>; readonly items: Map<string, Promise<ItemDetail>> };

/** What a level is rendered with, besides its record number. */
type LevelContext = { readonly location: Location; readonly productId: string | null; readonly productCode: string | null };

/**
 * The Comestri inventory routes: authenticates the `Token token=…,email=…` header, parses,
 * writes through a {@link StockBatchWriter} (group-committed in the app, ADR 0046) and renders
 * what Tally then holds.
 */
export class ComestriInventoryHandler {
  constructor(
    private readonly connections: ManageConnections,
    private readonly applyBatch: StockBatchWriter,
    private readonly inventory: ReadInventory,
    private readonly catalog: CatalogQueries,
    private readonly numbers: PlaceNumberRepository,
  ) {}

  /** `POST /comestri/api/v2/inventories`. */
  async create(authorization: string | undefined, body: unknown, seen?: ConnectionSeen): Promise<VendorAnswer> {
    const auth = await this.authenticate(authorization, seen);
    if (!auth) return unauthorized();
    const parsed = parseInventoryRequest(body);
    if (!parsed.ok) return renderInvalid(parsed.error);
    const input = parsed.value;
    if (!allowsSource(auth.connection, input.inventorySource)) return forbidden(input.inventorySource);
    // A code already used by a location of another kind (a warehouse set up through the canonical API) cannot be
    // answered as a Comestri record: refuse it before writing, rather than write and fail to render.
    const sourceId = await this.findSource(auth.connection.tenantId, input.inventorySource);
    const source = sourceId === null ? null : await orNull(this.catalog.getLocation(auth.connection.tenantId, sourceId));
    if (source && source.kind !== 'inventory_source') {
      const message = `${input.inventorySource} is a location of kind ${source.kind}, not an inventory source`;
      return renderComestriError(422, ComestriErrorCodes.invalid, message, [{ field: 'inventory[inventory_source]', message }]);
    }
    const execution = await this.applyBatch.execute({
      tenantId: auth.connection.tenantId,
      connection: auth.connection,
      actor: `comestri:${auth.email}`,
      reference: null,
      lines: [toCanonicalLine(input, auth.connection.id)],
      createLocationsAs: 'inventory_source',
    });
    if (execution.kind === 'replayed') return { status: execution.status, headers: {}, body: execution.body };
    const line = execution.report.lines[0];
    if (line.status === 'rejected' || line.status === 'conflict' || !line.itemId || !line.locationId) {
      const code = line.error?.code ?? ApplicationErrorCodes.validation;
      const message = line.error?.message ?? 'the record could not be stored';
      if (code === DomainErrorCodes.unknownItem) {
        const field = input.productId !== null ? 'inventory[product_id]' : 'inventory[product_code]';
        return renderComestriError(404, ComestriErrorCodes.unknownProduct, message, [{ field, message: 'no such product' }]);
      }
      return renderComestriError(422, code, message, [{ field: `inventory[${line.error?.field ?? 'qty'}]`, message }]);
    }
    if (line.status === 'observed') return this.observedAnswer(auth.connection, line.itemId, line.locationId, line.warnings);
    // With absent levels: a stale record at a place whose level was removed renders that place as held (absent: qty null).
    // A stale record of a connection the place does not follow may find no level at all: it then
    // renders what Tally holds of this connection there, its observation (a 500 here would claim a fault).
    const record =
      (await this.recordOf(auth.connection, line.itemId, line.locationId, true)) ??
      (line.status === 'stale' ? await this.observationRecord(auth.connection, line.itemId, line.locationId) : null);
    if (!record) throw new Error('a level just written could not be read back');
    // A stale record is not stored: 200 instead of 201, and the header says why.
    const status = line.status === 'stale' ? 200 : 201;
    return { status, headers: { [UPDATE_STATUS_HEADER]: line.status }, body: record };
  }

  /**
   * 202 for a record kept as this connection's observation but not applied (the inventory
   * source's level follows another connection): the body is the record as this connection
   * reported it, and the headers say it was not applied and why.
   */
  private async observedAnswer(
    connection: Connection,
    itemId: string,
    locationId: string,
    warnings: readonly { code: UseCaseErrorCode; message: string }[],
  ): Promise<VendorAnswer> {
    const record = await this.observationRecord(connection, itemId, locationId);
    if (!record) throw new Error('an observation just written could not be read back');
    const why = warnings[0]?.message ?? 'the level follows another source';
    return { status: 202, headers: { [UPDATE_STATUS_HEADER]: 'observed', [UPDATE_WARNING_HEADER]: why }, body: record };
  }

  /** The record as this connection last reported it at a place (its observation), or null when it has none there. */
  private async observationRecord(connection: Connection, itemId: string, locationId: string) {
    const detail = await this.inventory.itemDetail(connection.tenantId, itemId);
    const observation = detail.observations.find((o) => o.connectionId === connection.id && o.locationId === locationId);
    const location = await orNull(this.catalog.getLocation(connection.tenantId, locationId));
    if (!observation || !location) return null;
    const external = detail.externalIds.find((e) => e.connectionId === connection.id);
    const [recordId] = await this.numbers.numbersOf(connection.tenantId, [{ itemId, locationId }]);
    return renderInventoryRecord({ ...observation, version: 0 }, { recordId, location, productId: external?.externalId ?? null, productCode: detail.item.sku });
  }

  /** `GET /comestri/api/v2/inventories/:id`. */
  async get(authorization: string | undefined, id: string, seen?: ConnectionSeen): Promise<VendorAnswer> {
    const auth = await this.authenticate(authorization, seen);
    if (!auth) return unauthorized();
    const key = parseRecordId(id);
    const place = key?.kind === 'number' ? await this.numbers.placeOf(auth.connection.tenantId, key.recordNumber) : key;
    const record = place ? await this.recordOf(auth.connection, place.itemId, place.locationId) : null;
    if (!record || !allowsSource(auth.connection, record.inventory_source.name)) return notFound(`no inventory ${id}`);
    return { status: 200, headers: {}, body: record };
  }

  /** `GET /comestri/api/v2/inventories?inventory_source=&product_id=&product_code=&sku=`. */
  async list(authorization: string | undefined, query: Readonly<Record<string, unknown>>, seen?: ConnectionSeen): Promise<VendorAnswer> {
    const auth = await this.authenticate(authorization, seen);
    if (!auth) return unauthorized();
    const parsed = parseListQuery(query);
    if (!parsed.ok) return renderInvalid(parsed.error);
    const filter = parsed.value;
    if (filter.inventorySource !== null && !allowsSource(auth.connection, filter.inventorySource)) return forbidden(filter.inventorySource);
    const tenantId = auth.connection.tenantId;
    const itemId = await this.findItem(auth.connection, filter.productId, filter.productCode);
    const locationId = filter.inventorySource === null ? undefined : await this.findSource(tenantId, filter.inventorySource);
    if (itemId === null || locationId === null) return { status: 200, headers: {}, body: [] };
    const page = await this.inventory.listLevels(tenantId, { itemId, locationId }, { limit: filter.perPage, cursor: filter.cursor });
    const cache: RenderCache = { locations: new Map(), items: new Map() };
    const shown: { level: LevelView; context: LevelContext }[] = [];
    for (const level of page.items) {
      const context = await this.contextOf(auth.connection, level, cache);
      if (!context || !allowsSource(auth.connection, context.location.code)) continue;
      if (filter.sku !== null && (level.details.attributes[ATTRIBUTE_PREFIX + 'sku'] ?? null) !== filter.sku) continue;
      shown.push({ level, context });
    }
    // One call numbers the whole page; only records shown get a number.
    const recordIds = await this.numbers.numbersOf(
      tenantId,
      shown.map(({ level }) => level),
    );
    const records = shown.map(({ level, context }, i) => renderInventoryRecord(level, { ...context, recordId: recordIds[i] }));
    return { status: 200, headers: page.nextCursor ? { [NEXT_CURSOR_HEADER]: page.nextCursor } : {}, body: records };
  }

  private async authenticate(header: string | undefined, seen: ConnectionSeen | undefined): Promise<Authenticated | null> {
    const credentials = parseComestriAuthorization(header);
    if (!credentials) return null;
    const connection = await this.connections.authenticate('comestri', credentials.credentialId, credentials.secret);
    if (!connection) return null;
    seen?.(connection);
    return { connection, email: credentials.email };
  }

  /**
   * The record of a place, or null when there is none (absent unless `includeAbsent`, another
   * tenant's, not an inventory source). The place gets its record number here if it has none yet.
   */
  private async recordOf(connection: Connection, itemId: string, locationId: string, includeAbsent = false) {
    const page = await this.inventory.listLevels(connection.tenantId, { itemId, locationId, includeAbsent }, { limit: 1, cursor: null });
    const level = page.items[0];
    const context = level ? await this.contextOf(connection, level) : null;
    if (!level || !context) return null;
    const [recordId] = await this.numbers.numbersOf(connection.tenantId, [level]);
    return renderInventoryRecord(level, { ...context, recordId });
  }

  /** The inventory source and product of a level, or null when its location is not an inventory source. */
  private async contextOf(connection: Connection, level: LevelView, cache?: RenderCache): Promise<LevelContext | null> {
    const locations = cache?.locations ?? new Map<string, Promise<Location | null>>();
    const items = cache?.items ?? new Map<string, Promise<ItemDetail>>();
    if (!locations.has(level.locationId)) locations.set(level.locationId, orNull(this.catalog.getLocation(connection.tenantId, level.locationId)));
    const location = await locations.get(level.locationId);
    if (!location || location.kind !== 'inventory_source') return null;
    if (!items.has(level.itemId)) items.set(level.itemId, this.inventory.itemDetail(connection.tenantId, level.itemId));
    const detail = (await items.get(level.itemId)) as ItemDetail;
    const external = detail.externalIds.find((e) => e.connectionId === connection.id);
    return { location, productId: external?.externalId ?? null, productCode: detail.item.sku };
  }

  /** undefined: no item filter; null: the filter matches no item. */
  private async findItem(connection: Connection, productId: number | null, productCode: string | null): Promise<string | null | undefined> {
    if (productId === null && productCode === null) return undefined;
    const lookup =
      productId !== null
        ? this.catalog.lookupItem(connection.tenantId, 'externalId', String(productId), connection.id)
        : this.catalog.lookupItem(connection.tenantId, 'sku', productCode as string);
    return (await orNull(lookup))?.id ?? null;
  }

  private async findSource(tenantId: string, name: string): Promise<string | null> {
    let cursor: string | null = null;
    do {
      const page = await this.catalog.listLocations(tenantId, { limit: 200, cursor });
      const found = page.items.find((l) => l.code === name);
      if (found) return found.id;
      cursor = page.nextCursor;
    } while (cursor);
    return null;
  }
}

/** A not-found application error as null; anything else is rethrown. */
async function orNull<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof ApplicationError && error.code === ApplicationErrorCodes.notFound) return null;
    throw error;
  }
}

const unauthorized = (): VendorAnswer =>
  renderComestriError(401, ComestriErrorCodes.unauthenticated, 'send Authorization: Token token=<api token>,email=<user email> with a valid token');
const forbidden = (source: string): VendorAnswer =>
  renderComestriError(403, ComestriErrorCodes.forbiddenSource, `this connection may not use inventory source ${source}`, [
    { field: 'inventory[inventory_source]', message: 'is not allowed for this connection' },
  ]);
const notFound = (message: string): VendorAnswer => renderComestriError(404, ComestriErrorCodes.notFound, message);
