import type { EntitySchema } from '@mikro-orm/core';
import { ApiKeySchema, ConnectionSchema, TenantSchema } from './tenancy.record';
import { AccessTokenSchema } from './access-token.record';
import { ItemIdentifierSchema, ItemSchema, LocationSchema } from './catalog.record';
import { DiscrepancySchema, IdempotencySchema, LedgerEntrySchema, ObservationSchema, StockLevelSchema } from './inventory.record';

export * from './tenancy.record';
export * from './catalog.record';
export * from './inventory.record';
export * from './access-token.record';

/** Every record entity of Tally's schema, for the ORM configuration. */
export const RECORD_SCHEMAS: EntitySchema[] = [
  TenantSchema,
  ApiKeySchema,
  ConnectionSchema,
  ItemSchema,
  ItemIdentifierSchema,
  LocationSchema,
  StockLevelSchema,
  ObservationSchema,
  LedgerEntrySchema,
  DiscrepancySchema,
  IdempotencySchema,
  AccessTokenSchema,
];
