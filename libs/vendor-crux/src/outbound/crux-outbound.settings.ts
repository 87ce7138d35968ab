import type { OutboundSchema } from '@tally/vendor-kit';
import { CRUX_IDENTIFIERS, type CruxIdentifierName } from '../crux-inventory.model';

/** A Crux channel's settings, with defaults applied. */
export interface CruxOutboundSettings {
  /** The request field that carries the channel's identifier of an item. */
  readonly identifierField: CruxIdentifierName;
}

/** Settings of a Crux TIMP channel (not secret). */
export const CRUX_OUTBOUND_SETTINGS_SCHEMA: OutboundSchema = {
  type: 'object',
  properties: {
    identifierField: {
      type: 'string',
      enum: [...CRUX_IDENTIFIERS],
      default: 'sku_id',
      description: "The Crux identifier field that carries the item's identifier (sku_id, or a barcode: upca, ean13, gtin14, isbn).",
    },
    unlimitedQuantity: { type: 'integer', minimum: 0, description: 'quantity_in_stock sent for an unlimited item (Crux has no infinite flag); default 9999.' },
  },
  required: [],
  additionalProperties: false,
};

/** Credentials of a Crux TIMP channel: the user's login. */
export const CRUX_OUTBOUND_CREDENTIALS_SCHEMA: OutboundSchema = {
  type: 'object',
  properties: {
    username: { type: 'string', minLength: 1, maxLength: 512, description: 'The Crux user name the login call takes.' },
    password: { type: 'string', minLength: 1, maxLength: 512, description: "The Crux user's password." },
  },
  required: ['username', 'password'],
  additionalProperties: false,
};

/** Reads checked settings, applying the defaults the schema names. */
export function readCruxOutboundSettings(settings: Readonly<Record<string, unknown>>): CruxOutboundSettings {
  const field = settings['identifierField'];
  return { identifierField: CRUX_IDENTIFIERS.find((name) => name === field) ?? 'sku_id' };
}
