import {
  ApplicationError,
  ApplicationErrorCodes,
  itemReferenceOf,
  type CanonicalLine,
  type ExternalItemId,
  type ItemReference,
  type LookupKind,
  type UseCaseErrorCode,
} from '@tally/inventory-application';
import type { StockPatch, StockWrite } from '@tally/inventory-domain';
import { definedOnly } from '../http/common/defined-only.util';
import type { AdjustFieldsDto, CompareAndSetFieldsDto, ItemRefDto, LineTargetDto, LocationRefDto, SetFieldsDto } from './stock-line.dto';
import type { WriteOp } from './stock-write-request.dto';

/** A line whose identifiers or content cannot make a write; the rest of its batch goes on. */
export class LineInputError extends Error {
  constructor(
    readonly code: UseCaseErrorCode,
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'LineInputError';
  }
}

const INVALID = ApplicationErrorCodes.validation;
const ITEM_KEYS = ['itemId', 'sku', 'gtin', 'partNumber', 'externalId'] as const;
const SET_KEYS = [
  'onHand',
  'availableReported',
  'reserved',
  'backorder',
  'safetyStock',
  'floor',
  'outOfStockThreshold',
  'lowStockThreshold',
  'infinite',
  'restriction',
  'backorderPolicy',
  'leadTimeDays',
  'dispatchTimeDays',
  'price',
  'salePrice',
  'unitCost',
  'currency',
  'binId',
  'attributes',
] as const;

/**
 * Turns a validated line into a canonical line: the item by id or by its identifiers (a GTIN
 * in any form is normalized and its check digit verified), exactly one location key, one write.
 * @param prefix prepended to reported field names (`lines[3].`).
 * @throws LineInputError naming the field at fault.
 */
export function toCanonicalLine(op: WriteOp, dto: LineTargetDto, lineNo: number, prefix = ''): CanonicalLine {
  const { item, itemIdentifiers } = itemOf(dto.item, `${prefix}item`);
  return {
    lineNo,
    item,
    ...(itemIdentifiers ? { itemIdentifiers } : {}),
    location: locationOf(dto.location, `${prefix}location`),
    write: writeOf(op, dto, prefix),
    sourceTimestamp: dto.sourceTimestamp ?? null,
    ...(dto.item.name !== undefined ? { itemName: dto.item.name } : {}),
  };
}

/**
 * The item a line names: by Tally id alone, or by one or more identifiers (sku, gtin,
 * partNumber, externalId with connectionId) that must all name the same item; the first is
 * the line's main reference, the others travel as further identifiers (ADR 0029).
 */
function itemOf(ref: ItemRefDto, field: string): { item: ItemReference; itemIdentifiers?: CanonicalLine['itemIdentifiers'] } {
  const given = ITEM_KEYS.flatMap((kind) => {
    const value = ref[kind];
    return value === undefined ? [] : [{ kind, value }];
  });
  if (given.length === 0) throw new LineInputError(INVALID, `name the item by itemId, or by one or more of ${ITEM_KEYS.slice(1).join(', ')}`, field);
  if (ref.itemId !== undefined && given.length > 1)
    throw new LineInputError(INVALID, 'itemId names the item alone: give no other identifier with it', `${field}.itemId`);
  if ((ref.connectionId !== undefined) !== (ref.externalId !== undefined)) {
    throw new LineInputError(INVALID, 'connectionId goes with externalId, and only with it', `${field}.connectionId`);
  }
  if (ref.itemId !== undefined) return { item: { itemId: ref.itemId } };
  const refs = given.map(({ kind, value }) => {
    try {
      return itemReferenceOf(kind as LookupKind, value, ref.connectionId);
    } catch (error) {
      if (error instanceof ApplicationError) throw new LineInputError(error.code, error.message, `${field}.${kind}`);
      throw error;
    }
  });
  if (refs.length === 1) return { item: refs[0] };
  const extra: { sku?: string; gtin?: string; partNumber?: string; external?: ExternalItemId[] } = {};
  for (const r of refs.slice(1)) {
    if ('sku' in r) extra.sku = r.sku;
    else if ('gtin' in r) extra.gtin = r.gtin;
    else if ('partNumber' in r) extra.partNumber = r.partNumber;
    else if ('external' in r) extra.external = [r.external];
  }
  return { item: refs[0], itemIdentifiers: extra };
}

function locationOf(ref: LocationRefDto, field: string): CanonicalLine['location'] {
  const { code, locationId } = ref;
  if (code !== undefined && locationId === undefined) return { code };
  if (locationId !== undefined && code === undefined) return { locationId };
  throw new LineInputError(INVALID, 'name the location by exactly one of code, locationId', field);
}

function writeOf(op: WriteOp, dto: LineTargetDto, prefix: string): StockWrite {
  switch (op) {
    case 'set':
      return { kind: 'set', patch: patchOf(dto as SetFieldsDto, prefix) };
    case 'adjust': {
      const adjust = dto as AdjustFieldsDto;
      return { kind: 'adjust', delta: adjust.delta, figure: adjust.figure ?? 'on_hand', allowNegative: adjust.allowNegative ?? false };
    }
    case 'compare_and_set': {
      const cas = dto as CompareAndSetFieldsDto;
      return { kind: 'compare_and_set', figure: cas.figure ?? 'on_hand', expected: cas.expected, value: cas.value };
    }
    case 'remove':
      return { kind: 'remove' };
  }
}

function patchOf(dto: SetFieldsDto, prefix: string): StockPatch {
  const picked: Record<string, unknown> = definedOnly(Object.fromEntries(SET_KEYS.map((key) => [key, dto[key]])));
  if (dto.incoming !== undefined) {
    picked['incoming'] = dto.incoming.map((i) => ({ quantity: i.quantity, expectedAt: i.expectedAt ?? null, reference: i.reference ?? null }));
  }
  if (Object.keys(picked).length === 0) {
    throw new LineInputError(INVALID, 'a set names at least one figure or detail', prefix ? prefix.slice(0, -1) : 'body');
  }
  return picked as StockPatch;
}
